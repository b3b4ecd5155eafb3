import type { Rule } from '../rule.js';
import { CIRCLECI_AND_HAND_COLLECTED, re, WARN_UP } from './shared.js';

/**
 * Family fallbacks, after every specific rule: a failure worded in a way no rule knows yet, in a
 * log a data store wrote or on a line that names the store. They name the family (issue type) and
 * say plainly that the exact cause is not classified, so a new outage wording still reaches the
 * ticket under the right heading instead of being dropped. Specific rules claim their lines first;
 * benign look-alikes are kept out by level (WARN and above, or no level stated) and by `unless`.
 *
 * Shapes seen: MongoDB server and driver errors (mongodb/mongo JIRA SERVER-*, mongo-java-driver and
 * mongoid issues), Redis `#` warnings (redis/redis issues: "Failed opening .rdb for saving",
 * "Connection with replica … lost"), RabbitMQ server and client errors (rabbitmq/rabbitmq-server
 * discussions), MinIO console errors (minio/minio issues: "Storage resources are insufficient"),
 * Vault raft and seal errors (hashicorp/vault issues); the real lines are in test/corpus/.
 */

/** Words that make a line a failure report rather than a status line. */
const FAILURE_WORDS: string[] = [
  // A few patterns, not one: each keeps at most 32 literal alternatives for the prefilter, and few
  // patterns mean few regex runs on each candidate line.
  re`\b[Ee]rror\b|\bERROR\b|[Ee]xception\b|\b[Ff]ail(?:ed|ure|ing|s)?\b|\bFAIL(?:ED|URE)?\b|\b[Ff]atal\b|\bFATAL\b|\b[Pp]anic\b|\b[Cc]rash(?:ed)?\b`,
  re`\b[Rr]efused\b|\b[Dd]enied\b|\b[Ff]orbidden\b|\b[Uu]nauthori[sz]ed\b|\b[Rr]ejected\b|\b[Tt]imed out\b|\bi/o timeout\b|\b[Tt]imeout (?:exceeded|expired|error|occurred|while)\b|Timeout(?:Exception|Error)\b|\b[Uu]nreachable\b|\b[Uu]navailable\b|\b[Cc]annot\b|\b[Cc]an't\b|\b[Cc]ould not\b|\b[Uu]nable to\b`,
  re`\b[Cc]onnection\b[^\n]{0,60}\blost\b|\blost (?:connection|contact|leadership|quorum)\b|\b(?:no|without) quorum\b|\b[Cc]orrupt(?:ed|ion)?\b|\b[Ii]nsufficient\b|\b[Ee]xceeded\b|\b[Nn]o space left\b|\b[Oo]ut of memory\b|\bOOM\b|\b[Ss]ealed\b|\b(?:is|went|marked|node|host|server|master|primary|replica|instance) down\b|\+[os]down\b|\bDOWN\b`,
  // Final failures worded without an error word: a missed heartbeat, a peer gone, no retry left.
  re`\b(?:[Gg]iving up|gave up|[Rr]etries exhausted|exhausted (?:all )?retries|after (?:max(?:imum)? |\d+ )(?:retries|attempts)|max(?:imum)? retries (?:reached|exceeded)|[Nn]ot restarting|[Uu]nrecoverable|(?:is|are) not running|(?:is|went) offline|[Hh]eartbeat (?:missed|timed out)|[Mm]issed heartbeat|[Tt]imeout (?:reached|waiting for)|(?:retry|delivery|attempts?|restart|backoff) limit (?:reached|exceeded)|no longer (?:available|reachable)|stopped responding|(?:terminated|exited|died) unexpectedly|[Cc]hecksum (?:mismatch|failed|error)|[Ii]nvalid checksum)\b`,
];
/**
 * The failure words a line that names a component must carry near the name: the plain forms only,
 * kept short because they are tried at every position after each name.
 */
export const FAILURE = re`(?:[Ee](?:rror|xception)|ERROR|[Ff](?:ail|atal|orbidden)|FA(?:IL|TAL)|[Pp]anic|[Rr]efused|[Dd]enied|[Uu]n(?:authori[sz]ed|reachable|available|able to)|[Tt]imed out|[Cc](?:annot|an't|ould not|orrupt)|[Ii]nsufficient|[Nn]o space left|[Oo]ut of memory|\b(?:pool|i/o|read|write|connect(?:ion)?|dial|request|handshake|lock) timeout\b)`;
/** How far a failure word may follow a name, or precede it (cheaper: failure words are rarer than names). */
export const AFTER_NAME = 48;
export const BEFORE_NAME = 120;
/**
 * A retried call is not yet a failure; its last attempt says so if it is one. A line that says it retries is not a fallback's finding, but not benign either: an error-level
 * one ("error heartbeating, retrying in 5s") still reaches the unrecognised-error pass.
 */
