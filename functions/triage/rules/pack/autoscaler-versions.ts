import type { Rule } from '../rule.js';
import { re, AWS_ARN } from './shared.js';

/** The denying policy AWS names in newer access-denied messages ("… in a service control policy: arn:…"). */
const DENYING_POLICY = re`(?:[^\n]{0,200}?(?:with an explicit deny|because no) in an? (?<policyType>service control policy|resource control policy|permissions boundary|session policy|identity-based policy|resource-based policy)(?:: (?<policyArn>${AWS_ARN}))?)?`;

/**
 * Autoscaler lines that only exist in some autoscaler versions. 0.4.0 added an instance-refresh
 * check before every scale (plugins/builtin/target/aws-asg/plugin/plugin.go), so these rules sit
 * before the generic autoscaler and cloud-permission rules that would otherwise claim the lines.
 */
export const autoscalerVersionsRules: Rule[] = [
  {
    id: 'nomad-autoscaler.instance-refresh-access-denied',
    title: 'Nomad autoscaler lacks autoscaling:DescribeInstanceRefreshes (autoscaler 0.4.x)',
    issueType: 'cloud-permissions',
    severity: 'high',
    service: 'nomad-autoscaler',
    appliesTo: { services: ['nomad-autoscaler'], versions: { autoscaler: '>=0.4.0' } },
    patterns: [
      re`failed to describe AWS InstanceRefresh: [^\n]{0,200}?StatusCode: (?<statusCode>403)[^\n]{0,120}?api error (?<errorCode>AccessDenied(?:Exception)?)(?:: User: (?<principalArn>${AWS_ARN}) is not authorized to perform: (?<action>autoscaling:DescribeInstanceRefreshes))?${DENYING_POLICY}`,
      re`failed to describe AWS InstanceRefresh: [^\n]{0,300}?(?<errorCode>AccessDenied(?:Exception)?)(?:[^\n]{0,200}?is not authorized to perform: (?<action>autoscaling:DescribeInstanceRefreshes))?${DENYING_POLICY}`,
    ],
    explanation:
      'Since 0.4.0 the aws-asg target calls DescribeInstanceRefreshes before every scaling action, after DescribeAutoScalingGroups succeeded. AWS denied that call, so every scale-out and scale-in fails and the Nomad clients stay at their current size. Roles written for autoscaler 0.3.x (CircleCI Server 4.7 and older) lack the permission; it appears after an upgrade to Server 4.8 or later.',
    remediation: [
      'Allow autoscaling:DescribeInstanceRefreshes on "*" for the autoscaler role (the principal in the message); it is required for autoscaler >= 0.4.0 (CircleCI-Public/server-terraform#202 adds it).',
      'If the message names a service control policy or permissions boundary, that policy denies the call: fix it there; the enrichment (--aws) lists who changed it in the incident window.',
    ],
    references: [
      'https://github.com/hashicorp/nomad-autoscaler/blob/ede4e617db9b03305c70d053ef57ad098e9a2a73/plugins/builtin/target/aws-asg/plugin/plugin.go',
      'https://github.com/CircleCI-Public/server-terraform/pull/202',
    ],
  },
  {
    id: 'nomad-autoscaler.instance-refresh-check-failed',
    title: 'Nomad autoscaler could not check for an instance refresh, so it did not scale',
    issueType: 'nomad-autoscaler',
    severity: 'medium',
    service: 'nomad-autoscaler',
    appliesTo: { services: ['nomad-autoscaler'], versions: { autoscaler: '>=0.4.0' } },
    patterns: [re`failed to describe AWS InstanceRefresh: (?:operation error Auto Scaling: DescribeInstanceRefreshes, )?(?<cause>[^\n"\\]{1,200})`],
    explanation:
      'The DescribeInstanceRefreshes call the aws-asg target makes before every scaling action failed for a reason other than a denial (throttling, network, credentials). That scaling action was abandoned; it is retried at the next evaluation.',
    remediation: [
      'Read the cause after "failed to describe AWS InstanceRefresh:"; for throttling, lengthen evaluation_interval; for credentials or network errors, check the autoscaler pod identity (IRSA) and its route to the Auto Scaling endpoint.',
    ],
  },
  {
    id: 'nomad-autoscaler.instance-refresh-in-progress',
    title: 'Nomad autoscaler pauses scaling while an instance refresh runs (expected)',
    issueType: 'nomad-autoscaler',
    severity: 'info',
    service: 'nomad-autoscaler',
    appliesTo: { services: ['nomad-autoscaler'], versions: { autoscaler: '>=0.4.0' } },
    patterns: [
      re`scaling will not take place due to InstanceRefresh(?:[^\n]{0,300}?asg_name=(?<asgName>[\w.-]{1,255}))?(?:[^\n]{0,200}?refresh_id=(?<refreshId>[\w-]{1,64}))?(?:[^\n]{0,100}?refresh_status=(?<refreshStatus>\w{1,32}))?`,
    ],
    explanation:
      'The client ASG has a Pending or InProgress instance refresh, and the autoscaler deliberately skips scaling until it ends so it does not fight the refresh. This is normal during an AMI or launch-template rollout, not a fault; it matters only if the refresh is stuck or runs during a job backlog.',
    remediation: [
      'If scaling stays paused, check the refresh: aws autoscaling describe-instance-refreshes --auto-scaling-group-name <asg> (its status and percentage complete); cancel a stuck refresh with aws autoscaling cancel-instance-refresh.',
    ],
  },
];
