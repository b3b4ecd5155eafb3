import type { Rule } from '../rule.js';
import { re, CIRCLECI_AND_HAND_COLLECTED, INFRA_FAIL, AWS_ARN, ASG_RESOURCE } from './shared.js';

/** Cloud permissions. */
export const cloudPermissionsRules: Rule[] = [
  {
    id: 'nomad-autoscaler.aws-access-denied',
    title: 'Nomad autoscaler denied by AWS IAM',
    issueType: 'cloud-permissions',
    severity: 'high',
    service: 'nomad-autoscaler',
    appliesTo: { services: ['nomad-autoscaler'] },
    patterns: [
      re`operation error Auto Scaling: (?<operation>\w+), https response error StatusCode: (?<statusCode>403)[^\n]{0,120}?api error (?:AccessDenied(?:Exception)?|UnauthorizedOperation)(?:: User: (?<principalArn>${AWS_ARN}) is not authorized to perform: (?<action>[\w-]+:\w+)(?: on resource: (?<resource>${ASG_RESOURCE}))?)?`,
      re`AccessDenied(?:Exception)?: User: (?<principalArn>${AWS_ARN}) is not authorized to perform: (?<action>(?:autoscaling|ec2):\w+)(?: on resource: (?<resource>${ASG_RESOURCE}))?`,
    ],
    explanation:
      'AWS refused an Auto Scaling call made by the autoscaler (typically autoscaling:DescribeAutoScalingGroups). The autoscaler cannot read or change the Nomad client ASG, so Nomad clients do not scale.',
    remediation: [
      'Allow autoscaling:DescribeAutoScalingGroups and autoscaling:DescribeScalingActivities on "*", and autoscaling:UpdateAutoScalingGroup, autoscaling:TerminateInstanceInAutoScalingGroup and autoscaling:CreateOrUpdateTags on the Nomad client ASG, for the principal in the message; autoscaler >= 0.4.0 (CircleCI Server 4.8 and later) also needs autoscaling:DescribeInstanceRefreshes on "*".',
      'Look for explicit denies (SCPs, permission boundaries) in CloudTrail: aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue=<role-name> --max-items 100',
    ],
  },
  {
    id: 'machine-provisioner.unauthorized-operation',
    title: 'Machine provisioner denied by AWS (UnauthorizedOperation)',
    issueType: 'cloud-permissions',
    severity: 'high',
    appliesTo: { services: ['machine-provisioner', 'vm-service', 'vm-scaler'] },
    patterns: [
      re`(?:UnauthorizedOperation|You are not authorized to perform this operation)(?:[^\n]{0,400}?User: (?<principalArn>${AWS_ARN}) is not authorized to perform: (?<action>[\w-]+:\w+)(?: on resource: (?<resource>${AWS_ARN}))?)?(?:[^\n]{0,600}?Encoded authorization failure message: ?(?<encodedMessage>[A-Za-z0-9_-]{20,10240}))?`,
    ],
    // The task outcome line that follows a denial names the code too; it belongs to infra-fail.
    unless: [INFRA_FAIL],
    explanation:
      'EC2 refused a call made while provisioning a machine executor instance (often ec2:RunInstances). Machine and remote Docker jobs cannot get instances until the IAM policy allows the action.',
    remediation: [
      'Decode the message: aws sts decode-authorization-message --encoded-message "<encoded_message>"',
      'Fix the IAM policy of the principal in the decoded message (check resource ARNs, account IDs, regions, SCP explicit denies and cross-account access).',
      'Check CloudTrail for the denied call: aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue=<role-name> --max-items 100',
    ],
  },
  {
    id: 'cloud.iam-access-denied',
    title: 'AWS IAM access denied',
    issueType: 'cloud-permissions',
    severity: 'high',
    appliesTo: { services: CIRCLECI_AND_HAND_COLLECTED },
    patterns: [
      re`User: (?<principalArn>${AWS_ARN}) is not authorized to perform: (?<action>[\w-]+:\w+)(?: on resource: (?<resource>${AWS_ARN}))?`,
      re`Not authorized to perform (?<action>sts:AssumeRoleWithWebIdentity)`,
      re`Encoded authorization failure message: ?(?<encodedMessage>[A-Za-z0-9_-]{20,10240})`,
      re`StatusCode: (?<statusCode>403), RequestID: [\w-]+,[^\n]{0,300}?api error (?:AccessDenied(?:Exception)?|UnauthorizedOperation)\b`,
    ],
    explanation: 'An AWS API call was refused by IAM. The service making the call cannot do its work until the policy allows the action.',
    remediation: [
      'Decode encoded messages with aws sts decode-authorization-message --encoded-message "<encoded_message>".',
      'Verify the IAM policy: correct resource ARNs (account IDs, regions), service control policies (explicit denies) and cross-account access.',
      'For IRSA (sts:AssumeRoleWithWebIdentity) check the role trust policy names the cluster OIDC provider and system:serviceaccount:<namespace>:<service-account>.',
    ],
  },
];