export const RETRIED = re`\bretrying (?:in|after)\b|, retrying\b|\bwill retry\b`;

/**
 * In a service's own log, error and fatal records no rule knows go to the unrecognised-error pass,
 * which mines them into templates per service; the fallbacks take the failures it cannot see:
 * warnings, and lines that state no level (a rule's `levels` always admits those).
 */
const WARNING_OR_UNSTATED: Rule['levels'] = ['warn'];

/** Status and summary lines that carry failure words but report nothing wrong. */
export const BENIGN = [
  re`\b0 (?:errors?|failures?|failed)\b|(?:[Ee]rrors?|[Ff]ailures?|[Ff]ailed)\s*[=:]\s*0\b|\b[Nn]o (?:errors?|failures?)\b`,
  re`\b(?:[Rr]ecovered|[Rr]esolved|[Rr]econnected|[Rr]estored|succeeded after|is now (?:healthy|up|reachable)|back (?:up|online))\b`,
  re`\bunsealed\b|\bsealed: false\b|"sealed"\s*:\s*false`,
  re`\b[Ss]uccessfully\b|\b[Ss]hutting down\b`,
  // A handled degradation: the AWS SDK "falling back to IMDSv1", a client falling back to a default.
  re`\b[Ff]alling back to\b`,
  // Start-up configuration notes: a setting left out and its default taken ("clusterCIDR not
  // specified, unable to distinguish …", kubernetes/kubernetes#66454).
  re`\bnot specified\b|\bdefaulting to\b`,
  // Clean-up of what is already gone, state dumps that say a failure did not happen, and
  // `docker run` saying it has no local copy before every first pull.
  re`\bNo such container\b|"OOMKilled"\s*:\s*false|\bOOMKilled:\s*false|\bUnable to find image '[^']+' locally\b`,
  // Consul's server RPC and gossip ports: Consul's own lines, worded like Nomad's.
  re`:830[012]\b`,
  // Metric samples (`errors_total{code="AccessDenied"} 0`), OAuth users declining, client-go's limiter.
  re`^[A-Za-z_:][\w:]*\{[^}\n]*\}\s+-?[\d.]+(?:e[+-]?\d+)?\s*$|[?&]error=access_denied\b|\bclient rate limiter Wait returned an error\b`,
  // A support-bundle database collector's result document, not a log record.
  re`^\{"isConnected":`,
  // Known harmless warnings (real lines in test/corpus/): a log-shipping sidecar's tail before the
  // file exists, RabbitMQ's listener registry without the TLS Prometheus context, a raft follower
  // catching up on a log index it has not received yet.
  re`^tail: (?:cannot open|'[^']+' has (?:become inaccessible|appeared))|\bHTTP listener registry could not find context\b|\bfailed to get previous log: previous-index=|\brejected, sending older logs\b`,
  // Redis start-up advice (`# WARNING overcommit_memory is set to 0!`, TCP backlog, THP): configuration notes, not failures.
  re`^\d+:[XCSM] [^#]{10,40}# WARNING\b`,
  // MongoDB's start-up advice (bound to localhost, access control off, transparent huge pages):
  // warnings of the CONTROL component while it starts listening, in the JSON and legacy formats.
  re`"s":\s*"W",\s*"c":\s*"CONTROL",\s*"id":\s*\d+,\s*"ctx":\s*"initandlisten"|\[initandlisten\] \*\* WARNING:`,
  // Lines that say so themselves ("You can ignore this message when kube-proxy is running inside
  // container"), probe specs in kubectl describe (`#success=1 #failure=3`), and creating a bucket
  // the caller already owns (S3 answers BucketAlreadyOwnedByYou to a repeated create).
  // A JSON record whose error field is empty (Vault's audit request entries), and the kubelet's
  // cAdvisor failing to track a container that is already gone.
  re`"error"\s*:\s*""|\bFailed to create existing container\b`,
  re`\b[Yy]ou can (?:safely )?ignore this\b|\bcan (?:be )?safely (?:be )?ignored\b|\bsafe to ignore\b|#success=\d+ #failure=\d+|\bBucketAlreadyOwnedByYou\b`,
];

/**
 * Store names a line may carry, by family. The default port counts as a name: drivers and shells
 * often print only host:port ("Error 111 connecting to 127.0.0.1:6379", "Failed to connect to
 * 10.86.8.14:27017"; opencve/opencve#258, voxpupuli/puppet-mongodb#565). So do client libraries
 * (ioredis, pika, kombu, psycopg). HikariCP and JDBC are left out: every JVM service logs its pool
 * starting at INFO, so the names alone made every such line a candidate; their failures carry an
 * `SQL…Exception` class, which the error-class pattern takes.
 */
