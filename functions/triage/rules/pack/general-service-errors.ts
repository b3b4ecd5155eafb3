import type { Rule } from '../rule.js';
import { re, CIRCLECI, DISTRIBUTORS, WARN_UP, USER_STEP_TIMEOUT, NOMAD_CHECKPOINT } from './shared.js';

/** General service errors (after the specific rules). */
export const generalServiceErrorsRules: Rule[] = [
  {
    id: 'contexts-service.connection-timeout',
    title: 'contexts-service connection timeouts',
    issueType: 'data-store',
    severity: 'high',
    appliesTo: { services: ['contexts-service'] },
    patterns: [
      re`SocketTimeoutException`,
      re`ConnectTimeoutException`,
      re`[Cc]onnect(?:ion)? timed out`,
      re`[Cc]onnection timeout\b`,
    ],
    levels: WARN_UP,
    explanation: 'contexts-service timed out connecting to a dependency (database, Vault or another service); context fetches fail and jobs using contexts end in infra_fail.',
    remediation: ['Correlate with PostgreSQL and Vault logs and with contexts-service CPU/memory at the same time.'],
  },
  {
    id: 'contexts-service.context-fetch-failed',
    title: 'contexts-service failing to fetch contexts',
    issueType: 'data-store',
    severity: 'medium',
    appliesTo: { services: ['contexts-service'] },
    patterns: [re`(?:failed|unable) to (?:fetch|get|load|read) contexts?\b`, re`[Cc]ontexts? fetch failed`],
    levels: WARN_UP,
    explanation: 'contexts-service could not return the contexts a job needs; jobs using contexts fail with infra_fail. The cause is usually in the lines around it (database pool, Vault).',
    remediation: ['Look for HikariPool, PostgreSQL and Vault errors in contexts-service at the same time, and check PostgreSQL health.'],
  },
  {
    id: 'contexts-service.hikari-thread-starvation',
    title: 'contexts-service JVM stalled (HikariPool thread starvation)',
    issueType: 'data-store',
    severity: 'low',
    appliesTo: { services: ['contexts-service'] },
    patterns: [re`Thread starvation or clock leap detected`],
    explanation: 'The connection pool housekeeper ran late: the contexts-service JVM was starved of CPU (or paused), which slows every request and often accompanies pool exhaustion under load.',
    remediation: ['Check contexts-service CPU limits, throttling and GC pauses at that time; scale it out if it is saturated.'],
  },
  {
    id: 'contexts-service.vault-error',
    title: 'contexts-service errors talking to Vault',
    issueType: 'data-store',
    severity: 'high',
    appliesTo: { services: ['contexts-service'], topology: { secrets: 'vault' } },
    patterns: [re`[Vv]ault[^\n]{0,80}?(?:[Ee]rror|[Ee]xception|[Ff]ailed|timed out|[Tt]imeout)`],
    levels: WARN_UP,
    explanation: 'contexts-service could not use Vault to decrypt contexts; builds using contexts fail.',
    remediation: ['Check the vault pod (sealed, restarting) and the contexts-service Vault token.'],
  },
  {
    id: 'contexts-service.grpc-error',
    title: 'contexts-service gRPC errors',
    issueType: 'data-store',
    severity: 'high',
    appliesTo: { services: ['contexts-service'] },
    patterns: [
      re`io\.grpc\.StatusRuntimeException: (?:UNAVAILABLE|DEADLINE_EXCEEDED|INTERNAL|UNKNOWN|RESOURCE_EXHAUSTED)`,
      re`rpc error: code = (?:Unavailable|DeadlineExceeded|Internal|ResourceExhausted)`,
    ],
    levels: WARN_UP,
    explanation: 'gRPC calls served or made by contexts-service fail; context fetches for jobs fail (cascade input).',
    remediation: ['Check contexts-service pod health and its downstream stores (PostgreSQL, Vault).'],
  },
  {
    id: 'execution-gateway.context-deadline-exceeded',
    title: 'execution-gateway downstream calls timing out',
    issueType: 'docker-executor',
    severity: 'medium',
    // Any Go service times out so: the words need this service's own log.
    appliesTo: { services: ['execution-gateway'], excludeServices: ['unknown'] },
    patterns: [re`context deadline exceeded`],
    unless: [USER_STEP_TIMEOUT],
    levels: WARN_UP,
    explanation: 'execution-gateway calls to downstream services exceed their deadline; with retries this amplifies into widespread infra failures.',
    remediation: ['Find the downstream service in the same lines and check it (contexts-service first).'],
  },
  {
    id: 'distributor.context-deadline-exceeded',
    title: 'Distributor calls timing out',
    issueType: 'docker-executor',
    severity: 'medium',
    // Any Go service times out so: the words need this service's own log.
    appliesTo: { services: DISTRIBUTORS, excludeServices: ['unknown'] },
    patterns: [re`context deadline exceeded`],
    unless: [USER_STEP_TIMEOUT],
    levels: WARN_UP,
    explanation: 'The distributor timed out calling another service; jobs are delayed or fail.',
    remediation: ['Check which call timed out and the health of that service at the same time.'],
  },
  {
    id: 'frontend.backend-unreachable',
    title: 'Frontend cannot reach a backend service',
    issueType: 'api-connection',
    severity: 'high',
    appliesTo: { services: ['frontend', 'kong'] },
    patterns: [re`dial tcp (?<host>[\w.:[\]-]{1,255}): (?:i/o timeout|connect: connection refused|connect: no route to host)`],
    levels: WARN_UP,
    explanation: 'The web app / API proxy could not connect to the backend service behind a request, so API calls and UI pages return 5xx.',
    remediation: ['Find the Service for the address in the line (kubectl get svc,endpoints -n <namespace> -o wide) and check its pods and cluster networking (kube-proxy).'],
  },
  {
    id: 'output-processor.grpc-unavailable',
    title: 'Output processor gRPC calls unavailable or timing out',
    issueType: 'docker-executor',
    severity: 'medium',
    appliesTo: { services: ['output-processor'] },
    patterns: [
      re`rpc error: code = (?:Unavailable|DeadlineExceeded)`,
      re`grpc: the connection is unavailable`,
    ],
    levels: WARN_UP,
    explanation: 'The output processor, which receives job output and status updates and writes them to MongoDB, has gRPC calls failing; running jobs can lose output or status updates.',
    remediation: [
      'Check the output-processor pods and their dependencies (MongoDB, RabbitMQ) at the same time.',
      'Check that port 8585 of the output processor load balancer is reachable from the Nomad clients.',
    ],
  },
  {
    id: 'backend.grpc-unavailable',
    title: 'CircleCI service gRPC calls unavailable or timing out',
    issueType: 'data-store',
    severity: 'medium',
    appliesTo: { services: CIRCLECI, excludeServices: ['contexts-service', 'output-processor', 'nomad-server', 'nomad-autoscaler'] },
    patterns: [
      re`rpc error: code = (?:Unavailable|DeadlineExceeded)`,
      re`io\.grpc\.StatusRuntimeException: (?:UNAVAILABLE|DEADLINE_EXCEEDED)`,
    ],
    levels: WARN_UP,
    explanation: 'A CircleCI service cannot reach another over gRPC; when many services show this at once a shared backend is down or the cluster network is failing.',
    remediation: ['Check which service is the target, its pods and cluster networking (kube-proxy, CoreDNS).'],
  },
  {
    id: 'cluster-networking.dns-lookup-failed',
    title: 'Name resolution failing',
    issueType: 'cluster-networking',
    severity: 'medium',
    // Any writer: after the rules that know the target (the VCS, registries, data stores), a
    // failed lookup says the resolver path (CoreDNS, the VPC resolver, /etc/resolv.conf) is at fault.
    patterns: [
      // Go's DNSError: "lookup <name> on <server>: <reason>" (golang/go src/net/dnsclient_unix.go).
      re`\blookup (?<host>[\w.-]{1,253})(?: on [\w.:[\]%-]{1,60})?: (?:server misbehaving|no such host|no answer from DNS server|lame referral|cannot unmarshal DNS message|invalid DNS response|Temporary failure in name resolution|(?:read|write|dial) udp [^\n]{0,80}?(?:i/o timeout|connection refused|network is unreachable))`,
      // glibc's gai_strerror through a program, and Node's getaddrinfo codes.
      re`\bTemporary failure in name resolution\b|\bgetaddrinfo (?:ENOTFOUND|EAI_AGAIN) (?<resolving>[\w.-]{1,253})`,
    ],
    levels: ['info', 'warn', 'error', 'fatal'],
    // An air-gapped install cannot resolve HashiCorp's update check: expected, not an outage.
    unless: [NOMAD_CHECKPOINT],
    explanation: 'A name could not be resolved: the resolver answered with an error or did not answer. When several services fail this way at once, CoreDNS or the VPC resolver is the common cause; a single name is usually a typo or a record that does not exist.',
    remediation: [
      'Resolve the same name from a pod in the namespace: kubectl run dns-test --rm -it --image=busybox:1.36 --restart=Never -- nslookup <name>.',
      'Check the CoreDNS pods and their logs (kubectl -n kube-system logs -l k8s-app=kube-dns) and the node\'s /etc/resolv.conf.',
    ],
    references: [
      'golang/go@01340f00f05968d6ddcf76b458d167eaae81f564:src/net/dnsclient_unix.go',
      'https://github.com/kubernetes/kubernetes/issues/39980',
      'https://github.com/docker-archive-public/docker.kitematic/issues/1272',
    ],
  },
];
