import type { Negative, Positive } from '../helpers.js';

const r = String.raw;
const ACCOUNT = '210987654321';
const ROLE = `arn:aws:sts::${ACCOUNT}:assumed-role/acme-ci-machine-provisioner/1710409212318`;
const SCP = `arn:aws:organizations::${ACCOUNT}:policy/o-a1b2c3d4e5/service_control_policy/p-f6g7h8i9`;
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

/** Short synthetic lines for captures and edge cases; real lines live in test/corpus/*.jsonl. */
export const awsPositives: Positive[] = [
  {
    rule: 'cloud.iam-access-denied',
    service: 'api-service',
    format: 'Go SDK v2, explicit deny in an SCP with its ARN',
    line: `level=error msg="put object" error="operation error S3: PutObject, https response error StatusCode: 403, RequestID: 0f5c2d7e, api error AccessDenied: User: ${ROLE} is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::acme-ci-artifacts/job-1 with an explicit deny in a service control policy: ${SCP}"`,
    captures: {
      principalArn: ROLE,
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::acme-ci-artifacts/job-1',
      denial: 'explicit',
      policyType: 'scp',
      policyArn: SCP,
    },
  },
  {
    rule: 'cloud.iam-access-denied',
    service: 'frontend',
    format: 'boto3, implicit deny by a permissions boundary',
    line: `botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the AssumeRole operation: User: ${ROLE} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${ACCOUNT}:role/acme-ci-s3 because no permissions boundary allows the sts:AssumeRole action`,
    captures: { action: 'sts:AssumeRole', resource: `arn:aws:iam::${ACCOUNT}:role/acme-ci-s3`, denial: 'implicit', policyType: 'permissions-boundary' },
  },
  {
    rule: 'cloud.iam-access-denied',
    service: 'api-service',
    format: 'session policy, masked account id with a space',
    line: 'AccessDeniedException: User: arn:aws:sts::[account id]:assumed-role/ci/session is not authorized to perform: secretsmanager:GetSecretValue because no session policy allows the secretsmanager:GetSecretValue action',
    captures: { principalArn: 'arn:aws:sts::[account id]:assumed-role/ci/session', policyType: 'session-policy', denial: 'implicit' },
  },
  {
    rule: 'cloud.iam-access-denied',
    service: 'output-processor',
    format: 'explicit deny in a resource control policy',
    line: `User: ${ROLE} is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::acme-ci-artifacts/x with an explicit deny in a resource control policy: arn:aws:organizations::${ACCOUNT}:policy/o-a1b2c3d4e5/resource_control_policy/p-rcp1`,
    captures: { policyType: 'rcp', policyArn: `arn:aws:organizations::${ACCOUNT}:policy/o-a1b2c3d4e5/resource_control_policy/p-rcp1` },
  },
  {
    rule: 'cloud.iam-access-denied',
    service: 'api-service',
    format: 'reason clause on a continuation line',
    line: ' because no resource-based policy allows the s3:GetObject action.',
    captures: { denial: 'implicit', policyType: 'resource-policy', action: 's3:GetObject' },
  },
  {
    rule: 'cloud.iam-access-denied',
    service: 'host',
    format: 'Java SDK v1 error envelope',
    line: 'com.amazonaws.services.ec2.model.AmazonEC2Exception: You are not authorized to perform this operation. (Service: AmazonEC2; Status Code: 403; Error Code: UnauthorizedOperation; Request ID: 445dc2f1)',
    captures: { errorCode: 'UnauthorizedOperation' },
  },
  {
    rule: 'nomad-autoscaler.aws-access-denied',
    service: 'nomad-autoscaler',
    format: 'hclog, Go SDK v2, identity-based policy',
    line: `2026-12-01T10:00:00.000Z [ERROR] policy_manager.policy_handler: failed to get target status: error="operation error Auto Scaling: DescribeAutoScalingGroups, https response error StatusCode: 403, RequestID: 0f5c, api error AccessDenied: User: ${ROLE} is not authorized to perform: autoscaling:DescribeAutoScalingGroups because no identity-based policy allows the autoscaling:DescribeAutoScalingGroups action"`,
    captures: { action: 'autoscaling:DescribeAutoScalingGroups', policyType: 'identity-policy' },
  },
  {
    rule: 'machine-provisioner.unauthorized-operation',
    service: 'machine-provisioner',
    format: 'Go SDK v1, explicit deny in an SCP',
    line: `UnauthorizedOperation: You are not authorized to perform this operation. User: ${ROLE} is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:${ACCOUNT}:instance/* with an explicit deny in a service control policy: ${SCP}`,
    captures: { action: 'ec2:RunInstances', policyType: 'scp', policyArn: SCP },
  },
  {
    rule: 'aws.kms-key-unusable',
    service: 'vault',
    format: 'KMS key pending deletion',
    line: `2026-12-01T10:00:00.000Z [ERROR] core: failed to unseal: error="error decrypting: KMSInvalidStateException: ${KEY} is pending deletion."`,
    captures: { keyArn: KEY, keyState: 'pending deletion' },
  },
  {
    rule: 'aws.kms-key-unusable',
    service: 'vault',
    format: 'KMS key disabled, ARN and state captured',
    line: `error="DisabledException: ${KEY} is disabled."`,
    captures: { keyArn: KEY, keyState: 'disabled' },
  },
  {
    rule: 'aws.kms-key-unusable',
    service: 'machine-provisioner',
    format: 'kms action denial, before the generic IAM rule',
    line: `User: ${ROLE} is not authorized to perform: kms:CreateGrant on resource: ${KEY} because no identity-based policy allows the kms:CreateGrant action`,
    captures: { action: 'kms:CreateGrant', resource: KEY, policyType: 'identity-policy' },
  },
  {
    rule: 'aws.irsa-web-identity-refused',
    service: 'ebs-csi-controller',
    format: 'OIDC issuer captured',
    line: 'caused by: InvalidIdentityToken: No OpenIDConnect provider found in your account for https://oidc.eks.us-east-1.amazonaws.com/id/0A1B2C3D4E5F',
    captures: { oidcIssuer: 'https://oidc.eks.us-east-1.amazonaws.com/id/0A1B2C3D4E5F' },
  },
  {
    rule: 'aws.irsa-web-identity-refused',
    service: 'frontend',
    format: 'token file missing',
    line: 'WebIdentityErr: unable to read file at /var/run/secrets/eks.amazonaws.com/serviceaccount/token',
    captures: { tokenFile: '/var/run/secrets/eks.amazonaws.com/serviceaccount/token' },
  },
  {
    rule: 'aws.ec2-insufficient-capacity',
    service: 'machine-provisioner',
    format: 'instance type and zone captured',
    line: 'api error InsufficientInstanceCapacity: We currently do not have sufficient m5.2xlarge capacity in the Availability Zone you requested (us-east-1a).',
    captures: { instanceType: 'm5.2xlarge', availabilityZone: 'us-east-1a' },
  },
  {
    rule: 'aws.ec2-quota-exceeded',
    service: 'nomad-autoscaler',
    format: 'vCPU limit captured',
    line: 'VcpuLimitExceeded: You have requested more vCPU capacity than your current vCPU limit of 32 allows for the instance bucket that the specified instance type belongs to.',
    captures: { limit: '32' },
  },
  {
    rule: 'aws.subnet-addresses-exhausted',
    service: 'host',
    format: 'subnet id captured',
    line: "Status Reason: There are not enough free addresses in subnet 'subnet-0a1b2c3d' to satisfy the requested number of instances.",
    captures: { subnetId: 'subnet-0a1b2c3d' },
  },
  {
    rule: 'aws.api-throttled',
    service: 'nomad-autoscaler',
    format: 'Go SDK v2 throttling envelope',
    line: r`error="operation error Auto Scaling: DescribeAutoScalingGroups, https response error StatusCode: 400, RequestID: 1a2b, api error Throttling: Rate exceeded"`,
    captures: { errorCode: 'Throttling' },
  },
  {
    rule: 'aws.asg-launch-failed',
    service: 'host',
    format: 'status reason captured',
    line: 'Launching a new EC2 instance: i-0d44425630326060f. Status Reason: The requested configuration is currently not supported. Launching EC2 instance failed.',
    captures: { instanceId: 'i-0d44425630326060f' },
  },
  {
    rule: 'machine.ami-unavailable',
    service: 'vm-service',
    format: 'AMI id captured',
    line: "InvalidAMIID.NotFound: The image id '[ami-0c55b159cbfafe1f0]' does not exist",
    captures: { errorCode: 'InvalidAMIID.NotFound' },
  },
  {
    rule: 'machine.instance-launch-failed',
    service: 'machine-provisioner',
    format: 'state reason captured',
    line: 'instance i-0abc123def4567890 terminated: Client.InternalError: Client error on launch',
    captures: { stateReason: 'Client.InternalError' },
  },
];

export const awsNegatives: Negative[] = [
  { service: 'api-service', why: 'an IAM policy statement naming the action', line: '      "Action": "sts:AssumeRoleWithWebIdentity",' },
  { service: 'nomad-autoscaler', why: 'a Kubernetes client-side throttle, not AWS', line: 'I1201 10:00:00.000000       1 request.go:601] Waited for 1.0s due to client-side throttling, not priority and fairness' },
  { service: 'machine-provisioner', why: 'a retried throttle', line: 'level=warn msg="RequestLimitExceeded: Request limit exceeded., retrying in 2s"' },
  { service: 'api-service', why: 'a debug dump of a denied request', line: '2026-12-01 10:00:00,000 - MainThread - botocore.parsers - DEBUG - Response body: <Code>AccessDenied</Code>' },
  { service: 'host', why: 'a successful scaling activity', line: '"Description": "Launching a new EC2 instance: i-0d44425630326060f",' },
];