const STORES: Array<{ family: string; title: string; services: string[]; names: string; /** Driver error classes: `MongoServerSelectionError`, `PSQLException`. */ errors: string }> = [
  { family: 'mongodb', title: 'MongoDB', services: ['mongodb'], errors: re`Mongo\w*`, names: re`[Mm]ongo(?:DB|db|d|s)?\b|MONGODB\b|\bmongo::|com\.mongodb\.|\bmongoose\b|\bpymongo\b|\bmgo\b|\bmonger\b|:27017\b` },
  { family: 'redis', title: 'Redis', services: ['redis'], errors: re`Redis\w*`, names: re`\b(?:io)?[Rr]edis\b|\bREDIS\b|\bsentinels?\b|\bRedis::|\bredigo\b|\bgo-redis\b|\b[Cc]armine\b|\bJedis\w*|\b[Ll]ettuce\b|:6379\b` },
  { family: 'rabbitmq', title: 'RabbitMQ', services: ['rabbitmq'], errors: re`(?:Rabbit|Amqp|AMQP)\w*`, names: re`\b[Rr]abbit(?:MQ|mq)?\b|\bAMQP\b|\bamqp\b|\brabbit@|\bpika\b|\bamqplib\b|\bkombu\b|\blangohr\b|\bamqp091\b|\bstreadway\b|:567[12]\b` },
  { family: 'postgresql', title: 'PostgreSQL', services: ['postgresql'], errors: re`(?:PSQL|Postgres|PG|Pg|SQL)\w*`, names: re`\b[Pp]ostgre(?:SQL|sql|s)\b|\bPSQLException\b|\bpg_\w+|\bjdbc:postgresql\b|\bpsycopg2?\b|\bSQLSTATE\b|\bPG::|\bpq: |\bpgx\b|:5432\b` },
  { family: 'vault', title: 'Vault', services: ['vault', 'vault-*'], errors: re`Vault\w*`, names: re`\b[Vv]ault\b` },
  { family: 'object-storage', title: 'object storage (MinIO/S3)', services: ['minio'], errors: re`(?:Minio|MinIO)\w*`, names: re`\b[Mm]in[Ii][Oo]\b|\bMINIO\b` },
];

function storeFallbacks(store: (typeof STORES)[number]): { own: Rule; client: Rule } {
  const common = {
    issueType: 'data-store' as const,
    severity: 'medium' as const,
    levels: WARN_UP,
    unless: BENIGN,
    remediation: [
      `Read the lines around this one in the ${store.title} log for the cause (connectivity, credentials, disk, memory, replication), and check the ${store.title} pods: kubectl get pods -n <namespace> -o wide; kubectl describe pod <pod> -n <namespace>.`,
      REMEDIATE_NEW,
    ],
  };
  return {
    own: {
      ...common,
      id: `data-store.${store.family}-other-failure`,
      title: `${store.title} failure not classified by a specific rule`,
      // Failure words prove nothing in a file whose writer is unknown.
      appliesTo: { services: store.services, excludeServices: ['unknown'] },
      patterns: FAILURE_WORDS,
      levels: WARNING_OR_UNSTATED,
      unless: BENIGN,
      defer: [RETRIED],
      explanation: `${store.title} itself reported a failure the pack has no specific rule for; the CircleCI services that depend on it can fail with it.`,
    },
    client: {
      ...common,
      id: `data-store.${store.family}-client-failure`,
      title: `Failure talking to ${store.title}, not classified by a specific rule`,
      appliesTo: { services: CIRCLECI_AND_HAND_COLLECTED, excludeServices: store.services },
      patterns: [
        re`(?:${store.names})[^\n]{0,${AFTER_NAME}}?${FAILURE}`,
        re`${FAILURE}[^\n]{0,${BEFORE_NAME}}?(?:${store.names})`,
        re`\b${store.errors}(?:Error|Exception)\b`,
      ],
      explanation: `A line names ${store.title} and a failure the pack has no specific rule for: a client could not use the store, or a log collected by hand shows the store failing.`,
    },
  };
}

const REMEDIATE_NEW = 'If the wording is new to the pack, turn it into a rule (incident-triage rules suggest <report.json>).';

/** Kubernetes' own node and control-plane components: they speak for the cluster, whatever their lines name. */
const KUBERNETES_COMPONENTS = ['kubelet', 'kube-proxy', 'coredns', 'aws-node', 'kube-scheduler', 'kube-controller-manager', 'node-problem-detector'];
/** The data stores' own logs: a line there is the store's, even when it names a VCS or an auth method. */
const STORE_SERVICES = ['mongodb', 'redis', 'rabbitmq', 'postgresql', 'vault', 'vault-*', 'minio'];
/** Image registries by host: Docker Hub, ECR, GHCR, Quay, GCR. */
const REGISTRIES = re`\bregistry-1\.docker\.io\b|\.dkr\.ecr\.|\bdocker\.io/|\bghcr\.io\b|\bquay\.io\b|\bgcr\.io\b`;

