import type { Rule } from '../rule.js';
import { CIRCLECI_AND_HAND_COLLECTED, re, WARN_UP } from './shared.js';

/**
 * Object storage (S3 or an S3-compatible store such as MinIO) as CircleCI's services see it:
 * the error codes are S3's, in the wordings of the AWS SDKs for Java (v1 and v2), Go, Python
 * (boto3), .NET and PHP, and in raw XML error bodies.
 */
export const objectStorageRules: Rule[] = [
  {
    id: 'object-storage.access-denied',
    title: 'Object storage access denied',
    issueType: 'cloud-permissions',
    severity: 'high',
    appliesTo: { services: CIRCLECI_AND_HAND_COLLECTED },
    levels: WARN_UP,
    patterns: [
      re`Access Denied \(Service: (?:Amazon S3|S3)[;,] Status Code: 403`,
      re`<Code>AccessDenied</Code>`,
      re`An error occurred \(AccessDenied\) when calling the (?<operation>(?:Put|Get|Head|Delete|Copy|List)Objects?(?:V2)?|(?:Create|Complete|Abort)MultipartUpload|UploadPart|(?:Head|List)Buckets?) operation`,
      // aws-sdk-go v1 prints the status on the next, indented line.
      re`AccessDenied: Access Denied\s{1,8}status code: 403`,
    ],
    references: [
      'https://github.com/wurstmeister/storm-s3/issues/4',
      'https://github.com/aws/aws-toolkit-jetbrains/issues/3129',
      'https://github.com/airbytehq/airbyte/issues/69087',
      'https://github.com/aws/aws-sdk-ruby/issues/3222',
    ],
    // An IAM-detailed denial (principal, action, denying policy) belongs to the IAM rules, which parse it;
    // an expired presigned URL is its own finding.
    unless: [re`is not authorized to perform`, re`Request has expired`],
    explanation: 'S3 (or MinIO) refused the request: the IAM role or access key of the service lacks the bucket permission, or a bucket/VPC-endpoint policy denies it. Artifacts, test results, caches or build output cannot be stored or read.',
    remediation: [
      'Check which principal the service uses (IRSA role or the object storage access key in the Helm values) and that its policy allows s3:GetObject/PutObject/ListBucket on the bucket named in the values.',
      'Check the bucket policy and any VPC endpoint policy for explicit denies; with MinIO check the user policy.',
    ],
  },
  {
    id: 'object-storage.request-time-skewed',
    title: 'Object storage rejected requests: clock skew',
    issueType: 'cloud-permissions',
    severity: 'high',
    appliesTo: { services: CIRCLECI_AND_HAND_COLLECTED },
    levels: WARN_UP,
    patterns: [
      re`RequestTimeTooSkewed`,
      re`The difference between the request time and the current time is too large`,
      re`Signature expired: \d{8}T\d{6}Z is now earlier than`,
    ],
    references: ['https://github.com/jschneier/django-storages/issues/1332', 'https://github.com/convox/rack/issues/235', 'https://github.com/JuliaCloud/AWS.jl/issues/598'],
    explanation: 'Signed requests carry the client time; the store rejects them when the node clock is off by more than 15 minutes, so every upload and download from that node fails.',
    remediation: ['Check time synchronisation (chrony/NTP) on the nodes running the failing pods, and the clock of the MinIO host if one is used.'],
  },
  {
    id: 'object-storage.signature-mismatch',
    title: 'Object storage rejected the request signature or access key',
    issueType: 'cloud-permissions',
    severity: 'high',
    appliesTo: { services: CIRCLECI_AND_HAND_COLLECTED },
    levels: WARN_UP,
    patterns: [
      re`SignatureDoesNotMatch`,
      re`The request signature we calculated does not match the signature you provided`,
      re`InvalidAccessKeyId`,
      re`The (?:AWS )?Access Key I[Dd] you provided does not exist in our records`,
    ],
    references: ['https://github.com/durch/rust-s3/issues/97', 'https://github.com/aws-amplify/aws-sdk-ios/issues/5371', 'https://github.com/IBM/ibm-cos-sdk-java/issues/32'],
    explanation: 'The store does not accept the credentials: a wrong secret key, an unknown access key, or a proxy that rewrites signed headers.',
    remediation: ['Compare the object storage access key and secret in the Helm values with the store (IAM user or MinIO user); check that no proxy between the service and the store alters requests.'],
  },
  {
    id: 'object-storage.no-such-bucket',
    title: 'Object storage bucket does not exist',
    issueType: 'data-store',
    severity: 'high',
    appliesTo: { services: CIRCLECI_AND_HAND_COLLECTED },
    levels: WARN_UP,
    patterns: [re`NoSuchBucket`, re`The specified bucket does not exist`],
    references: ['https://github.com/basho/riak_cs/pull/400'],
    explanation: 'The bucket configured for CircleCI Server is missing (deleted, wrong name or wrong region/endpoint); everything stored in object storage fails.',
    remediation: ['Compare the bucket name, region and endpoint in the Helm values with the store; recreate the bucket or fix the values and restart the services.'],
  },
  {
    id: 'object-storage.wrong-region-endpoint',
    title: 'Object storage bucket addressed in the wrong region or endpoint',
    issueType: 'data-store',
    severity: 'high',
    appliesTo: { services: CIRCLECI_AND_HAND_COLLECTED },
    levels: WARN_UP,
    patterns: [
      re`\bPermanentRedirect\b`,
      re`The bucket you are attempting to access must be addressed using the specified endpoint`,
      re`the region '(?<region>[\w-]{1,30})' is wrong; expecting '(?<expectedRegion>[\w-]{1,30})'`,
      re`\bIllegalLocationConstraintException\b`,
    ],
    references: ['https://github.com/tpyo/amazon-s3-php-class/issues/28', 'https://github.com/cosmin/s3-bash/issues/5', 'https://github.com/aws/aws-sdk-cpp/issues/893', 'https://github.com/red-hat-storage/ocs-ci/issues/4010', 'https://github.com/tpyo/amazon-s3-php-class/issues/165', 'https://github.com/aws/aws-cli/issues/2954'],
    explanation: 'S3 refused the request because the bucket lives in another region than the one the service signs for or the endpoint it calls (301 PermanentRedirect, or a signature scoped to the wrong region); every read and write of that bucket fails.',
    remediation: ['Compare the object storage region and endpoint in the Helm values with the bucket: aws s3api get-bucket-location --bucket <bucket>; set the region (and a regional endpoint) that matches it and restart the services.'],
  },
  {
    id: 'object-storage.slow-down',
    title: 'Object storage throttling requests (SlowDown)',
    issueType: 'data-store',
    severity: 'medium',
    appliesTo: { services: CIRCLECI_AND_HAND_COLLECTED },
    levels: WARN_UP,
    patterns: [
      re`<Code>SlowDown</Code>`,
      re`SlowDown(?: \(server\))?: (?:Please r|R)educe your request rate`,
      re`(?:Please r|R)educe your request rate`,
      // The HTTP reason phrase S3 sends with the 503, as HTTP clients print it.
      re`\b503:? Slow Down\b`,
    ],
    references: ['https://github.com/minio/minio/issues/10818', 'https://github.com/aws/aws-sdk-net/issues/1949', 'https://github.com/thephpleague/flysystem-aws-s3-v3/issues/278', 'https://github.com/cockpit-project/bots/issues/3991'],
    explanation: 'The store is throttling (S3 per-prefix request rate, or an overloaded MinIO); uploads and downloads are retried and slow down, and can fail.',
    remediation: ['Check request volume per prefix and, for MinIO, its CPU, disk and node health; spread load or scale the store.'],
  },
  {
    id: 'object-storage.minio-quorum-lost',
    title: 'MinIO lost read or write quorum (drives offline)',
    issueType: 'data-store',
    severity: 'critical',
    appliesTo: { services: ['minio', ...CIRCLECI_AND_HAND_COLLECTED] },
    // MinIO's erasure-coding errors (cmd.InsufficientReadQuorum / InsufficientWriteQuorum) in their log and API wordings.
    patterns: [
      re`Storage resources are insufficient for the (?:read|write) operation`,
      re`Insufficient(?:Read|Write)Quorum`,
      re`Insufficient number of (?:drives|disks) online`,
      re`did not meet (?:read|write) quorum`,
    ],
    references: ['https://github.com/minio/minio/issues/10513', 'https://github.com/minio/minio/issues/19622', 'https://github.com/minio/minio/issues/18805', 'https://github.com/minio/minio/issues/1571', 'https://github.com/minio/minio/issues/3044'],
    explanation: 'Too many MinIO drives or nodes are offline for the erasure set to read or write; object storage requests (artifacts, caches, workspaces, test results) fail.',
    remediation: ['Check every MinIO pod and its volume (mc admin info, kubectl get pvc); bring the missing drives back before restarting healthy nodes.'],
  },
  {
    id: 'object-storage.minio-drive-offline',
    title: 'MinIO drives or nodes offline',
    issueType: 'data-store',
    severity: 'high',
    appliesTo: { services: ['minio', ...CIRCLECI_AND_HAND_COLLECTED] },
    patterns: [
      re`(?:Error: |returned )drive not found\b`,
      re`Marking \S{1,300} (?:temporary offline|offline temporarily); caused by `,
      re`Status: +\d+ Online, [1-9]\d* Offline\.`,
    ],
    references: ['https://github.com/minio/minio/issues/17135', 'https://github.com/bitnami/charts/issues/25179', 'https://github.com/minio/minio/issues/11239', 'https://github.com/bitnami/containers/issues/7686'],
    explanation: 'MinIO cannot reach some of its drives or peer nodes; the store runs degraded and loses quorum if more go away, failing object storage requests.',
    remediation: ['Check the MinIO pods and volumes named in the line (mc admin info, kubectl get pods,pvc); fix the mount or network before the erasure set loses quorum.'],
  },
  {
    id: 'object-storage.minio-not-initialized',
    title: 'MinIO cannot initialize its storage backend',
    issueType: 'data-store',
    severity: 'critical',
    appliesTo: { services: ['minio', ...CIRCLECI_AND_HAND_COLLECTED] },
    patterns: [
      re`Unable to (?:use the drive|initialize backend|in(?:i)?tialize object layer)`,
      re`Initializing object layer failed`,
      re`XMinioServerNotInitialized`,
      re`Unable to read 'format\.json' from `,
    ],
    references: ['https://github.com/minio/minio/issues/2127', 'https://github.com/minio/minio/issues/9118', 'https://github.com/minio/minio/issues/18805', 'https://github.com/HuLaSpark/HuLa-Server/issues/1'],
    explanation: 'MinIO did not start serving: a drive path is unusable, too small or inconsistent between nodes (mixed versions, wiped format.json); every object storage request fails.',
    remediation: ['Read the MinIO pod logs from startup; check the data volume mounts and that all MinIO nodes run the same release.'],
  },
];
