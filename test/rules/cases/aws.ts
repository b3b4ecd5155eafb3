import type { Negative, Positive } from '../helpers.js';

const r = String.raw;
const ACCOUNT = '210987654321';
const ROLE = `arn:aws:sts::${ACCOUNT}:assumed-role/acme-ci-machine-provisioner/1710409212318`;
const SCP = `arn:aws:organizations::${ACCOUNT}:policy/o-a1b2c3d4e5/service_control_policy/p-f6g7h8i9`;
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

/** Short synthetic lines for captures and edge cases; real lines live in test/corpus/*.jsonl. */
export const awsPositives: Positive[] = [
  // shortened and unlabelled wordings (real lines, see the corpus)
  {
    rule: 'aws.irsa-web-identity-refused',
    service: 'unknown',
    format: 'init container',
    line: 'caused by Invalid Identity token: No OpenIDConnect provider found in account',
  },
  {
    rule: 'aws.kms-key-unusable',
    service: 'unknown',
    format: 'quoted error',
    line: 'assumed-role/ASEA-Perimeter-Phase-1-CustomLogsLogGroup49AC86AD-NKwAHgWk8y9J/ASEA-Perimeter-Phase1-CustomLogsLogGroupLambda2441-PUpuy08ZjI1K is not authorized to perform: kms:Encrypt on resource',
    captures: { action: 'kms:Encrypt' },
  },
  { rule: 'cloud.iam-access-denied', service: 'unknown', format: 'aws-sdk-js', line: '(node:9134) UnhandledPromiseRejectionWarning: InvalidToken: The provided token is malformed or otherwise invalid.' },
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
    service: 'output-processor',
    format: 'denial without the User: label',
    line: `error="upload: ${ROLE} is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::acme-ci-artifacts/x"`,
    captures: { principalArn: ROLE, action: 's3:PutObject' },
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
    rule: 'aws.credentials-missing',
    service: 'api-service',
    format: 'Go SDK v2 without an instance role',
    line: 'level=error msg="upload" error="failed to refresh cached credentials, no EC2 IMDS role found, operation error ec2imds: GetMetadata, request canceled, context deadline exceeded"',
  },
  {
    rule: 'aws.credentials-missing',
    service: 'frontend',
    format: 'JavaScript SDK v3 provider chain',
    line: 'CredentialsProviderError: Could not load credentials from any providers',
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
    rule: 'aws.launch-ami-unavailable',
    service: 'karpenter',
    format: 'AMI of a node provisioner outside the machine executor',
    line: "level=error msg=\"launching nodeclaim\" error=\"InvalidAMIID.NotFound: The image id '[ami-0c55b159cbfafe1f0]' does not exist\"",
    captures: { errorCode: 'InvalidAMIID.NotFound' },
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
  {
    rule: 'cloud.iam-access-denied',
    service: 'output-processor',
    format: 'Go SDK v1 S3 denial without a reason',
    line: 'level=error msg="upload failed" error="AccessDenied: Access Denied\\n\\tstatus code: 403, request id: 4B2A9C, host id: aGVsbG8="',
  },
  {
    // S3's own throttling wording is claimed by the object-storage rule, before the general one.
    rule: 'object-storage.slow-down',
    service: 'output-processor',
    format: 'S3 SlowDown',
    line: 'SlowDown: Please reduce your request rate.',
  },
  {
    rule: 'object-storage.wrong-region-endpoint',
    service: 'builds-service',
    format: 'S3 signature scoped to the wrong region',
    line: "AuthorizationHeaderMalformed: the region 'us-east-1' is wrong; expecting 'ap-northeast-1'",
    captures: { region: 'us-east-1', expectedRegion: 'ap-northeast-1' },
  },
  {
    rule: 'aws.dry-run-succeeded',
    service: 'machine-provisioner',
    format: 'CLI v1 dry run',
    line: 'A client error (DryRunOperation) occurred when calling the RunInstances operation: Request would have succeeded, but DryRun flag is set.',
  },
  {
    rule: 'aws.credentials-refresh-failed',
    service: 'api-service',
    format: 'botocore warning',
    line: '19:26:45 [WARNING] botocore.credentials: Refreshing temporary credentials failed during mandatory refresh period.',
  },
  {
    rule: 'aws.node-group-scale-up-failed',
    service: 'cluster-autoscaler',
    format: 'klog, backed-off node group',
    line: 'W0313 12:49:40.584456       1 clusterstate.go:297] Disabling scale-up for node group eks-gpu-02c6fc6f until 2024-03-13 12:54:40.13918732 +0000 UTC m=+2030.419314682; errorClass=Other; errorCode=timeout',
    captures: { nodeGroup: 'eks-gpu-02c6fc6f', errorCode: 'timeout' },
  },
  {
    rule: 'aws.asg-launch-failed',
    service: 'machine-provisioner',
    format: 'instance type not offered in the zone',
    line: 'Unsupported: Your requested instance type (m7i.large) is not supported in your requested Availability Zone (us-east-1e).',
    captures: { instanceType: 'm7i.large' },
  },
  {
    rule: 'aws.asg-launch-failed',
    service: 'vm-service',
    format: 'launch template names a missing subnet',
    line: "An error occurred (InvalidSubnetID.NotFound) when calling the RunInstances operation: The subnet ID 'subnet-0a1b2c3d' does not exist",
    captures: { errorCode: 'InvalidSubnetID.NotFound' },
  },
  {
    rule: 'aws.kms-key-unusable',
    service: 'vault',
    format: 'KMS alias not found',
    line: `NotFoundException: Alias arn:aws:kms:us-east-1:${ACCOUNT}:alias/vault-unseal is not found.`,
    captures: { keyState: 'not found' },
  },
  {
    rule: 'aws.kms-key-unusable',
    service: 'vault',
    format: 'Go SDK v2 KMS-only error code',
    line: 'operation error KMS: Decrypt, https response error StatusCode: 400, RequestID: 5d1e, api error InvalidCiphertextException: ',
    captures: { operation: 'Decrypt', statusCode: '400' },
  },
  // real, EKS Pod Identity agent (aws/eks-pod-identity-agent#139, wrapped by the reporter)
  {
    rule: 'aws.pod-identity-credentials-failed',
    service: 'api-service',
    format: 'SDK credential error from the Pod Identity agent',
    line: 'Unauthorized Exception! EKS does not have permissions to assume the associated role., fault: client',
  },
  {
    rule: 'aws.pod-identity-credentials-failed',
    service: 'eks-pod-identity-agent',
    format: 'Pod Identity agent JSON',
    line: '{"client-addr":"10.10.5.179:53244","cluster-name":"eks-cluster-qa","level":"error","msg":"Error fetching credentials: error getting credentials to cache: unable to fetch credentials from EKS Auth: operation error EKS Auth: AssumeRoleForPodIdentity, https response error StatusCode: 0, RequestID: , canceled, context canceled","operation":"AssumeRoleForPodIdentity","request-id":"","service":"EKS Auth","time":"2025-07-09T02:52:10Z"}',
    captures: { reason: 'operation error EKS Auth: AssumeRoleForPodIdentity, https response error StatusCode: 0, RequestID: , canceled, context canceled' },
  },
  // real, aws/eks-pod-identity-agent#89: logged at info and expected
  {
    rule: 'aws.pod-identity-cache-eviction',
    service: 'unknown',
    kind: 'text',
    format: 'Pod Identity agent message',
    line: 'Removing credentials from cache, got non recoverable error: error getting credentials to cache: unable to fetch credentials from EKS Auth: operation error EKS Auth: AssumeRoleForPodIdentity, https response error StatusCode: 400, RequestID: 3c5a77b1-e68d-44fe-8b54-4a6c9bbcb057, ExpiredTokenException: The token included in the request is expired: current date/time 2025-07-06T07:02:09.314833331Z must be before the expiration date/time 2025-07-06T04:16:18Z.',
  },
  // real, hashicorp/vault#30302
  { rule: 'aws.kms-vault-status-unsealed', service: 'vault', format: 'vault status row', line: 'Sealed                   false' },
  // real, aws/aws-encryption-sdk-python#51
  { rule: 'aws.kms-key-unusable', service: 'output-processor', format: 'AWS Encryption SDK', line: 'Unable to decrypt any data key' },
  // real, aws/aws-parallelcluster-node#415
  {
    rule: 'aws.asg-launch-failed',
    service: 'machine-provisioner',
    format: 'boto3 Spot price refusal',
    line: "ERROR - Encountered exception when launching instances for nodes (x1) ['queue1-dy-compute1-1']: An error occurred (SpotMaxPriceTooLow) when calling the RunInstances operation: Your Spot request price of 0.001 is lower than the minimum required Spot request fulfillment price of 0.0374.",
    captures: { errorCode: 'SpotMaxPriceTooLow' },
  },
  // real, traveloka/terraform-aws-autoscaling#38
  {
    rule: 'aws.asg-launch-failed',
    service: 'machine-provisioner',
    format: 'Terraform launch template refusal',
    line: 'Error: Error creating AutoScaling Group: InvalidQueryParameter: Invalid launch template: When a network interface is provided, the security groups must be a part of it.',
    captures: { reason: 'When a network interface is provided, the security groups must be a part of it.' },
  },
  // real, onmyway133/notes#707
  {
    rule: 'aws.ec2-insufficient-capacity',
    service: 'unknown',
    kind: 'text',
    format: 'Dedicated Host capacity',
    line: 'You do not have a host with a matching configuration and sufficient capacity. Either target a host resource group that can automatically allocate hosts on your behalf, or manually allocate a new host to your account and then try again.',
  },
  // real, onnela-lab/beiwe-backend#36
  {
    rule: 'object-storage.server-error',
    service: 'output-processor',
    format: 'boto3 S3 InternalError',
    line: 'ClientError: An error occurred (InternalError) when calling the PutObject operation (reached max retries: 4): We encountered an internal error. Please try again.',
  },
  // synthetic, Java SDK v1 envelope with the 503 code
  {
    rule: 'object-storage.server-error',
    service: 'builds-service',
    format: 'Java SDK S3 envelope',
    line: 'com.amazonaws.services.s3.model.AmazonS3Exception: Service Unavailable (Service: Amazon S3; Status Code: 503; Error Code: ServiceUnavailable; Request ID: 7E1A2B3C4D5E6F70)',
    captures: { statusCode: '503', errorCode: 'ServiceUnavailable' },
  },
  // real, aws/aws-cli#5420
  { rule: 'object-storage.upload-too-large', service: 'output-processor', format: 'AWS CLI', line: 'An error occurred (EntityTooLarge) when calling the UploadPart operation: Your proposed upload exceeds the maximum allowed size' },
  // real, ember-cli-deploy/ember-cli-deploy-s3#108
  {
    rule: 'object-storage.request-timeout',
    service: 'frontend',
    format: 'JS SDK v2',
    line: 'RequestTimeout: Your socket connection to the server was not read from or written to within the timeout period. Idle connections will be closed.',
  },
];