/**
 * A VCS by name or host. `github.com/<org>/…` is a Go package path in a stack or caller field
 * (`github.com/traefik/traefik/v2/pkg/…`), not the VCS: the bare host is a name only when no path
 * follows it; its subdomains (api., docs.) always are.
 */
const VCS_NAME = re`\b(?:[Gg]it[Hh]ub|[Gg]it[Ll]ab)(?:[^./\w]|$|_|[A-Z])|\b@?[Oo]ctokit\b|\b(?:github|gitlab)\.com(?:[^/\w]|$)|\b[a-z]+\.github\.com\b|\b[Bb]itbucket\b`;

/** A webhook signature check that failed, in the receivers' wordings. */
const SIGNATURE_FAILURE = re`(?:\b[Mm]issing|\b[Nn]o|\b[Ii]nvalid|\b[Bb]ad) (?:webhook |payload |request )?signature\b|\bsignature (?:does not match|doesn't match|mismatch|verification failed|is invalid)\b`;

/** Lines that name their own failure class, whatever wrote them. */
const NAMED_FAILURES: Rule[] = [
  {
    id: 'cloud-permissions.aws-denial-other',
    title: 'AWS request denied (not classified by a specific rule)',
    issueType: 'cloud-permissions',
    severity: 'high',
    // AWS error codes and IAM wordings are the failure; SDKs, the CLI and the services all print them.
    patterns: [
      re`\b(?:AccessDenied(?:Exception)?|UnauthorizedOperation|UnauthorizedAccess|InvalidClientTokenId|ExpiredToken(?:Exception)?|InvalidIdentityToken|IDPCommunicationError|AuthFailure|SignatureDoesNotMatch|WebIdentityErr\w*|KMSAccessDeniedException|KMSInvalidStateException|IncompleteSignature|MissingAuthenticationToken|XAmzContentSHA256Mismatch)\b`,
      re`\bnot authorized to perform: [a-z0-9-]+:[A-Za-z*]|\bno identity-based policy allows\b|\bwith an explicit deny in\b|\bInvalidToken: The provided token\b`,
      // Keys that do not exist, and the Java SDK v2's refusals, which name no error code
      // ("Access Denied (Service: S3, Status Code: 403, Request ID: …)").
      re`\bInvalidAccessKeyId\b|\bAccess Key Id you provided does not exist\b|\(Service: [\w ]{1,40}[,;] Status Code: 403\b`,
    ],
    levels: WARN_UP,
    unless: BENIGN,
    explanation: 'An AWS API call was refused for lack of permission or valid credentials; the component that made it cannot do its job (scale, launch, read or write).',
    remediation: [
      'Decode any "Encoded authorization failure message" (aws sts decode-authorization-message) and look up the denied call in CloudTrail (incident-triage --aws does both).',
      'Compare the role in the line with the policy it needs; for IRSA check the service account annotation and the role trust policy.',
      REMEDIATE_NEW,
    ],
  },
  {
    id: 'data-store.s3-error-other',
    title: 'S3 (or S3-compatible) error response, not classified by a specific rule',
    issueType: 'data-store',
    severity: 'medium',
    // S3's error codes and the messages of its error responses, as the SDKs, boto and MinIO print
    // them without naming S3 (the S3 API reference's error list; real lines in test/corpus/object-storage.jsonl).
    patterns: [
      re`\b(?:EntityTooLarge|EntityTooSmall|NoSuchBucket|BucketAlreadyExists|BucketNotEmpty|InvalidBucketName|InvalidObjectState|RequestTimeTooSkewed|MalformedXML|InvalidPart(?:Order)?|NoSuchUpload|XMinio\w+|S3\w*(?:Error|Exception)|SlowDown|PermanentRedirect|AuthorizationHeaderMalformed)\b`,
      re`\bWe encountered an internal error\. Please try again\b|\bYour socket connection to the server was not read from or written to within the timeout period\b|\bYour proposed upload exceeds the maximum allowed\b|\bPlease reduce your request rate\b|\bHTTP Error 503: Slow Down\b|\bmust be addressed using the specified endpoint\b|\bthe region '[\w-]+' is wrong; expecting\b`,
    ],
    levels: WARN_UP,
    unless: BENIGN,
    explanation: 'An object storage call failed with an S3 error response; artifacts, caches, workspaces and test results read or written there fail with it.',
    remediation: ['Check the bucket, its region and endpoint, the object size and request rate, and the credentials the service uses (aws s3api head-bucket --bucket <bucket>).', REMEDIATE_NEW],
  },
  {
    id: 'cloud-permissions.ec2-error-other',
    title: 'EC2 refused a launch (capacity, quota, Spot price or launch template), not classified by a specific rule',
    issueType: 'cloud-permissions',
    severity: 'high',
    // EC2's launch error codes and capacity wordings (the EC2 API error-code list; real lines in
    // test/corpus/ec2-capacity.jsonl): whoever prints them, an instance did not start.
    patterns: [
      re`\b(?:Insufficient\w*Capacity|InsufficientCidrBlocks|(?:Instance|Vcpu|Volume|Address|NetworkInterface|Snapshot|Fleet|SecurityGroup|RulesPerSecurityGroup|Subnet|Vpc|Route)LimitExceeded|MaxSpotInstanceCountExceeded|SpotMaxPriceTooLow|InsufficientFreeAddressesInSubnet|InvalidLaunchTemplate\w*|InvalidAMIID\.\w+|InvalidSubnetID\.\w+|InvalidKeyPair\.\w+|InvalidBlockDeviceMapping|InvalidParameterCombination|InvalidQueryParameter|Unsupported(?:Instance)?Operation)\b`,
      re`\b(?:not have|no|without) (?:\w+ ){0,5}sufficient (?:\w+ )?capacity\b|\b[Ii]nsufficient (?:\w+ )?capacity\b|\bSpot (?:bid|request) price (?:is|of)\b|\b[Ii]nvalid launch template\b|\bvalid fully-formed launch template\b|\bThe (?:key pair|security group|subnet ID|launch template(?: ID)?) '[^'\n]{1,100}' does not exist\b`,
    ],
    levels: WARN_UP,
    unless: BENIGN,
    explanation: 'EC2 refused to start an instance; Nomad clients or machine executor VMs are not coming up, so jobs queue.',
    remediation: ['Find the error code in the line: spread instance types and Availability Zones for capacity, raise the quota in Service Quotas, or fix the launch template it names.', REMEDIATE_NEW],
  },
  {
    id: 'custom-integration.vcs-other-failure',
    title: 'Failure talking to the VCS (GitHub, GitLab, Bitbucket), not classified by a specific rule',
    issueType: 'custom-integration',
    severity: 'medium',
    // A store's own log names its auth methods (Vault's auth/github); that line is the store's.
    appliesTo: { excludeServices: STORE_SERVICES },
    patterns: [
      // A URL or path after the name counts as part of it (`https://api.github.com/repos/…/statuses/… returned 403`);
      // `github.com/<org>/…` is a Go package path in a stack or caller field, not the VCS.
      re`(?:${VCS_NAME}|\bGitHub Enterprise\b|\bGHE\b)\S{0,200}[^\n]{0,${AFTER_NAME}}?${FAILURE}`,
      // Webhook deliveries: GitHub's delivery page and a receiver refusing a payload.
      re`\b[Ww]ebhook (?:signature|payload|secret)\b[^\n]{0,${AFTER_NAME}}?(?:${FAILURE}|[Ii]nvalid)|(?:${FAILURE}|[Ii]nvalid)[^\n]{0,${AFTER_NAME}}?\b[Ww]ebhook (?:signature|payload|secret)\b|\bcouldn.t deliver this payload\b`,
      re`${FAILURE}[^\n]{0,${BEFORE_NAME}}?(?:${VCS_NAME})`,
      // Signature checks on webhook deliveries ("No signature on URL. Rejecting", "missing
      // signature", "X-Hub-Signature does not match"; matrix-org/matrix-hookshot, go-github users),
      // and the API's refusal of an app's token.
      re`(?:${VCS_NAME}|\b[Ww]ebhooks?\b|[Hh]ub-[Ss]ignature)[^\n]{0,${BEFORE_NAME}}?${SIGNATURE_FAILURE}|${SIGNATURE_FAILURE}[^\n]{0,${BEFORE_NAME}}?(?:${VCS_NAME}|\b[Ww]ebhook|[Hh]ub-[Ss]ignature)`,
      re`\b[Xx]-[Hh]ub-[Ss]ignature(?:-256)? (?:does not match|mismatch|is missing|is invalid)\b|\bResource not accessible by (?:integration|personal access token)\b`,
      // Webhook delivery results as the VCS shows them: GitLab's hook log, GitHub's delivery page,
      // Bitbucket Server's post-receive hook.
      re`\bHook execution failed\b|\bHook executed successfully but returned HTTP [45]\d\d\b|\bLast delivery was not successful\b|\bSomething went wrong while posting\b[^\n]{0,200}?\bto webhook\b`,
    ],
    levels: WARN_UP,
    // Other CI products' runners name GitHub or GitLab in every line; their failures are not ours.
    unless: [...BENIGN, re`\b(?:gitlab-runner|buildkite-agent|EphemeralRunners?|actions-runner|arc-runners|github-runners|GitHub\.(?:DistributedTask|Runner)|Runner\.(?:Worker|Listener))\b`],
    explanation: 'A line names the VCS (or its webhooks) and a failure: checkouts, pipeline triggers or status updates can fail.',
    remediation: ['Check the VCS endpoint from the cluster and the Nomad clients (curl -vvv https://<vcs-host>), its TLS chain and DNS, and the app/webhook settings.', REMEDIATE_NEW],
  },
  {
    id: 'cluster-networking.k8s-state-other',
    title: 'Kubernetes pod, volume or node failure state, not classified by a specific rule',
    issueType: 'cluster-networking',
    severity: 'medium',
    // Words only Kubernetes prints: pod and container states, scheduler and eviction messages,
    // volume attach errors, probe failures, event reasons in klog's event recorder (kubectl
    // describe/get output, kubelet and controller logs; kubernetes/kubernetes issues, real lines in
    // test/corpus/kubernetes.jsonl). They name the failure whoever attached the file, so they count
    // in unnamed files too, and at INFO: the kubelet reports evictions and the recorder warning
    // events at klog's I level.
    patterns: [
      re`\b(?:CrashLoopBackOff|ImagePullBackOff|ErrImagePull|CreateContainer(?:Config)?Error|RunContainerError|BackoffLimitExceeded|ContainerStatusUnknown|NodeStatusUnknown|NodeNotReady|NodeHas(?:Disk|Memory|PID)Pressure|EvictionThresholdMet|CgroupOOM|OOMKilling)\b`,
      re`\b\d+/\d+ nodes are available\b|\b[Nn]o nodes are available that match\b|\bfailed to fit in any node\b|\bThe node was low on resource\b|\b[Ee]viction manager: (?:attempting to reclaim|pods? (?:ranked for eviction|is evicted)|eviction thresholds have been met)|\bKubelet stopped posting node status\b|\b[Rr]eason:\s+'?Evicted\b|\bPLEG is not healthy\b|\bKubeletNotReady\b|\bdidn't have enough resource\b|\bephemeral local storage usage exceeds\b|\bOutOf(?:memory|cpu|pods)\b`,
      re`\bMulti-Attach error for volume\b|\bUnable to (?:attach or )?mount volumes for pod\b|\bfailed to provision volume with StorageClass\b|\bError syncing pod\b|\b(?:Liveness|Readiness|Startup) probe (?:failed|errored)\b|\bfailed (?:liveness|readiness|startup) probe\b|\b(?:Liveness|Readiness) probe for "[^"\n]{1,200}" failed\b|\bBack-off (?:pulling image|restarting failed container)\b`,
      // Warning events as the event recorder logs them, in klog's legacy and structured forms
      // (kubectl's rows are the next rule's).
      re`\btype: 'Warning' reason: '\w+'|"Event occurred"[^\n]{0,300}?\btype="Warning" reason="\w+"`,
    ],
    levels: ['info', 'warn', 'error', 'fatal'],
    unless: BENIGN,
    explanation: 'Kubernetes reports a pod, volume or node in a failure state (not scheduled, evicted, crash-looping, probes failing, volumes not attached); the CircleCI Server services on it may be down or restarting.',
    remediation: ['kubectl describe the pod or node the line names and kubectl get events -A --sort-by=.lastTimestamp; check node capacity and pressure (kubectl describe node <node>).', REMEDIATE_NEW],
  },
  {
    id: 'nomad-client.docker-driver-other-failure',
    title: "Nomad's Docker driver failing, not classified by a specific rule",
    issueType: 'nomad-client',
    severity: 'medium',
    // Nomad's docker driver (`driver.docker`, `client.driver_mgr.docker`) speaks for the Nomad
    // client: it claims these lines before the Docker fallback below, at warning and error alike,
    // so an error no specific rule knows still reaches the ticket under the Nomad client.
    patterns: [re`\bdriver(?:_mgr)?\.docker\b[^\n]{0,200}?(?:${FAILURE}|\bOOM)`],
    levels: WARN_UP,
    unless: BENIGN,
      defer: [RETRIED],
    explanation: "Nomad's Docker driver on a Nomad client reported a failure the pack has no specific rule for: the allocation's task did not start or stopped.",
    remediation: ['Read the Nomad client journal (journalctl -u nomad) and the Docker daemon journal (journalctl -u docker) on that client around this time; nomad alloc status <alloc> shows the task events.', REMEDIATE_NEW],
  },
  {
    id: 'docker-executor.docker-other-failure',
    title: 'Docker daemon or image failure, not classified by a specific rule',
    issueType: 'docker-executor',
    severity: 'medium',
    patterns: [
      re`(?:\bdockerd\b|\bcontainerd\b|\bdocker: |\bDocker daemon\b|\bmoby\b)[^\n]{0,${AFTER_NAME}}?${FAILURE}`,
      // The daemon's refusal is the failure itself, whatever follows it ("invalid name or ID supplied").
      re`\bError response from daemon\b|\bexec format error\b|\bexec user process caused\b|\bOCI runtime (?:create |exec |start )?failed\b`,
      // A registry by its host, and pulls that stop ("Not continuing with pull after error: denied: …", moby/moby#38178).
      re`(?:${REGISTRIES})\S{0,200}[^\n]{0,${AFTER_NAME}}?(?:${FAILURE}|\b[Tt]imeout\b|\bdenied\b)|\b[Nn]ot continuing with pull\b|\bdenied: Your [Aa]uthorization [Tt]oken has expired\b`,
      // Kubernetes' own pull states (ImagePullBackOff, ErrImagePull) are the cluster's, above.
      re`\b(?:toomanyrequests|manifest unknown|pull access denied|OOMKilled)\b`,
      // The Engine API's and the registry protocol's own failure wordings, which name no product:
      // a handler refusing a call, platform manifests, registry auth, bridge and address-pool
      // set-up (moby/moby issues; docker-library and docker/hub-feedback threads).
      re`\bHandler for (?:GET|POST|PUT|DELETE|HEAD) /\S+ returned error\b|\bno matching manifest for\b|\bno supported platform found in manifest\b|\bunauthorized: (?:authentication required|incorrect username or password)\b|\bno basic auth credentials\b`,
      re`\bnon-overlapping IPv4 address pool\b|\bPool overlaps with other one\b|\bError creating (?:default )?bridge\b|\bveth pair\b[^\n]{0,${AFTER_NAME}}?${FAILURE}|\bnetwork sandbox\b[^\n]{0,${AFTER_NAME}}?${FAILURE}|${FAILURE}[^\n]{0,${AFTER_NAME}}?\b(?:veth pair|network sandbox)\b`,
      // The daemon's own journal: its logrus level says it failed, however far the message is.
      re`\bdockerd\[\d+\]: [^\n]{0,80}?\blevel=(?:error|warning|fatal)\b`,
    ],
    levels: WARN_UP,
    // Kubernetes components speak for the cluster: a kubelet's image GC failing on the daemon is a node problem.
    appliesTo: { excludeServices: KUBERNETES_COMPONENTS },
    // dockerd's start-up warnings about kernel features it cannot use are configuration notes
    // ("Your kernel does not support swap memory limit", moby/moby#29056), not failures. Nomad's
    // docker driver lines are claimed above; an `unless` here would mark them benign, and keep
    // their errors out of the unrecognised-error pass.
    unless: [...BENIGN, re`\bYour kernel does not support\b`],
    explanation: 'Docker (or its image pulls) failed in a way the pack has no specific rule for; docker executor jobs on that Nomad client fail or hang.',
    remediation: ['Read the Docker daemon journal on the Nomad client (journalctl -u docker) around this time and check disk, memory and registry reachability.', REMEDIATE_NEW],
  },
  {
    id: 'cluster-networking.k8s-warning-event',
    title: 'Kubernetes warning event (not classified by a specific rule)',
    issueType: 'cluster-networking',
    severity: 'medium',
    patterns: [
      // kubectl describe Events rows and kubectl get events lines.
      re`^\s*Warning\s{1,8}(?:Failed\w*|BackOff|Unhealthy|Evicted|OOMKilling|NodeNotReady|NetworkNotReady|SystemOOM|FreeDiskSpaceFailed|ImageGCFailed|Rebooted|ContainerGCFailed|ProvisioningFailed|NodeHasDiskPressure|EvictionThresholdMet)\s`,
      // kubectl get events rows: the object as kind/name (1.19+) or a KIND column (older), padded to the widest value.
      re`\bWarning\s{1,8}(?:Failed\w*|BackOff|Unhealthy|Evicted|OOMKilling|NodeNotReady|FreeDiskSpaceFailed|ProvisioningFailed|EvictionThresholdMet)\s{1,40}(?:(?:pod|node|persistentvolumeclaim|persistentvolume|deployment|replicaset|statefulset|daemonset|job|cronjob)/\S|(?:Pod|Node|PersistentVolumeClaim|PersistentVolume|Deployment|ReplicaSet|StatefulSet|DaemonSet|Job|CronJob)\s)`,
    ],
    explanation: 'Kubernetes recorded a warning event for a workload or node (scheduling, volumes, probes, eviction); the pods it names may not be running.',
    remediation: ['kubectl describe the object the event names and kubectl get events -n <namespace> --sort-by=.lastTimestamp.', REMEDIATE_NEW],
  },
];

