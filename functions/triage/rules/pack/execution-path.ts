import type { Rule } from '../rule.js';
import { re, DISTRIBUTORS, WARN_UP, INFRA_FAIL_PATTERNS, INFRA_FAIL_METRIC_ZERO, USER_STEP_TIMEOUT } from './shared.js';

/** Where Docker daemon and image pull errors of Docker executor jobs are written: the Nomad client and its host journals. */
// A Docker daemon's own log attached by hand is named after it.
const DOCKER_HOSTS = ['nomad-client', 'host', 'unknown', 'docker', 'dockerd', 'containerd'];
/** Kubernetes reports its own pulls (kubelet events); those belong to the cluster, not to Docker executor jobs. */
const KUBELET_PULL = re`\bkubelet\b|ErrImagePull|ImagePullBackOff|Back-off pulling image|Failed to pull image "|failed to pull and unpack image`;
/** Pod status and kubectl describe report container OOM kills of Kubernetes pods, not of Docker executor jobs. */
const KUBERNETES_OOM = re`Reason:\s+OOMKilled|Last State:|\bkubelet\b|"reason"\s*:\s*"OOMKilled"|containerStatuses`;
const IMAGE = re`(?<image>[\w.-]{1,255}(?::\d{1,5})?(?:/[\w.-]{1,255}){0,6}(?::[\w.-]{1,128})?)`;

