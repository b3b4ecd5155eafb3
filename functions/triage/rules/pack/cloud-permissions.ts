import type { Rule } from '../rule.js';
import { re, INFRA_FAIL, AWS_ARN, ASG_RESOURCE } from './shared.js';
import { AWS_CALLERS, METRIC_ZERO, DENIAL_REASON, DENIAL_REASON_ALONE, IAM_DENIAL_UNLABELLED, DENIED_CODES, DENIED_MESSAGES, NOT_DEBUG, iamDenial, sdkErrorEnvelopes } from './aws-errors.js';

const IAM_DOCS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html';
const KMS_CODES = re`AccessDeniedException|DisabledException|KMSInvalidStateException|NotFoundException|InvalidCiphertextException|IncorrectKeyException|InvalidKeyUsageException`;
/** Codes only KMS returns; generic ones (AccessDeniedException, NotFoundException) count only inside a KMS envelope. */
const KMS_ONLY_CODES = re`DisabledException|KMSInvalidStateException|InvalidCiphertextException|IncorrectKeyException|InvalidKeyUsageException|KeyUnavailableException`;

/** Cloud permissions: IAM, STS web identity (IRSA) and KMS refusals. */
export const cloudPermissionsRules: Rule[] = [
  {
    id: 'aws.dry-run-succeeded',
    title: 'EC2 dry run succeeded (DryRunOperation)',
    issueType: 'cloud-permissions',
    severity: 'info',
    ignore: true,
    // EC2 answers a permitted DryRun request with an error code; SDKs and tools log it as an error.
    patterns: [re`\bDryRunOperation\b`, re`Request would have succeeded, but DryRun flag is set`],
    explanation: 'A request sent with DryRun=true was allowed: EC2 reports that as the DryRunOperation error, which tools print as a failure. Nothing failed.',
    remediation: ['Nothing to do; a denied dry run answers UnauthorizedOperation instead.'],
    references: ['https://github.com/aws/aws-cli/issues/3127', 'https://github.com/awslabs/aws-cloudsaga/issues/8', 'https://github.com/aws/aws-parallelcluster/pull/2832'],
  },
  {
    id: 'nomad-autoscaler.aws-access-denied',
    title: 'Nomad autoscaler denied by AWS IAM',
    issueType: 'cloud-permissions',
    severity: 'high',
    service: 'nomad-autoscaler',
    appliesTo: { services: ['nomad-autoscaler'] },
    patterns: [
      re`operation error Auto Scaling: (?<operation>\w+), https response error StatusCode: (?<statusCode>403)[^\n]{0,120}?api error (?:AccessDenied(?:Exception)?|UnauthorizedOperation)(?:: User: (?<principalArn>${AWS_ARN}) is not authorized to perform: (?<action>[\w-]+:\w+)(?: on resource: (?<resource>${ASG_RESOURCE}))?(?:,? ${DENIAL_REASON})?)?`,
      re`AccessDenied(?:Exception)?: User: (?<principalArn>${AWS_ARN}) is not authorized to perform: (?<action>(?:autoscaling|ec2):\w+)(?: on resource: (?<resource>${ASG_RESOURCE}))?(?:,? ${DENIAL_REASON})?`,
    ],
    explanation:
      'AWS refused an Auto Scaling call made by the autoscaler (typically autoscaling:DescribeAutoScalingGroups). The autoscaler cannot read or change the Nomad client ASG, so Nomad clients do not scale.',
    remediation: [
      'Allow autoscaling:DescribeAutoScalingGroups and autoscaling:DescribeScalingActivities on "*", and autoscaling:UpdateAutoScalingGroup, autoscaling:TerminateInstanceInAutoScalingGroup and autoscaling:CreateOrUpdateTags on the Nomad client ASG, for the principal in the message; autoscaler >= 0.4.0 (CircleCI Server 4.8 and later) also needs autoscaling:DescribeInstanceRefreshes on "*".',
      'Look for explicit denies (SCPs, permission boundaries) in CloudTrail: aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue=<role-name> --max-items 100',
    ],
    references: [IAM_DOCS],
  },
  {
    id: 'aws.kms-key-unusable',
    title: 'AWS KMS key unusable (denied, disabled, pending deletion or missing)',
    issueType: 'cloud-permissions',
    severity: 'high',
    appliesTo: { services: AWS_CALLERS },
    levels: NOT_DEBUG,
    patterns: [
      iamDenial(re`kms:\w+`),
      // The same denial when a wrapper cut the message before the principal ARN.
      re`\bis not authorized to perform: (?<action>kms:\w+)`,
      re`The ciphertext refers to a (?:customer master key|KMS key|CMK) that does not exist`,
      re`(?<keyArn>arn:aws[\w-]{0,20}:kms:[^\s"'\\,]{1,200}) is (?<keyState>pending deletion|disabled|pending import|unavailable|not found)`,
      re`\b(?<errorCode>KMS(?:InvalidState|Disabled|NotFound|AccessDenied)(?:Exception|Fault)?)\b`,
      // S3 and EBS pass KMS errors through with a `KMS.` prefix: KMS.NotFoundException, KMS.DisabledException.
      re`\b(?<errorCode>KMS\.\w{2,40}Exception)\b`,
      // Tools that name the key in their own words: missing, wrong region, disabled.
      re`\bKMS [Kk]ey\b[^\n]{0,200}?\b(?<keyState>non[- ]?existent|does not exist|not enabled|is disabled|pending deletion)\b`,
      re`\b[Cc]ould not (?:generate|create|encrypt|decrypt) (?:a |the )?(?:data )?key using KMS key\b`,
      // The AWS Encryption SDK names the master key it could not use.
      re`\b(?<errorCode>EncryptKeyError|DecryptKeyError|GenerateKeyError)\b[^\n]{0,100}?arn:aws[\w-]{0,20}:kms:`,
      re`(?<errorCode>Client\.InvalidKMSKey\.InvalidState)|The KMS key provided is in an incorrect state`,
      re`encrypted with an inaccessible AWS KMS key`,
      // The AWS Encryption SDK (Python, Go, Java, the material providers) when no wrapping key could open the data key.
      re`[Uu]nable to decrypt any (?:encrypted )?data keys?\b`,
      re`because KMS access was denied`,
      re`Key '(?<keyArn>arn:aws[\w-]{0,20}:kms:[^'\s]{1,300})' does not exist`,
      re`error KMS: (?<operation>\w+), (?:exceeded maximum number of attempts, \d+, )?https response error StatusCode: (?<statusCode>4\d\d)`,
      re`\(Service: (?<awsService>AWSKMS|Kms|KMS); Status Code: (?<statusCode>\d{3}); Error Code: (?<errorCode>${KMS_CODES});`,
      ...sdkErrorEnvelopes(KMS_ONLY_CODES),
    ],
    explanation:
      'A KMS key could not be used: the caller is not allowed to use it (IAM policy, key policy or grant), or the key is disabled, pending deletion, in another region or gone. Whatever it encrypts (EBS volumes of new instances, Vault auto-unseal, S3 objects, secrets) cannot be read or created.',
    remediation: [
      'Check the key state and region: aws kms describe-key --key-id <key-arn> (KeyState must be Enabled; cancel a pending deletion with aws kms cancel-key-deletion).',
      'Allow the principal in the message kms:Decrypt, kms:GenerateDataKey* and kms:DescribeKey in both its IAM policy and the key policy; for encrypted EBS volumes launched by Auto Scaling, grant the AWSServiceRoleForAutoScaling role kms:CreateGrant on the key.',
    ],
    references: [
      'https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html',
      'https://github.com/aws/aws-encryption-sdk-javascript/issues/1005',
      'https://github.com/hashicorp/terraform-provider-aws/issues/39904',
      'https://github.com/trussworks/terraform-aws-s3-anti-virus/pull/48',
      'https://github.com/fluxcd/kustomize-controller/issues/673',
      'https://github.com/aws/aws-encryption-sdk-python/issues/51',
    ],
  },
  {
    id: 'aws.kms-vault-status-unsealed',
    title: 'vault status row of an unsealed server',
    issueType: 'cloud-permissions',
    severity: 'info',
    ignore: true,
    // `vault status` of a KMS auto-unsealed server is pasted with the KMS evidence; its rows are not errors.
    patterns: [re`^\s*Sealed\s{2,}false\s*$`],
    explanation: 'A row of vault status saying the server is unsealed; nothing failed.',
    remediation: ['Nothing to do; a sealed server shows Sealed true and its unseal errors in the server log.'],
    references: ['https://github.com/hashicorp/vault/issues/30302'],
  },
  {
    id: 'aws.pod-identity-cache-eviction',
    title: 'EKS Pod Identity agent dropped an expired credential from its cache',
    issueType: 'cloud-permissions',
    severity: 'info',
    ignore: true,
    // The agent logs this at info when a cached token expires; the next request fetches new credentials.
    patterns: [re`Removing credentials from cache, got non recoverable error: `],
    explanation: 'The EKS Pod Identity agent evicts a cached credential whose token expired and fetches a new one on the next request; workloads keep their credentials.',
    remediation: ['Nothing to do unless pods report credential errors at the same time.'],
    references: ['https://github.com/aws/eks-pod-identity-agent/issues/89'],
  },
  {
    id: 'aws.pod-identity-credentials-failed',
    title: 'EKS Pod Identity agent could not get credentials for a pod',
    issueType: 'cloud-permissions',
    severity: 'high',
    appliesTo: { services: [...AWS_CALLERS, 'eks-pod-identity-agent*'] },
    levels: NOT_DEBUG,
    patterns: [
      re`unable to fetch credentials from EKS Auth: (?<reason>[^\n"]{1,300})`,
      re`operation error EKS Auth: AssumeRoleForPodIdentity, `,
      re`Service account token cannot be (?<tokenProblem>parsed|empty)`,
      re`EKS does not have permissions to assume the associated role`,
      // aws-sdk-go v1 releases older than Pod Identity refuse the agent address and fall through to no credentials.
      re`Ignoring, HTTP credential provider (?:invalid endpoint host, "(?<host>[^"\n]{1,253})", only loopback hosts are allowed|unable to parse host from local HTTP cred provider URL|failed to resolve host)`,
    ],
    explanation:
      'The EKS Pod Identity agent on the node (or the SDK calling it at 169.254.170.23) could not exchange the pod service-account token for the IAM role associated with it: EKS Auth refused or timed out, the role trust policy does not allow pods.eks.amazonaws.com, the projected token is missing or malformed, or the SDK of the pod is too old to accept the agent address. AWS calls of that pod fail.',
    remediation: [
      'Check the association: aws eks list-pod-identity-associations --cluster-name <cluster> --namespace <namespace>, and that the role trust policy allows pods.eks.amazonaws.com sts:AssumeRole and sts:TagSession.',
      'Check the agent on the node (kubectl logs -n kube-system -l app.kubernetes.io/name=eks-pod-identity-agent) and that the pod has AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE set.',
    ],
    references: [
      'https://github.com/aws/eks-pod-identity-agent/issues/50',
      'https://github.com/aws/secrets-store-csi-driver-provider-aws/issues/465',
      'https://github.com/aws/eks-pod-identity-agent/issues/139',
      'https://github.com/n8n-io/n8n/issues/23584',
      'https://github.com/aws/aws-sdk-php/issues/3188',
      'https://github.com/aws-controllers-k8s/community/issues/2145',
      'https://docs.aws.amazon.com/eks/latest/userguide/pod-id-minimum-sdk.html',
    ],
  },
  {
    id: 'aws.irsa-web-identity-refused',
    title: 'IRSA web identity credentials refused by STS (AssumeRoleWithWebIdentity)',
    issueType: 'cloud-permissions',
    severity: 'high',
    appliesTo: { services: AWS_CALLERS },
    levels: NOT_DEBUG,
    patterns: [
      re`Not authorized to perform:? (?<action>sts:AssumeRoleWithWebIdentity)`,
      // Wrappers shorten the STS message ("in account", no issuer); the issuer is captured when present.
      re`No OpenIDConnect provider found in (?:your )?account(?: for (?<oidcIssuer>[^\s"\\,]+))?`,
      re`\b(?<errorCode>InvalidIdentityToken(?:Exception)?|IDPRejectedClaim(?:Exception)?|IDPCommunicationError(?:Exception)?)(?::|\)|</Code>)`,
      re`WebIdentityErr(?:or)?: (?:[Ff]ailed to retrieve credentials|failed fetching WebIdentity token|unable to read file at (?<tokenFile>\S+))`,
      re`operation error STS: AssumeRoleWithWebIdentity, `,
      re`\((?<errorCode>\w+)\) when calling the AssumeRoleWithWebIdentity operation`,
      re`Token expired: current date/time \d+ must be before the expiration date/time ?\d+`,
      re`<Code>(?<errorCode>ExpiredTokenException)</Code>`,
      re`Couldn't retrieve verification key from your identity provider`,
    ],
    explanation:
      'STS refused to exchange a pod service-account token for the IAM role (IRSA): the OIDC provider of the cluster is not registered in IAM, the role trust policy does not name it or the service account, or the token expired. Every AWS call of that pod fails until the credentials work.',
    remediation: [
      'Register the cluster OIDC issuer as an IAM identity provider: eksctl utils associate-iam-oidc-provider --cluster <cluster> --approve (compare with aws eks describe-cluster --name <cluster> --query cluster.identity.oidc.issuer).',
      'Make the role trust policy allow sts:AssumeRoleWithWebIdentity for that provider with conditions <issuer>:sub = system:serviceaccount:<namespace>:<service-account> and <issuer>:aud = sts.amazonaws.com, and check the eks.amazonaws.com/role-arn annotation on the service account.',
    ],
    references: [
      'https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html',
      'https://github.com/kubernetes-sigs/aws-ebs-csi-driver/issues/748',
      'https://github.com/kubernetes-sigs/aws-load-balancer-controller/issues/1226',
      'https://github.com/namespacelabs/foundation/issues/801',
      'https://github.com/awslabs/aws-orbit-workbench/issues/707',
      'aws/aws-sdk-go@8d203ccff393340d080be0417d091cc60354449b:aws/credentials/stscreds/web_identity_provider.go',
    ],
  },
  {
    id: 'aws.credentials-missing',
    title: 'No AWS credentials found by the SDK credential chain',
    issueType: 'cloud-permissions',
    severity: 'high',
    appliesTo: { services: AWS_CALLERS },
    levels: NOT_DEBUG,
    patterns: [
      re`NoCredentialProviders:? no valid providers in chain`,
      re`no EC2 IMDS role found`,
      re`EC2RoleRequestError: no EC2 instance role found`,
      re`Unable to locate credentials`,
      re`Could not load credentials from any providers`,
      // SDK v3 for JavaScript: the instance metadata provider, last in the chain, answered with an error.
      re`ProviderError: Error response received from instance metadata service`,
      // The C++ and PHP SDKs' instance-profile providers failing the same way.
      re`EC2MetadataClient \[\d{1,20}\] Http request to retrieve credentials failed with error code \d{3}`,
      re`Error retrieving credentials from the instance profile metadata service`,
      re`Unable to load (?:AWS )?credentials from any (?:provider in the chain|of the providers in the chain)`,
    ],
    explanation:
      'The AWS SDK of the service found no credentials at all: no IRSA web identity token, no instance profile reachable through the instance metadata service, no keys in the environment or files. Every AWS call of the service fails (object storage, ASG, EC2).',
    remediation: [
      'For IRSA check the service account annotation eks.amazonaws.com/role-arn and that the pod has AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE set (kubectl exec <pod> -- env | grep AWS_).',
      'For instance profiles check the instance has a role and that IMDS answers from the pod (hop limit: aws ec2 modify-instance-metadata-options --http-put-response-hop-limit 2); for static keys check the Helm values of the service.',
    ],
    references: [
      'https://github.com/aws/aws-sdk-go/issues/1619',
      'https://github.com/hashicorp/aws-sdk-go-base/issues/25',
      'https://github.com/aws/copilot-cli/pull/187',
      'https://github.com/helm/chartmuseum/issues/792',
      'https://github.com/aws/aws-sdk-js-v3/issues/3913',
      'https://github.com/aws/aws-sdk-js-v3/issues/4491',
      'https://github.com/aws/aws-cdi-sdk/issues/136',
      'https://github.com/aws/aws-sdk-php/issues/2769',
    ],
  },
  {
    id: 'aws.credentials-refresh-failed',
    title: 'AWS temporary credentials could not be refreshed before they expired',
    issueType: 'cloud-permissions',
    severity: 'high',
    appliesTo: { services: AWS_CALLERS },
    levels: NOT_DEBUG,
    // botocore logs this at WARNING when the refresh inside the mandatory window fails; the call then raises.
    patterns: [re`Refreshing temporary credentials failed during mandatory refresh period`],
    explanation:
      'The AWS SDK of the service had temporary credentials (IRSA web identity, assumed role, SSO or a credential process) that were about to expire, and fetching new ones failed. Its AWS calls fail from then on; the line after this one usually names the cause.',
    remediation: [
      'Read the error logged right after this line (AccessDenied or InvalidIdentityToken from STS, an expired SSO session, an unreachable endpoint).',
      'For IRSA check the projected token file is mounted and refreshed (AWS_WEB_IDENTITY_TOKEN_FILE) and the role trust policy; restart the pod if the token file went stale.',
    ],
    references: ['https://github.com/sentry-kubernetes/charts/issues/514'],
  },
  {
    id: 'machine-provisioner.unauthorized-operation',
    title: 'Machine provisioner denied by AWS (UnauthorizedOperation)',
    issueType: 'cloud-permissions',
    severity: 'high',
    appliesTo: { services: ['machine-provisioner', 'vm-service', 'vm-scaler'] },
    patterns: [
      re`(?:UnauthorizedOperation|You are not authorized to perform this operation)(?:[^\n]{0,400}?${iamDenial()})?(?:[^\n]{0,600}?Encoded authorization failure message: ?(?<encodedMessage>[A-Za-z0-9_-]{8,10240}))?`,
    ],
    // The task outcome line that follows a denial names the code too; it belongs to infra-fail.
    defer: [INFRA_FAIL],
    explanation:
      'EC2 refused a call made while provisioning a machine executor instance (often ec2:RunInstances). Machine and remote Docker jobs cannot get instances until the IAM policy allows the action.',
    remediation: [
      'Decode the message: aws sts decode-authorization-message --encoded-message "<encoded_message>"',
      'Fix the IAM policy of the principal in the decoded message (check resource ARNs, account IDs, regions, SCP explicit denies and cross-account access).',
      'Check CloudTrail for the denied call: aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue=<role-name> --max-items 100',
    ],
    references: [IAM_DOCS, 'https://github.com/hashicorp/terraform/issues/23918'],
  },
  {
    id: 'cloud.iam-access-denied',
    title: 'AWS IAM access denied',
    issueType: 'cloud-permissions',
    severity: 'high',
    appliesTo: { services: AWS_CALLERS },
    levels: NOT_DEBUG,
    patterns: [
      iamDenial(),
      IAM_DENIAL_UNLABELLED,
      DENIAL_REASON_ALONE,
      re`Not authorized to perform:? (?<action>sts:\w+)`,
      re`Encoded authorization failure message: ?(?<encodedMessage>[A-Za-z0-9_-]{8,10240})?`,
      // Envelopes before bare messages: the first matching pattern decides which captures the finding gets.
      re`StatusCode: (?<statusCode>403), RequestID: [\w-]+,[^\n]{0,300}?api error (?<errorCode>${DENIED_CODES})\b`,
      ...sdkErrorEnvelopes(DENIED_CODES),
      re`\b(?<errorCode>UnauthorizedOperation)\b[^\n]{0,40}?You are not authorized to perform this operation`,
      re`You are not authorized to perform this operation\.?[^\n]{0,200}?\b(?<errorCode>UnauthorizedOperation)\b`,
      re`\(Service: (?<awsService>\w+), Status Code: (?<statusCode>403), Request ID:`,
      re`code: '(?<errorCode>${DENIED_CODES})'`,
      re`The security token included in the request is (?<tokenProblem>expired|invalid)`,
      // STS and S3 answer InvalidToken for a session token they cannot parse (a mangled IRSA token file).
      re`InvalidToken: The provided token is (?<tokenProblem>malformed) or otherwise invalid`,
      ...DENIED_MESSAGES,
    ],
    // An expired presigned URL answers AccessDenied too; api.presigned-url-expired explains that one.
    unless: [re`Request has expired`, METRIC_ZERO],
    explanation: 'An AWS API call was refused by IAM. The service making the call cannot do its work until the policy allows the action.',
    remediation: [
      'Decode encoded messages with aws sts decode-authorization-message --encoded-message "<encoded_message>".',
      'Verify the IAM policy: correct resource ARNs (account IDs, regions), service control policies (explicit denies) and cross-account access; the message names the policy type (and for explicit denies its ARN) that refused.',
      'For IRSA (sts:AssumeRoleWithWebIdentity) check the role trust policy names the cluster OIDC provider and system:serviceaccount:<namespace>:<service-account>.',
    ],
    references: [
      IAM_DOCS,
      'https://github.com/kubernetes-sigs/aws-load-balancer-controller/issues/2322',
      'https://github.com/nebari-dev/nebari/issues/2152',
      'https://github.com/cloud-custodian/cloud-custodian/issues/4736',
      'https://github.com/jenkins-infra/jenkins.io/issues/6057',
      'https://github.com/pulumi/pulumi-aws/issues/3866',
      'https://github.com/StreisandEffect/streisand/issues/1618',
    ],
  },
];