/** A failure worded in a log of a service whose family is known, when no specific rule claims it. */
const SERVICE_FAMILIES: Array<{ id: string; title: string; issueType: Rule['issueType']; services: string[]; advice: string; /** The family's own failure words, beyond the shared ones. */ words?: string[]; /** Its own look-alikes. */ benign?: string[] }> = [
  { id: 'nomad-client', title: 'Nomad client', issueType: 'nomad-client', services: ['nomad-client'], advice: 'Read the Nomad client journal around this time (journalctl -u nomad) and the allocation logs of the failing job.' },
  { id: 'nomad-server', title: 'Nomad server', issueType: 'nomad-server', services: ['nomad-server'], advice: 'Check the Nomad servers: nomad server members, nomad operator raft list-peers, and their logs around this time.' },
  { id: 'nomad-autoscaler', title: 'Nomad autoscaler', issueType: 'nomad-autoscaler', services: ['nomad-autoscaler'], advice: 'Read the autoscaler log around this time and check its policy (ASG name, region) and its AWS permissions.' },
  { id: 'runner', title: 'Runner (container agent, machine runner)', issueType: 'runner', services: ['container-agent', 'machine-runner', 'runner-admin', 'runner-provisioner'], advice: 'Read the runner/agent log around this time, check the resource class token and the connection to the CircleCI Server API.' },
  { id: 'machine-executor', title: 'Machine provisioner', issueType: 'machine-executor', services: ['machine-provisioner', 'vm-service', 'vm-scaler', 'vm-gc'], advice: 'Read the machine-provisioner log around this time and check EC2 quotas, the launch template and its IAM permissions.' },
  { id: 'frontend', title: 'Frontend / API', issueType: 'api-connection', services: ['frontend', 'kong'], advice: 'Check the backend named in the line and the ingress/load balancer in front of the frontend.' },
  // The ingress controllers in front of the frontend (nginx error lines, Traefik's logfmt).
  { id: 'ingress', title: 'Ingress controller', issueType: 'api-connection', services: ['ingress-nginx*', 'nginx', 'traefik'], advice: 'Check the ingress controller pods and the frontend service and endpoints it routes to (kubectl get endpoints -n <namespace>).' },
  {
    id: 'kubernetes',
    title: 'Kubernetes node component',
    issueType: 'cluster-networking',
    services: KUBERNETES_COMPONENTS,
    advice: 'Check the pods and nodes named in the line: kubectl describe pod <pod> -n <namespace>; kubectl describe node <node>; kubectl get events -A --sort-by=.lastTimestamp.',
    // Pod and node states the components report without an error word (kubectl describe rows,
    // eviction and scheduling messages; kubernetes/kubernetes issues, real lines in test/corpus/).
    words: [
      re`\bBack-?off\b|\bBackOff\b|\bCrashLoopBackOff\b|\bEvict(?:ed|ing)\b|\bUnhealthy\b|\bOOM\w*|\bout of memory\b|\blow on resource\b|\bnodes are available\b|\bMulti-Attach\b|\bstopped posting node status\b|\bNotReady\b|\bprobe failed\b|\bfailed (?:liveness|readiness|startup) probe\b|\battempting to reclaim\b|\bEvictionThresholdMet\b|\bNodeHas(?:Disk|Memory|PID)Pressure\b`,
    ],
  },
  // Node autoscalers: their failures are scale-ups that EC2 capacity, quotas or permissions refused.
  {
    id: 'node-autoscaler',
    title: 'Kubernetes node autoscaler',
    issueType: 'cloud-permissions',
    services: ['cluster-autoscaler', 'karpenter'],
    advice: 'Read the autoscaler log around this time for the EC2 error code (capacity, quota, permissions) and check the node group or NodePool it names.',
    // The same autoscalers run on other clouds; their providers' lines (`azure_scale_set.go`) are not about AWS.
    benign: [re`\b(?:[Aa]zure|autorest|AKS|GCE|gce|GKE|[Gg]oogle)`],
  },
];