/** Execution path (Docker executor). */
export const executionPathRules: Rule[] = [
  {
    id: 'distributor.gateway-deadline-exceeded',
    title: 'Distributor calls to the execution-gateway timing out (gateway slow or unresponsive)',
    issueType: 'docker-executor',
    severity: 'high',
    appliesTo: { services: DISTRIBUTORS },
    patterns: [re`gateway end[^\n]{0,160}?(?:context deadline exceeded|Client\.Timeout exceeded)`],
    explanation:
      'The distributor gave up waiting for the execution-gateway. The gateway was slow or unresponsive, usually because one of its downstream services (contexts-service and its stores) is slow; retries amplify the load.',
    remediation: [
      'Collect execution-gateway and distributor logs: kubectl logs -l app=execution-gateway -n <namespace> --tail=10000 > execution-gateway-logs.txt; kubectl logs -l app=distributor-external -n <namespace> --tail=10000 > distributor-external-logs.txt',
      'Look in execution-gateway for context deadline exceeded on downstream calls and /api/v2/task/config timeouts, then at contexts-service.',
    ],
  },
  {
    id: 'distributor.time-in-queue-high',
    title: 'Jobs waiting long in the queue (time_in_queue)',
    issueType: 'docker-executor',
    severity: 'medium',
    appliesTo: { services: DISTRIBUTORS },
    patterns: [
      // 60 s or more as a bare number of seconds, a Go duration in minutes/hours, or 60000 ms or more.
      re`time_in_queue(?:_s(?:ec(?:onds)?)?)?\\?"?[=:] ?\\?"?(?:(?<seconds>(?:[6-9]\d|[1-9]\d{2,})(?:\.\d+)?)(?:s|sec)?|(?<duration>\d+h(?:\d+m)?(?:\d+(?:\.\d+)?s)?|\d+m(?:\d+(?:\.\d+)?s)?|(?:[6-9]\d{4}|[1-9]\d{5,})(?:\.\d+)?ms))(?:[\\"\s,}\]]|$)`,
      re`time_in_queue_ms\\?"?[=:] ?\\?"?(?<milliseconds>(?:[6-9]\d{4}|[1-9]\d{5,})(?:\.\d+)?)(?:[\\"\s,}\]]|$)`,
    ],
    explanation: 'Jobs spent a minute or more waiting in the distributor queue. High values indicate jobs are waiting for available Nomad capacity.',
    remediation: [
      'Check Nomad capacity: nomad node status from a nomad-server pod (draining or ineligible nodes, missing clients).',
      'Check the nomad-autoscaler logs and the ASG desired/max sizes.',
    ],
  },
  {
    id: 'distributor.infra-fail',
    title: 'Distributor reports jobs ending in infrastructure failure',
    issueType: 'docker-executor',
    severity: 'high',
    appliesTo: { services: DISTRIBUTORS },
    patterns: INFRA_FAIL_PATTERNS,
    unless: INFRA_FAIL_METRIC_ZERO,
    explanation: 'Jobs are ending with infrastructure_fail. If many executor types fail at once the cause is usually a shared backend service (cascade) rather than the executor.',
    remediation: [
      'Get the job id, then nomad status <job-id> and nomad alloc logs -stderr <allocation-id> from a nomad-server pod.',
      'Check execution-gateway and contexts-service logs for the same time window.',
    ],
  },
  {
    id: 'distributor-cleaner.infra-fail',
    title: 'Distributor cleaner marking jobs as infrastructure failures',
    issueType: 'docker-executor',
    severity: 'medium',
    appliesTo: { services: ['distributor-cleaner'] },
    patterns: INFRA_FAIL_PATTERNS,
    unless: INFRA_FAIL_METRIC_ZERO,
    explanation: 'The cleaner found jobs that did not finish normally and closed them as infrastructure failures (job cleanup failures).',
    remediation: ['Look up the affected jobs in distributor and Nomad (nomad status <job-id>) to see where they stopped.'],
  },
  {
    id: 'legacy-notifier.infra-fail',
    title: 'Notification pipeline reports infrastructure failures',
    issueType: 'docker-executor',
    severity: 'medium',
    appliesTo: { services: ['legacy-notifier'] },
    patterns: INFRA_FAIL_PATTERNS,
    unless: INFRA_FAIL_METRIC_ZERO,
    explanation: 'legacy-notifier handled notifications for jobs that ended in infrastructure failure.',
    remediation: ['Use the job ids to look for the failure in distributor and execution-gateway logs.'],
  },
  {
    id: 'job.infrastructure-fail',
    title: 'Job details show infrastructure_fail',
    issueType: 'docker-executor',
    severity: 'high',
    appliesTo: { fileKinds: ['job-details'] },
    patterns: [re`"(?:status|outcome|lifecycle)" ?: ?"(?:infrastructure_fail|infra_fail)"`, re`"infrastructure_fail" ?: ?true`],
    explanation: 'The job ended with infrastructure_fail rather than a failure of the job steps.',
    remediation: ['Collect a support bundle and the Nomad allocation logs of the job (nomad alloc logs -stderr <allocation-id>).'],
  },
  {
    id: 'execution-gateway.task-config-timeout',
    title: 'execution-gateway task/config calls timing out',
    issueType: 'docker-executor',
    severity: 'high',
    appliesTo: { services: ['execution-gateway'] },
    patterns: [re`task/config[^\n]{0,160}?(?:context deadline exceeded|Client\.Timeout exceeded|timed out|timeout exceeded|i/o timeout)`],
    explanation: 'Fetching task config (contexts, secrets) timed out. Jobs fail with infra_fail; a slow contexts-service is the usual cause.',
    remediation: ['Check contexts-service logs for HikariPool, vault and gRPC errors and its PostgreSQL/Vault health at the same time.'],
  },
  {
    id: 'execution-gateway.complete-task-failed',
    title: 'execution-gateway CompleteTask failing',
    issueType: 'docker-executor',
    severity: 'high',
    appliesTo: { services: ['execution-gateway'] },
    patterns: [re`CompleteTask[^\n]{0,300}?(?:error|Error|failed|context deadline exceeded|timed out|Unavailable)`],
    unless: [USER_STEP_TIMEOUT],
    levels: WARN_UP,
    explanation: 'Task completion could not be recorded, so jobs can hang or end as infrastructure failures.',
    remediation: ['Check the downstream services of execution-gateway (distributor, RabbitMQ, PostgreSQL) for errors at the same time.'],
  },
  {
    id: 'execution-gateway.gateway-end-error',
    title: 'execution-gateway requests ending in error',
    issueType: 'docker-executor',
    severity: 'medium',
    appliesTo: { services: ['execution-gateway'] },
    patterns: [
      re`gateway end[^\n]{0,160}?(?:context deadline exceeded|context canceled|timed out|\b(?:status|code)\\?"?[=:] ?\\?"?5\d\d\b)`,
    ],
    unless: [USER_STEP_TIMEOUT],
    explanation: 'Requests handled by execution-gateway ended with a timeout or server error (task lifecycle failures).',
    remediation: ['Find the slow downstream call in the same request and check that service.'],
  },
  {
    id: 'docker-executor.image-pull-rate-limited',
    title: 'Image pulls for Docker executor jobs hit a registry rate limit',
    issueType: 'docker-executor',
    severity: 'high',
    appliesTo: { services: DOCKER_HOSTS },
    patterns: [re`toomanyrequests`, re`Too Many Requests \(HAP429\)`, re`\b(?:unauthenticated )?pull rate limit\b`],
    defer: [KUBELET_PULL],
    explanation:
      'The registry (Docker Hub, ECR Public) refused image pulls with 429 toomanyrequests. Docker executor jobs fail in Spin up environment; anonymous pulls from many Nomad clients behind one NAT address share a single limit.',
    remediation: [
      'Authenticate image pulls in the job (docker auth in .circleci/config.yml) or set up a pull-through registry mirror for the Nomad clients.',
      'Check which images are pulled most and pin them to a private registry (ECR) in the same region.',
    ],
    references: [
      'https://github.com/docker/hub-feedback/issues/2429',
      'https://github.com/docker/hub-feedback/issues/2505',
      'https://github.com/docker/hub-feedback/issues/1907',
      'https://github.com/ScribeMD/docker-cache/issues/829',
      'https://github.com/zebrunner/mcloud-agent/issues/235',
    ],
  },
  {
    id: 'docker-executor.image-manifest-unknown',
    title: 'Job image or tag does not exist for this platform (manifest unknown)',
    issueType: 'docker-executor',
    severity: 'medium',
    appliesTo: { services: DOCKER_HOSTS },
    patterns: [
      re`no matching manifest for (?<platform>[\w/.-]{1,40}) in the manifest list entries`,
      re`no supported platform found in manifest list`,
      re`manifest for ${IMAGE} not found`,
      re`manifest unknown`,
    ],
    defer: [KUBELET_PULL],
    // dockerd echoes the error at INFO while translating it; the error lines carry it.
    levels: WARN_UP,
    explanation:
      'The registry has no manifest for the requested image, tag or platform (typo, deleted tag, arm64-only image on amd64 clients). Jobs using that image fail before any step runs; this is a job configuration problem, not an outage.',
    remediation: [
      'Check the image and tag in the failing job (docker manifest inspect <image>) and that it is published for linux/amd64 (or the resource class architecture).',
    ],
    references: [
      'https://github.com/nodejs/docker-node/issues/675',
      'https://github.com/docker-library/official-images/issues/3835',
      'https://github.com/moby/moby/issues/31428',
      'https://github.com/docker-archive-public/docker.kitematic/issues/5429',
    ],
  },
  {
    id: 'docker-executor.image-pull-denied',
    title: 'Registry refused credentials or access for a job image',
    issueType: 'docker-executor',
    severity: 'medium',
    appliesTo: { services: DOCKER_HOSTS },
    patterns: [
      re`pull access denied for ${IMAGE}`,
      re`denied: requested access to the resource is denied`,
      re`unauthorized: (?:authentication required|incorrect username or password)`,
      re`no basic auth credentials`,
      // ECR tokens last 12 hours; Docker and compose print the registry's refusal as is.
      re`denied: Your [Aa]uthorization [Tt]oken has expired`,
    ],
    defer: [KUBELET_PULL],
    explanation:
      'The registry rejected the pull: the image is private or does not exist, or the job credentials are wrong or expired (ECR tokens last 12 hours).',
    remediation: ['Check the auth block of the job image in .circleci/config.yml and the registry permissions of that user or role; for ECR, refresh the token or use aws_auth.'],
    references: [
      'https://github.com/siemens/edgeshark/issues/73',
      'https://github.com/tusc/ntopng-udm/issues/1',
      'https://github.com/docker-archive-public/docker.kitematic/issues/3185',
      'https://github.com/awslabs/amazon-ecr-credential-helper/issues/118',
      'https://github.com/buildkite/elastic-ci-stack-for-aws/issues/178',
      'https://github.com/portainer/portainer/issues/6764',
    ],
  },
  {
    id: 'docker-executor.container-oom',
    title: 'Docker executor job container killed for exceeding its memory (OOM, exit 137)',
    issueType: 'docker-executor',
    severity: 'medium',
    appliesTo: { services: DOCKER_HOSTS },
    patterns: [
      re`OOM Killed`,
      re`\bOOMKilled\b`,
      re`Exit Code: 137\b`,
      re`exited with (?:non-zero )?exit code:? 137\b`,
      // The kernel enforcing a container's memory cgroup limit.
      re`Memory cgroup out of memory: Kill(?:ed)? process \d+ \((?<process>[^)\n]{1,64})\)`,
    ],
    // Container state dumps print the flag quoted (JSON) or bare (Go structs, docker inspect templates).
    defer: [KUBERNETES_OOM],
    unless: [re`"?OOMKilled"?\s*:\s*false`],
    explanation:
      'A job container used more memory than its resource class allows and was killed (exit 137). The job fails with no infrastructure problem behind it unless many jobs on the same node die together.',
    remediation: [
      'Use a larger resource class for the job or lower its memory use (test parallelism, JVM/Node heap limits).',
      'If unrelated jobs on one node are killed at once, check the node: dmesg / journalctl -k for the kernel OOM killer.',
    ],
    references: ['https://github.com/hashicorp/nomad/pull/12735', 'https://github.com/hashicorp/nomad/pull/3459', 'https://github.com/hashicorp/nomad/issues/2203', 'https://github.com/hashicorp/nomad/issues/5576'],
  },
  {
    id: 'docker-executor.network-create-failed',
    title: 'Docker cannot create job networks or attach containers to them',
    issueType: 'docker-executor',
    severity: 'high',
    appliesTo: { services: DOCKER_HOSTS },
    patterns: [
      // The network name comes first when Docker names it, so that pattern is tried first.
      // Nomad's own "failed to create network for alloc" is claimed earlier by nomad-client.alloc-network-failed.
      re`failed to create network (?<network>[\w.-]{1,128})`,
      re`could not find an available, non-overlapping IPv4 address pool`,
      re`no available IPv4 addresses on this network's address pools`,
      re`Pool overlaps with other one on this address space`,
      // libnetwork's endpoint errors: the veth pair of a container cannot join the bridge.
      re`failed to create endpoint (?<endpoint>[\w.-]{1,128}) on network (?<network>[\w.-]{1,128})`,
      re`could not add veth pair inside the network sandbox`,
      re`adding interface (?<interface>veth\w{1,16}) to bridge (?<network>[\w.-]{1,64}) failed`,
      re`failed to add the host \((?<interface>veth\w{1,16})\) <=> sandbox \(veth\w{1,16}\) pair interfaces`,
      re`Error creating bridge: `,
      re`Error creating default \\?"bridge\\?" network`,
    ],
    explanation:
      'Docker cannot give job containers a network: the address pools for per-job networks are used up (usually leaked networks that were never removed), or the bridge itself is broken (docker0 missing, a bridge full of leaked veth interfaces, veth support missing after a kernel update). Every Docker executor job on that Nomad client fails in Spin up environment.',
    remediation: [
      'On the instance: docker network ls | wc -l; remove leaked job networks (never the ci-privileged network, never docker network prune) or replace the instance.',
      'Check that docker-gc runs on the Nomad clients: systemctl status docker-gc; for bridge or veth errors (exchange full, no docker0, pair interfaces not supported) terminate the instance and let the ASG replace it.',
    ],
    references: [
      'https://github.com/moby/moby/issues/17939',
      'https://github.com/moby/moby/issues/32484',
      'https://github.com/moby/moby/issues/48069',
      'https://github.com/OpenMined/PySyft/issues/7162',
      'https://github.com/moby/moby/issues/31100',
      'https://github.com/moby/moby/issues/18814',
      'https://github.com/moby/moby/issues/27426',
      'https://github.com/docker-archive/classicswarm/issues/2197',
    ],
  },
  {
    id: 'docker-executor.container-runtime-failed',
    title: 'Docker could not start a job container (OCI runtime error)',
    issueType: 'docker-executor',
    severity: 'medium',
    appliesTo: { services: DOCKER_HOSTS },
    patterns: [
      re`OCI runtime (?:create|start|exec) failed`,
      // Docker before 17.06 and the daemon's own log of the refused API call.
      re`oci runtime error: `,
      // Docker before 1.12 logged the path without the API version.
      re`Handler for POST /(?:v[\d.]{1,6}/)?containers/(?:create|[\w-]{1,128}/start) returned error: (?<reason>[^\n]{1,200})`,
      re`failed to create shim(?: task)?:`,
      re`\brunc create failed: (?<reason>[^\n]{1,200})`,
      // runc's init in the new container: an entrypoint built for another CPU or with CRLF line ends.
      re`standard_init_linux\.go:\d{1,4}: exec user process caused:? \\?"?(?<reason>[^"\\\n]{1,200})`,
    ],
    defer: [KUBELET_PULL],
    explanation:
      'runc (the OCI runtime under Docker) refused to start a job container: a mount source that is not what the container expects, a cgroup or seccomp problem on the host, or an executable missing in the image. The job fails in Spin up environment or at its first step.',
    remediation: [
      'Read the reason after "runc create failed:" on the Nomad client (journalctl -u docker) and check whether it names the job image or config (mounts, entrypoint) or the host (cgroups, kernel).',
      'If every job on one Nomad client fails this way, terminate the instance and let the ASG replace it.',
    ],
    references: [
      'https://github.com/Crosstalk-Solutions/project-nomad/issues/375',
      'https://github.com/opencontainers/runc/issues/3323',
      'https://github.com/moby/moby/issues/17280',
      'https://github.com/IAmStoxe/wirehole/issues/42',
      'https://github.com/oracle/smith/issues/36',
      'https://github.com/hrfee/jfa-go/issues/57',
    ],
  },
  {
    id: 'docker-executor.registry-unreachable',
    title: 'Docker cannot reach the image registry',
    issueType: 'docker-executor',
    severity: 'high',
    appliesTo: { services: DOCKER_HOSTS },
    patterns: [
      re`(?:Error response from daemon|error pulling image configuration|pull(?:ing)? image failed)[^\n]{0,40}?Get \\?"?https?://(?<registry>[\w.-]{1,253}(?::\d{1,5})?)/v2/[^\n]{0,300}?(?:request canceled|Client\.Timeout exceeded|i/o timeout|TLS handshake timeout|connection refused|no such host|network is unreachable)`,
      // Without the daemon prefix (API clients, older CLIs): the registry API root or a manifest/blob path.
      re`(?:Get|Head) \\?"?https?://(?<registry>[\w.-]{1,253}(?::\d{1,5})?)/v2/(?:[^\s"\\]{0,300}?/(?:manifests|blobs)/[^\s"\\:]{1,200})?\\?"?:? (?:[^\n]{0,120}?: )?(?:net/http: )?(?:request canceled|Client\.Timeout exceeded|i/o timeout|TLS handshake timeout|connection refused|no such host|network is unreachable)`,
    ],
    defer: [KUBELET_PULL],
    explanation:
      'The Docker daemon on the Nomad client could not connect to the registry to pull a job image (timeout, DNS or connection refused). Docker executor jobs using images from that registry fail in Spin up environment; this points at the network path (NAT gateway, proxy, DNS) rather than at the job.',
    remediation: [
      'From the Nomad client: curl -v https://<registry>/v2/ and getent hosts <registry>; check the NAT gateway or proxy (HTTP_PROXY/HTTPS_PROXY for dockerd in /etc/systemd/system/docker.service.d).',
      'For Docker Hub outages or slow links, configure a pull-through registry mirror close to the Nomad clients.',
    ],
    references: [
      'https://github.com/exadel-inc/CompreFace/issues/1277',
      'https://github.com/docker/for-win/issues/5983',
      'https://github.com/docker-archive-public/docker.kitematic/issues/2369',
      'https://github.com/xiaopeng163/docker.tips/issues/4',
      'https://github.com/docker/hub-feedback/issues/1195',
    ],
  },
  {
    id: 'docker-executor.environment-preparation-failed',
    title: 'CircleCI build agent could not prepare the job environment',
    issueType: 'docker-executor',
    severity: 'high',
    appliesTo: { services: DOCKER_HOSTS },
    // The build agent's wrapper around every Spin up environment failure; the cause follows the colon.
    patterns: [re`Unexpected environment preparation error: (?<reason>[^\n]{1,300})`, re`Unhandled prepare executor error: (?<reason>[^\n]{1,300})`],
    // A machine job's VM never came: the machine executor rule claims it.
    unless: [re`failed to create host: `],
    references: ['https://github.com/camalot/vscode-workspace-tasks/issues/183'],
    explanation:
      'The build agent failed in Spin up environment before any step ran: Docker refused a container, network or cgroup operation it needs for the job. The reason after the colon names it (OCI runtime error, network attach, cgroup version).',
    remediation: [
      'Read the reason after the colon; for Docker daemon errors check the Nomad client: journalctl -u docker --no-pager | tail -300, docker network ls, docker info (cgroup version).',
      'If every job on one Nomad client fails this way, terminate the instance and let the ASG replace it.',
    ],
  },
  {
    id: 'docker-executor.build-agent-panic',
    title: 'CircleCI build agent crashed (Go panic)',
    issueType: 'docker-executor',
    severity: 'high',
    appliesTo: { services: DOCKER_HOSTS },
    // A frame of a Go goroutine dump (function and argument words) in the build agent's own packages:
    // Go prints those only when the process panics or is killed with a dump.
    patterns: [re`^github\.com/circleci/build-agent/(?<function>\S{1,300}?)\((?:0x[0-9a-f]|\.\.\.|\))`],
    references: ['https://github.com/circleci/circleci-docs/issues/4114'],
    explanation:
      'The build agent that runs the job inside its container crashed; the job ends as an infrastructure failure without running (or finishing) its steps. The panic line above the goroutine dump and the first build-agent frame say where.',
    remediation: [
      'Attach the job output and the Nomad allocation log of the job; if it repeats for every job, compare the build agent version (Build-agent version line) with the CircleCI Server release and report it to CircleCI support.',
    ],
  },
  {
    id: 'docker-executor.image-not-local',
    title: 'Docker pulls an image that is not cached yet',
    issueType: 'docker-executor',
    severity: 'info',
    ignore: true,
    appliesTo: { services: DOCKER_HOSTS },
    // The first line of every docker run of an image not yet on the host; the pull follows.
    patterns: [re`Unable to find image '[^'\n]{1,300}' locally\s*$`],
    references: ['https://github.com/docker/hub-feedback/issues/1195'],
    explanation: 'docker run announces that it will pull the image first; nothing failed.',
    remediation: ['Nothing to do; a failed pull is reported on the lines after it.'],
  },
  {
    id: 'docker-executor.daemon-containerd-failure',
    title: 'Docker daemon lost its containerd on a Nomad client',
    issueType: 'docker-executor',
    severity: 'high',
    appliesTo: { services: DOCKER_HOSTS },
    patterns: [
      re`Failed to restore container [0-9a-f]{12,64} with containerd: `,
      re`failed to start containerd: timeout waiting for containerd to start`,
      re`failed to dial "/run/containerd/containerd\.sock"`,
    ],
    references: ['https://github.com/docker-library/docker/issues/250'],
    explanation: 'dockerd cannot reach or restore state from containerd (containerd crashed, restarted or its state directory was lost); job containers on that Nomad client cannot start or are orphaned.',
    remediation: ['On the instance: systemctl status containerd docker; journalctl -u containerd -u docker --no-pager | tail -300; replace the instance if the daemons do not recover.'],
  },
  {
    id: 'docker-executor.daemon-unit-failed',
    title: 'Docker or containerd service failed on a host (systemd)',
    issueType: 'docker-executor',
    severity: 'critical',
    appliesTo: { services: DOCKER_HOSTS },
    // systemd's own lines about the unit, in the wordings of old (lowercase "main process") and
    // current releases, and its "Failed to start <Description>" (moby/moby#22685, #25913).
    patterns: [
      re`\b(?<unit>docker|containerd)\.service: (?:[Mm]ain process exited, code=(?:exited|dumped), status=[1-9]\d{0,2}/|Failed with result '|Start request repeated too quickly)`,
      re`\bFailed to start (?:Docker Application Container Engine|containerd container runtime)\b`,
      re`\bUnit (?<unit>docker|containerd)\.service entered failed state\b`,
    ],
    explanation: 'The Docker daemon (or the containerd under it) on the instance exited or could not start: the Nomad client on it cannot run docker jobs until the daemon is back.',
    remediation: [
      'On the instance: systemctl status docker containerd; journalctl -u docker -u containerd --no-pager | tail -300 for the error before the exit (storage driver, daemon.json, disk).',
      'Replace the instance (terminate it; the ASG launches a fresh one) when the daemon does not start again.',
    ],
    references: ['https://github.com/moby/moby/issues/22685', 'https://github.com/moby/moby/issues/25913'],
  },
  {
    id: 'docker-executor.layer-register-failed',
    title: 'Docker could not write an image layer to disk',
    issueType: 'docker-executor',
    severity: 'high',
    appliesTo: { services: DOCKER_HOSTS },
    // The layer store's error when extracting a pulled layer fails on the disk itself
    // (jeroenjanssens/data-science-at-the-command-line#153: "input/output error").
    patterns: [re`failed to register layer: [^\n]{0,300}?(?:input/output error|read-only file system|structure needs cleaning|no space left on device)`],
    explanation: 'Extracting a pulled image layer failed on the Docker data disk (I/O error, read-only or corrupt filesystem, or no space): the image cannot be used and jobs using it fail on this instance.',
    remediation: [
      'On the instance: dmesg | tail -50 and df -h /var/lib/docker for disk errors or exhaustion; replace the instance when the volume reports I/O errors.',
    ],
    references: ['https://github.com/jeroenjanssens/data-science-at-the-command-line/issues/153'],
  },
];
