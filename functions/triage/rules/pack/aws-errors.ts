/**
 * Regex fragments for AWS API errors as the SDKs, the CLI and the services word them, shared by the
 * cloud-permissions and aws-capacity rule files. Each fragment is written once so every rule reads
 * the same SDK envelopes and the same named captures.
 */
import { re, CIRCLECI_AND_HAND_COLLECTED } from './shared.js';
import type { Rule } from '../rule.js';

/**
 * Kubernetes add-ons that call AWS with IRSA credentials on an EKS-hosted install (VPC CNI, EBS and
 * EFS CSI drivers, cluster autoscaler, load balancer controller, Karpenter, external-dns/secrets).
 */
export const AWS_ADDONS = [
  'aws-node*',
  'ebs-csi-*',
  'efs-csi-*',
  'cluster-autoscaler*',
  'aws-load-balancer-controller*',
  'karpenter*',
  'external-dns*',
  'external-secrets*',
];

/** Everything whose log can carry an AWS API error: CircleCI services, hand-collected files, AWS add-ons. */
export const AWS_CALLERS = [...CIRCLECI_AND_HAND_COLLECTED, ...AWS_ADDONS];

/** Debug and trace lines narrate retries and request dumps; the failure itself is logged again above them. */
export const NOT_DEBUG: Rule['levels'] = ['info', 'warn', 'error', 'fatal'];

/** A Prometheus sample with value 0 (`errors_total{code="RequestLimitExceeded"} 0`) counts nothing that happened. */
export const METRIC_ZERO = re`^[A-Za-z_:][\w:]*\{[^}\n]{0,500}\} 0(?:\.0+)?(?: \d+)?\s*$`;

/** An ARN, not ending in the sentence's full stop. */
export const ARN = re`arn:aws[\w-]{0,20}:[^\s"'\\,]{0,400}[^\s"'\\,.)\]]`;

/** The calling principal; people mask ids with `***`, `{account-id}`, `[account id]` or `<my account>` (masks may hold a space). */
const PRINCIPAL = re`(?<principalArn>arn:aws[\w-]{0,20}:(?:[^\s"\\,[<]|\[[^\]\n]{0,30}\]|<[^>\n]{0,30}>){1,300}|anonymous)`;

const RESOURCE = re`(?<resource>${ARN}|(?:role|user|group|policy|instance-profile) [\w+=.@/-]{1,128}|[^\s"\\,]{1,200})`;

/** The policy kinds IAM names since 2021 (normalised by rules/capture-values.ts). */
const POLICY_TYPES = re`service control policy|resource control policy|identity-based policy|resource-based policy|permissions boundary|session policy|VPC endpoint policy`;

/**
 * Why IAM refused: `because no <policy type> allows the <action> action` (implicit deny) or
 * `with an explicit deny in a <policy type>[: <policy ARN>]`; older messages stop at `with an explicit deny`.
 */
export const DENIAL_REASON = re`(?<denial>because no|with an explicit deny)(?:(?: in an?)? (?<policyType>${POLICY_TYPES})(?:: (?<policyArn>${ARN}))?)?`;

/** `User: <principal> is not authorized to perform: <action> [on resource: <resource>] [<reason>]`, for actions matching `action`. */
export function iamDenial(action = re`[\w-]+:[\w*]+`): string {
  return re`User: ${PRINCIPAL} is not authorized to perform: (?<action>${action})(?: on resource: ${RESOURCE})?(?:,? ${DENIAL_REASON})?`;
}

/** The same denial when a wrapper dropped the `User: ` label and the message starts at the principal ARN. */
export const IAM_DENIAL_UNLABELLED = re`(?<principalArn>arn:aws[\w-]{0,20}:[^\s"\\,]{1,200}) is not authorized to perform: (?<action>[\w-]+:[\w*]+)(?: on resource: ${RESOURCE})?(?:,? ${DENIAL_REASON})?`;

/** The reason clause alone, for messages wrapped so that it starts a line of its own. */
export const DENIAL_REASON_ALONE = re`(?<denial>because no|with an explicit deny in an?) (?<policyType>${POLICY_TYPES})(?: allows the (?<action>[\w-]+:[\w*]+) action|: (?<policyArn>${ARN}))?`;

/** Error codes AWS returns for refused, unsigned or expired credentials. */
export const DENIED_CODES = re`AccessDenied(?:Exception)?|UnauthorizedOperation|UnauthorizedAccess|AuthorizationError|AuthFailure|ExpiredToken(?:Exception)?|InvalidClientTokenId|InvalidAccessKeyId|SignatureDoesNotMatch|UnrecognizedClientException|KMSAccessDenied(?:Exception)?`;

/** Messages AWS services return with refused or broken credentials, whatever envelope wraps them. */
export const DENIED_MESSAGES = [
  re`\bAccessDenied: Access Denied\b`,
  // SDKs and S3-compatible stores vary the wording: "Access Key Id", "AWS Access Key ID".
  re`The (?:AWS )?Access Key I[Dd] you provided does not exist in our records`,
  re`The request signature we calculated does not match the signature you provided`,
  re`AWS was not able to validate the provided access credentials`,
];

/**
 * The envelopes each SDK puts around an error code, with `codes` as the code alternatives:
 * boto3 / AWS CLI (and the CLI v1 `A client error (...) occurred` wording), Go SDK v2, Java SDK v1 (and .NET), service XML bodies, JSON error objects.
 */
export function sdkErrorEnvelopes(codes: string): string[] {
  return [
    re`(?:An error|A client error) (?:occurred )?\((?<errorCode>${codes})\) (?:occurred )?when calling the (?<operation>\w+) operation`,
    re`operation error (?<awsService>[\w ]{2,40}): (?<operation>\w+), (?:exceeded maximum number of attempts, \d+, )?https response error StatusCode: (?<statusCode>\d{3}), RequestID: [\w-]*,[^\n]{0,300}?api error (?<errorCode>${codes})\b`,
    re`\(?Service: (?<awsService>[\w ]{2,60}); Status Code: (?<statusCode>\d{3}); Error Code: (?<errorCode>${codes});`,
    re`<Code>(?<errorCode>${codes})</Code>`,
    re`"(?:code|Code|name|__type)": ?"(?<errorCode>${codes})"`,
  ];
}