export const awsNegatives: Negative[] = [
  { service: 'api-service', why: 'an IAM policy statement naming the action', line: '      "Action": "sts:AssumeRoleWithWebIdentity",' },
  { service: 'nomad-autoscaler', why: 'a Kubernetes client-side throttle, not AWS', line: 'I1201 10:00:00.000000       1 request.go:601] Waited for 1.0s due to client-side throttling, not priority and fairness' },
  { service: 'machine-provisioner', why: 'a retried throttle', line: 'level=warn msg="RequestLimitExceeded: Request limit exceeded., retrying in 2s"' },
  { service: 'api-service', why: 'a debug dump of a denied request', line: '2026-12-01 10:00:00,000 - MainThread - botocore.parsers - DEBUG - Response body: <Code>AccessDenied</Code>' },
  { service: 'host', why: 'a successful scaling activity', line: '"Description": "Launching a new EC2 instance: i-0d44425630326060f",' },
  { service: 'machine-provisioner', why: 'a Spot request status that is not a failure', line: 'Spot request sir-a1b2c3d4 status: fulfilled (Your Spot request is fulfilled.)' },
  { service: 'api-service', why: 'an Access Denied page of another product', line: 'nginx: 403 Forbidden - Access denied for user ci on /admin' },
  { service: 'vault', why: 'a KMS key that is enabled', line: '"KeyState": "Enabled",' },
  { service: 'karpenter', why: 'a zero-valued error counter', line: 'karpenter_cloudprovider_errors_total{controller="nodeclaim.lifecycle",error="InsufficientInstanceCapacity",method="Create"} 0' },
  { service: 'api-service', why: 'a zero-valued denial counter', line: 'aws_sdk_errors_total{code="AccessDenied",operation="PutObject"} 0' },
];
