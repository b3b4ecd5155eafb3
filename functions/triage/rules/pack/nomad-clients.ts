import type { Rule } from '../rule.js';
import { re, WARN_UP, NOMAD_CHECKPOINT } from './shared.js';

/** Nomad clients. */
export const nomadClientsRules: Rule[] = [
  {
    id: 'benign.nomad-client-stats-stream-closed',
    title: 'Nomad client: stats stream of a finished task closed',
    issueType: 'nomad-client',
    severity: 'info',
    ignore: true,
    appliesTo: { services: ['nomad-client', 'host', 'unknown'] },
    // Logged at ERROR whenever a task exits while its stats stream is open, even on success
    // (hashicorp/nomad#10814, open since 0.9), and logmon's stderr reader after the plugin exits (#5613).
    patterns: [
      re`error receiving stream from Stats executor RPC, closing stream`,
      re`task_hook\.logmon(?:\.nomad)?: reading plugin stderr: [^\n]{0,200}?file already closed`,
      // The same end seen from the stats hook and, before 0.9, from the server relaying a stats
      // request for an allocation the client has already collected (hashicorp/nomad#6450, #5509).
      re`stats_hook: failed to start stats collection for task with unrecoverable error`,
      re`"ClientAllocations\.Stats" RPC failed to server [^\n]{0,120}?Unknown allocation`,
    ],
    explanation: 'The task had already ended; the stream to its executor or log monitor closed with it. Task outcomes are reported by their own events.',
    remediation: ['Nothing to do; look at the task events (nomad alloc status) for how the task ended.'],
    references: ['https://github.com/hashicorp/nomad/issues/10814', 'https://github.com/hashicorp/nomad/issues/5613'],
  },
  {
    id: 'benign.nomad-client-first-alloc-query-denied',
    title: 'Older Nomad client: first allocation query denied after a server upgrade',
    issueType: 'nomad-client',
    severity: 'info',
    ignore: true,
    appliesTo: { services: ['nomad-client', 'host', 'unknown'] },
    // A pre-1.7 client's first Node.GetClientAllocs carries no node secret yet; 1.7+ servers refuse it and
    // the next query works (hashicorp/nomad#19466, maintainers: harmless).
    patterns: [
      re`client: error querying node allocations: error=\\?"rpc error: Permission denied\\?"`,
      re`error performing RPC to server which is not safe to automatically retry: error=\\?"rpc error: Permission denied\\?" rpc=Node\.GetClientAllocs`,
    ],
    explanation: 'The client retries the query with its node secret and receives its allocations; only a denial that keeps repeating would be a problem.',
    remediation: ['Nothing to do if it appears once after the client starts; upgrade the clients to the servers\' version.'],
    references: ['https://github.com/hashicorp/nomad/issues/19466'],
  },
  {
    id: 'benign.nomad-client-link-speed',
    title: 'Nomad client could not read a network link speed (fingerprint)',
    issueType: 'nomad-client',
    severity: 'info',
    ignore: true,
    appliesTo: { services: ['nomad-client', 'host', 'unknown'] },
    // The network fingerprinter warns for every interface whose speed ethtool or /sys does not report
    // (loopback, bridges, VLANs) and falls back to a default speed (hashicorp/nomad#2715;
    // hashicorp/nomad@00e8d721eb550b3bb8fb2023d4ffc3e14b0669b3:client/fingerprint/network_linux.go).
    // 1.x words it "unable to parse speed" and "error calling ethtool" (exit status 75 on virtual
    // interfaces); an absent CNI plugin directory is the same kind of optional fingerprint when only
    // the docker driver is used (hashicorp/nomad#10983, #20328, #19804).
    patterns: [
      re`fingerprint(?:_mgr)?\.network: (?:[Uu]nable to (?:parse Speed in output of|parse link speed|parse speed|read link speed)|link speed could not be detected|error calling ethtool)`,
      re`fingerprint_mgr\.cni_plugins: failed to read CNI plugins directory`,
    ],
    explanation: 'Nomad uses a default link speed when an interface does not report one, and reports no CNI plugins when their directory is absent; scheduling of docker jobs is not affected.',
    remediation: ['Nothing to do; set network_speed in the client configuration to silence it (install the CNI plugins in /opt/cni/bin only if jobs use bridge networking).'],
    references: ['https://github.com/hashicorp/nomad/issues/2715', 'hashicorp/nomad@00e8d721eb550b3bb8fb2023d4ffc3e14b0669b3:client/fingerprint/network_linux.go', 'https://github.com/hashicorp/nomad/issues/10983', 'https://github.com/hashicorp/nomad/issues/20328'],
  },
  {
    id: 'benign.nomad-client-optional-fingerprint',
    title: 'Nomad client: an optional integration (Consul, Vault) is not there to fingerprint',
    issueType: 'nomad-client',
    severity: 'info',
    ignore: true,
    appliesTo: { services: ['nomad-client', 'host', 'unknown'] },
    // The fingerprinters of Consul and Vault warn while the agent is absent and, on Consul CE, for
    // the Enterprise-only consul.partition attribute (hashicorp/nomad#19772); CircleCI's Nomad clients run
    // docker jobs without either, so the warning reports nothing the jobs need.
    patterns: [re`fingerprint_mgr\.(?:consul|vault): (?:unable|failed) to fingerprint (?:consul|vault)`],
    explanation: 'Nomad keeps fingerprinting integrations it was not configured to need; the node stays eligible for docker jobs.',
    remediation: ['Nothing to do for CircleCI jobs; disable the integration in the client configuration (consul { client_auto_join = false } or vault { enabled = false }) to silence it.'],
    references: ['https://github.com/hashicorp/nomad/issues/19772'],
  },
  {
    id: 'nomad-client.agent-start-failed',
    title: 'Nomad client agent exited during client set-up',
    issueType: 'nomad-client',
    severity: 'critical',
    appliesTo: { services: ['nomad-client', 'host', 'unknown'] },
    // The agent's last line when the client half cannot start: fingerprinting (no usable interface,
    // missing /sbin/ip), state restore, cgroups (hashicorp/nomad#20068, #26071, #135).
    patterns: [re`[Ee]rror starting agent: (?:error=\\?"?)?client setup failed: (?<cause>[^\n"\\]{1,300})`],
    references: ['https://github.com/hashicorp/nomad/issues/20068', 'https://github.com/hashicorp/nomad/issues/26071', 'https://github.com/hashicorp/nomad/issues/135'],
    explanation: 'The Nomad agent on this instance stopped before registering, so the node never joins the cluster and the ASG keeps an instance that runs no jobs.',
    remediation: [
      'Read the cause after "client setup failed:": fingerprinting errors point at the AMI (missing iproute2, no interface matching network_interface), restore errors at a corrupt client state directory.',
      'Fix the launch template or AMI, then replace the instance (or clear the client data_dir and restart nomad).',
    ],
  },
  {
    id: 'nomad-client.ci-privileged-missing',
    title: 'Docker network ci-privileged missing on a Nomad client',
    issueType: 'nomad-client',
    severity: 'critical',
    service: 'nomad-client',
    patterns: [re`network (?<network>ci-privileged) not found`, re`No such network:? \\?"?(?<network>ci-privileged)`],
    explanation:
      'The ci-privileged bridge network required by Docker executor jobs is gone, usually after docker network prune. It is created only at first boot by cloud-init, so every job on that Nomad client fails until it is recreated.',
    remediation: [
      'Recommended: terminate the instance and let the ASG replace it; the new instance runs cloud-init and recreates the network.',
      'Manual: docker network create --label keep --driver=bridge --opt com.docker.network.bridge.name=ci-privileged ci-privileged && systemctl restart docker-gc',
      'Never run docker network prune on Nomad clients (it ignores the keep label).',
    ],
  },
  {
    id: 'nomad-client.ci-privileged-absent',
    title: 'docker network ls shows no ci-privileged network',
    issueType: 'nomad-client',
    severity: 'critical',
    service: 'nomad-client',
    appliesTo: { fileKinds: ['docker-network-ls'] },
    absent: true,
    patterns: [re`(?:^|[ \t])ci-privileged(?:[ \t]|$)`],
    explanation:
      'The docker network ls output from the Nomad client has no ci-privileged network. Docker executor jobs on that node fail; a reboot does not recreate it because it is created only at first boot.',
    remediation: [
      'Recommended: terminate the instance and let the ASG replace it.',
      'Manual: docker network create --label keep --driver=bridge --opt com.docker.network.bridge.name=ci-privileged ci-privileged && systemctl restart docker-gc',
      'Never run docker network prune on Nomad clients.',
    ],
  },
  {
    id: 'nomad-client.apt-lock-at-boot',
    title: 'Instance bootstrap blocked by the dpkg lock (unattended-upgrades)',
    issueType: 'nomad-client',
    severity: 'high',
    appliesTo: { services: ['nomad-client', 'host', 'cloud-init', 'unknown'] },
    patterns: [
      re`Could not get lock /var/lib/(?:dpkg|apt)/`,
      re`Unable to acquire the dpkg frontend lock`,
      re`\bdpkg (?:frontend )?lock\b`,
    ],
    explanation:
      'At boot unattended-upgrades held the dpkg lock, so the bootstrap apt-get commands failed. The result is a Nomad client (or machine instance) that never joins the cluster.',
    remediation: [
      'Disable unattended-upgrades in the AMI, or reprovision (terminate) the instance.',
      'Check the instance system logs (cloud-init output, journalctl) for the failed bootstrap step.',
    ],
  },
  {
    id: 'nomad-client.output-processor-unreachable',
    title: 'Job agent cannot reach the output processor (gRPC unavailable)',
    issueType: 'nomad-client',
    severity: 'high',
    appliesTo: { services: ['nomad-client', 'host', 'unknown'] },
    patterns: [re`error fetching config, retrying`, re`grpc: the connection is unavailable`],
    explanation:
      'Code on the Nomad client keeps failing to fetch its config over gRPC. Jobs stay queued until they fail; this points at the output processor endpoint (port 8585) not being reachable from the Nomad clients.',
    remediation: [
      'Check that port 8585 on the output processor load balancer is reachable from the Nomad client subnet (security groups, NACLs, proxy settings).',
      'Check that the output-processor pods are running and ready.',
    ],
  },
  {
    id: 'nomad-client.server-unreachable',
    title: 'Nomad client cannot talk to the Nomad servers',
    issueType: 'nomad-client',
    severity: 'high',
    appliesTo: { services: ['nomad-client', 'host', 'unknown'] },
    patterns: [
      re`error performing RPC to server`,
      re`client: error registering`,
      // Pre-0.9 wording, a multierror record with the failed RPC under it (hashicorp/nomad#3921).
      re`client: registration failure: `,
      re`error discovering nomad servers`,
      re`client: error heartbeating`,
      re`client: error (?:updating allocations|submitting node events)`,
      // Nomad before 0.9 logged the same failure as `failed to update allocations: rpc error`.
      re`client: failed to update allocations: rpc error`,
      re`client: failed to update status: rpc error`,
      // Pre-1.0 wordings: the RPC name, then the server address.
      re`"(?<rpc>Node\.(?:UpdateStatus|Register|GetClientAllocs|UpdateAlloc|GetAllocs))" RPC failed to server (?<server>[\w.:[\]-]{1,255})`,
      re`client: heartbeating failed\.`,
      // The client's allocation watch and its RPC session dropping (hashicorp/nomad#8646).
      re`client: error querying node allocations`,
      re`client: yamux: Failed to read header`,
    ],
    unless: [NOMAD_CHECKPOINT],
    explanation: 'The Nomad client cannot register or heartbeat with the Nomad servers (port 4647), so it receives no jobs or is marked down.',
    remediation: [
      'Check that the Nomad control plane load balancer (port 4647) is reachable from the client and that TLS settings match.',
      'Check nomad node status from a nomad-server pod.',
    ],
    references: ['https://github.com/hashicorp/nomad/issues/17974', 'https://github.com/hashicorp/nomad/issues/4804', 'https://github.com/hashicorp/nomad/issues/4413', 'https://github.com/hashicorp/nomad/issues/3921', 'https://github.com/hashicorp/nomad/issues/515'],
  },
  {
    id: 'nomad-client.no-servers',
    title: 'Nomad client knows no Nomad servers',
    issueType: 'nomad-client',
    severity: 'high',
    // These wordings are shared with Consul agents, so only a Nomad client's own log counts.
    appliesTo: { services: ['nomad-client'] },
    // Before hclog the yamux session logged without the `client:` prefix (hashicorp/nomad#515).
    patterns: [re`[Nn]o servers available`, re`no known servers`, re`(?:client: |\[ERR\] )yamux: keepalive failed`],
    unless: [NOMAD_CHECKPOINT, re`\bconsul\[\d+\]: `],
    explanation:
      'The Nomad client has no reachable server to register or heartbeat with (server_join addresses wrong, control plane load balancer or port 4647 unreachable, or its RPC session dropped). It receives no jobs and is marked down after the heartbeat grace.',
    remediation: [
      'From the instance: nc -vz <nomad control plane address> 4647, and check the servers block of /etc/nomad/config.hcl.',
      'Check the nomad-server pods and the Nomad load balancer target health.',
    ],
    references: ['https://github.com/hashicorp/nomad/issues/4804', 'https://github.com/hashicorp/terraform-aws-nomad/issues/52', 'https://github.com/hashicorp/nomad/issues/7607'],
  },
  {
    id: 'nomad-client.docker-error',
    title: 'Docker errors on a Nomad client',
    issueType: 'nomad-client',
    severity: 'high',
    appliesTo: { services: ['nomad-client', 'host', 'unknown'] },
    patterns: [
      re`Cannot connect to the Docker daemon`,
      // Any failure the docker driver module reports: create, start, pull, list, inspect
      // (hashicorp/nomad#18216 "failed to list pause containers", #5485 "failed pulling container").
      re`(?:client\.driver_mgr\.docker|\bdriver\.docker): (?:[Ff]ailed\b|[Ee]rror\b|[Uu]nable to\b)`,
      re`failed to (?:create|start) container[^\n]{0,80}?driver=docker`,
    ],
    // The docker driver logs its own retries at DEBUG; only the final failures matter.
    levels: WARN_UP,
    explanation: 'The Docker daemon on the Nomad client is down or refused to create job containers, so Docker executor jobs on that node fail.',
    remediation: [
      'On the instance: systemctl status docker; journalctl -u docker --no-pager | tail -200',
      'If the daemon is unhealthy, terminate the instance and let the ASG replace it.',
    ],
    references: ['https://github.com/hashicorp/nomad/issues/2253', 'https://github.com/hashicorp/nomad/issues/3994', 'https://github.com/hashicorp/nomad/issues/20116'],
  },
  {
    id: 'nomad-client.alloc-network-failed',
    title: 'Nomad client cannot set up the network of an allocation',
    issueType: 'nomad-client',
    severity: 'high',
    appliesTo: { services: ['nomad-client', 'host', 'unknown'] },
    patterns: [
      re`pre-run hook \\?"network\\?" failed`,
      re`failed to (?:configure|create) (?:bridge )?network(?:ing)? for alloc`,
      re`failed to configure bridge network`,
    ],
    levels: WARN_UP,
    explanation:
      'The Nomad client could not create the network namespace or bridge (CNI, iptables chains) of an allocation, so the task never starts. It is a problem of that client host (leftover veth or iptables state, netns permissions), not of the job.',
    remediation: [
      'On the instance: journalctl -u nomad | grep -i network; iptables -t nat -S | grep CNI; ls -l /var/run/netns.',
      'If allocations keep failing on one node, drain it (nomad node drain -enable <node-id>) and let the ASG replace the instance.',
    ],
    references: ['https://github.com/hashicorp/nomad/issues/6567', 'https://github.com/hashicorp/nomad/issues/9750', 'https://github.com/hashicorp/nomad/pull/6316'],
  },
  {
    id: 'nomad-client.docker-gc-failed',
    title: 'docker-gc is not running on a Nomad client',
    issueType: 'nomad-client',
    severity: 'high',
    appliesTo: { services: ['nomad-client', 'host', 'unknown'] },
    patterns: [
      re`docker-gc\.service: (?:Main process exited|Failed with result)`,
      re`Failed to start Docker garbage collector`,
      re`docker-gc-start\.rc\[\d+\]: docker: `,
    ],
    explanation:
      'The docker-gc service that CircleCI installs on Nomad clients failed to start, so old job images and volumes are never removed. The disk fills and jobs later fail with no space left on device.',
    remediation: [
      'On the instance: systemctl status docker-gc; journalctl -u docker-gc --no-pager | tail -50.',
      'Replace the instance (terminate it, the ASG launches a fresh one) or fix the unit as in the server-terraform change for this failure.',
    ],
    references: ['https://github.com/CircleCI-Public/server-terraform/pull/172'],
  },
  {
    id: 'nomad-client.disk-full',
    title: 'Nomad client out of disk space',
    issueType: 'nomad-client',
    severity: 'high',
    appliesTo: { services: ['nomad-client'] },
    patterns: [re`[Nn]o space left on device`],
    explanation: 'The Nomad client disk is full; image pulls and job containers fail on that node.',
    remediation: [
      'Check docker-gc is running (systemctl status docker-gc) and free space with docker system df.',
      'Terminate the instance and let the ASG replace it, or increase the root volume size in the launch template.',
    ],
  },
  {
    id: 'nomad-client.oom-killer',
    title: 'Kernel OOM killer on a Nomad client',
    issueType: 'nomad-client',
    severity: 'high',
    appliesTo: { services: ['nomad-client'] },
    patterns: [
      re`Out of memory: Killed? process \d+ \((?<process>[^)\n]{1,64})\)`,
      re`[Cc]annot allocate memory`,
      // Anchored on the preceding blank so the name class is not retried at every offset.
      re`(?:^|\s)(?<process>[\w.:\[\]-]{1,64}) invoked oom-killer`,
      // The Go runtime of the Nomad agent itself ran out of memory and the agent died.
      re`fatal error: (?:runtime: )?out of memory`,
    ],
    explanation: 'The Nomad client ran out of memory; the kernel killed a process (a job container, Docker or Nomad itself).',
    remediation: ['Check the resource classes scheduled on the node against the instance size, and whether the killed process was a job or a system daemon.'],
    references: ['https://github.com/hashicorp/nomad/issues/2840', 'https://github.com/hashicorp/nomad/issues/2574', 'https://github.com/hashicorp/nomad/issues/5576'],
  },
  {
    id: 'nomad-client.heartbeat-missed',
    title: 'Nomad client missed its heartbeat to the servers',
    issueType: 'nomad-client',
    severity: 'high',
    appliesTo: { services: ['nomad-client', 'host', 'unknown'] },
    patterns: [
      // Pre-0.9 and hclog wordings of the client's own warning (hashicorp/nomad#3971), and the
      // node event row of nomad node status / alloc status (hashicorp/nomad#5485).
      re`client: (?:heartbeat missed|missed heartbeat)\b`,
      re`\bNode heartbeat missed\b`,
    ],
    explanation:
      'The Nomad client heartbeated late or not at all; past the heartbeat TTL the servers mark the node down and its allocations lost, so jobs running there fail or are rescheduled.',
    remediation: [
      'Check the client host load and its network path to the Nomad servers (port 4647); on the instance: journalctl -u nomad around this time.',
      'If many clients miss heartbeats at once, check the Nomad servers (leader changes) first.',
    ],
    references: ['https://github.com/hashicorp/nomad/issues/3971', 'https://github.com/hashicorp/nomad/issues/5485'],
  },
  {
    id: 'nomad-client.agent-unit-failed',
    title: 'Nomad agent service failed on a host (systemd)',
    issueType: 'nomad-client',
    severity: 'critical',
    // On CircleCI Server the systemd nomad unit runs the Nomad clients; the servers run in Kubernetes.
    appliesTo: { services: ['nomad-client', 'host', 'unknown', 'cloud-init'] },
    patterns: [
      re`\bnomad(?:-client)?\.service: (?:Failed with result|Main process exited, code=\w+, status=[1-9]|Start request repeated too quickly)`,
      re`\bFailed to start [Nn]omad\b`,
    ],
    explanation: 'The Nomad agent process on the instance exited or could not start, so the node runs no jobs and is marked down.',
    remediation: [
      'On the instance: systemctl status nomad; journalctl -u nomad --no-pager | tail -200 for the error before the exit.',
      'Replace the instance (terminate it; the ASG launches a fresh one) if the configuration or data directory is broken.',
    ],
    references: ['https://github.com/hashicorp/nomad/issues/17764'],
  },
  {
    id: 'nomad-client.task-event-failure',
    title: 'Allocation task event reports a failure',
    issueType: 'nomad-client',
    severity: 'high',
    appliesTo: { services: ['nomad-client', 'host', 'unknown'] },
    patterns: [
      // Recent Events rows of nomad alloc status: time, two or more spaces, the event type, the message.
      re`\s{2}(?:Driver Failure|Setup Failure|Failed Validation|Failed Artifact Download|Task hook failed|Sibling Task Failed)\s{2,}\S`,
      re`\s{2}Not Restarting\s{2,}(?:Error was unrecoverable|Exceeded allowed attempts)`,
      // The allocation health watcher's verdicts (hashicorp/nomad#5360; client/allochealth/tracker.go).
      re`\s{2}Alloc Unhealthy\s{2,}(?:Unhealthy because of failed task|Task not running (?:by deadline|for min_healthy_time))`,
      // The task runner's INFO line when it gives up (hashicorp/nomad#5613).
      re`not restarting task: [^\n]{0,200}?reason=\\?"(?:Error was unrecoverable|Exceeded allowed attempts)`,
    ],
    explanation:
      'Nomad recorded a task event that ends the task (driver or setup failure, failed validation or artifact download, no restart left). The CircleCI job behind that allocation fails.',
    remediation: [
      'Read the full allocation: nomad alloc status -verbose <alloc-id> from a nomad-server pod, and the Nomad client journal on the node named there.',
    ],
    references: ['https://github.com/hashicorp/nomad/issues/11025', 'https://github.com/hashicorp/nomad-driver-podman/pull/525', 'https://github.com/hashicorp/nomad/issues/5613', 'https://github.com/hashicorp/nomad/issues/5360'],
  },
  // Generic task failures last, so disk and memory causes claim their lines first.
  {
    id: 'nomad-client.task-failed',
    title: 'Nomad client could not start a job task',
    issueType: 'nomad-client',
    severity: 'high',
    appliesTo: { services: ['nomad-client', 'host', 'unknown'] },
    patterns: [
      re`running driver failed(?:[^\n]{0,40}?alloc_id=(?<allocId>[0-9a-f-]{36}))?`,
      re`type="?Driver Failure"?`,
      re`type="Not Restarting"[^\n]{0,200}?failed=true`,
      re`failed to start task '[^'\n]{1,128}' for alloc`,
      re`task_runner: (?:prestart failed|poststart failed|failed to create driver)`,
      // After a client restart, an allocation whose saved state cannot be read is not resumed (hashicorp/nomad#2715).
      re`client: failed to restore state for alloc (?<allocId>[0-9a-f-]{36})`,
    ],
    explanation:
      'The task driver on the Nomad client failed to start a task (container create/start error, runtime error) and Nomad gave up on it. The CircleCI job behind that allocation ends as an infrastructure failure.',
    remediation: [
      'Read the allocation: nomad alloc status <alloc-id> and nomad alloc logs -stderr <alloc-id> from a nomad-server pod.',
      'On the instance: journalctl -u docker --since "-1h" for the daemon side of the error; replace the instance if Docker is unhealthy.',
    ],
    references: ['https://github.com/hashicorp/nomad/issues/20116', 'https://github.com/Roblox/nomad-driver-containerd/issues/126', 'https://github.com/hashicorp/nomad/issues/2715'],
  },
];