function serviceFallback(family: (typeof SERVICE_FAMILIES)[number]): Rule {
  return {
    id: `${family.id}.other-failure`,
    title: `${family.title} failure not classified by a specific rule`,
    issueType: family.issueType,
    severity: 'medium',
    appliesTo: { services: family.services, excludeServices: ['unknown'] },
    patterns: [...FAILURE_WORDS, ...(family.words ?? [])],
    levels: WARNING_OR_UNSTATED,
    unless: [...BENIGN, ...(family.benign ?? [])],
    defer: [RETRIED],
    explanation: `The ${family.title} reported a failure the pack has no specific rule for.`,
    remediation: [family.advice, REMEDIATE_NEW],
  };
}

const STORE_RULES = STORES.map(storeFallbacks);

/** Services whose own family has a fallback above: their error records go to the unrecognised-error pass. */
export const SERVICES_WITH_FAMILY: string[] = [...STORES, ...SERVICE_FAMILIES].flatMap((f) => f.services);

export const familyFallbackRules: Rule[] = [
  ...NAMED_FAILURES,
  // Store names on a line outrank the writer: a service failing to reach MongoDB is a data-store problem.
  ...STORE_RULES.map((rules) => rules.client),
  ...STORE_RULES.map((rules) => rules.own),
  ...SERVICE_FAMILIES.map(serviceFallback),
];
