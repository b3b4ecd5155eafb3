import type { Rule } from '../rule.js';
import { re, WARN_UP, NOMAD_CHECKPOINT } from './shared.js';

/** Consul runs the same raft library and writes the same words; its unit and ports give it away. */
const CONSUL_AGENT = re`\bconsul\[\d+\]: |:830[0-2]\b|\bconsul: `;

/**
 * Words of HashiCorp's shared libraries (raft, yamux, the RPC pool) and of the Go runtime: Consul
 * and Vault servers print them too, so these rules need a log known to be a Nomad server's.
 */
const NOMAD_SERVER_LOG_ONLY: Rule['appliesTo'] = { services: ['nomad-server'], excludeServices: ['unknown'] };

/** Nomad server. */
export const nomadServerRules: Rule[] = [
  {
    id: 'benign.raft-follower-catching-up',
    title: 'Raft leader sending older log entries to a follower',
    issueType: 'nomad-server',
    severity: 'info',
    ignore: true,
    // hashicorp/raft's leader backs up to an older index when a follower's log is behind (after a restart
    // or snapshot): routine replication, logged at WARN by Nomad, Vault and Consul alike
    // (hashicorp/nomad#2508; hashicorp/raft@v1.7.0:replication.go).
    appliesTo: { services: ['nomad-server', 'vault*', 'consul', 'host', 'unknown'] },
    patterns: [re`[Aa]ppend[Ee]ntries(?: to \{[^}\n]{1,200}\})? rejected, sending older logs`],
    explanation: 'The follower acknowledged an index it does not have yet and the leader resends from further back; replication continues.',
    remediation: ['Nothing to do unless the same follower also fails heartbeats or appendEntries (those are separate findings).'],
    references: ['https://github.com/hashicorp/nomad/issues/2508', 'hashicorp/raft@v1.7.0:replication.go'],
  },
  {
    id: 'nomad-server.rpc-connection-limit',
    title: 'Nomad server rejecting clients over the RPC connection limit',
    issueType: 'nomad-server',
    severity: 'high',
    appliesTo: NOMAD_SERVER_LOG_ONLY,
    patterns: [
      re`rejecting client for exceeding maximum (?:RPC|HTTP) connections(?:[^\n]{0,100}?remote_addr=(?<host>[\w.:[\]-]+))?`,
      re`(?:rpc|http)_max_conns_per_client`,
    ],
    levels: WARN_UP,
    explanation:
      'Many Nomad clients (or one very busy client) exceed the per-client connection limit of the Nomad server, so RPCs are refused and scheduling degrades.',
    remediation: [
      'Raise rpc_max_conns_per_client (and http_max_conns_per_client if HTTP is refused) in the Nomad server settings via Helm values.',
      'Only a Nomad server pod restart (Helm rollout) is needed; Nomad clients reconnect automatically without a client restart.',
    ],
  },
  {
    id: 'nomad-server.lead-thread-no-connection',
    title: "Nomad server RPC: lead thread didn't get connection",
    issueType: 'nomad-server',
    severity: 'critical',
    appliesTo: NOMAD_SERVER_LOG_ONLY,
    patterns: [re`lead thread didn't get connection`],
    unless: [NOMAD_CHECKPOINT],
    levels: WARN_UP,
    explanation:
      'The Nomad RPC connection pool could not open a connection to another server or client; when it affects the leader path, scheduling and evaluations stall.',
    remediation: [
      'Collect Nomad server logs before restarting: kubectl logs deploy/nomad-server -n <namespace> --tail=1000000 > nomad-server.log',
      'Check server membership: kubectl exec -it $(kubectl get pods -l app=nomad-server -n <namespace> -o name | head -1) -n <namespace> -- nomad server members',
      'Enable DEBUG or TRACE log_level on the Nomad server via Helm values if the problem is intermittent.',
    ],
  },
  {
    id: 'nomad-server.no-leader',
    title: 'Nomad servers have no leader',
    issueType: 'nomad-server',
    severity: 'critical',
    appliesTo: NOMAD_SERVER_LOG_ONLY,
    patterns: [
      re`No cluster leader`,
      // hashicorp/raft before 1.0 quoted the last leader: `Heartbeat timeout from "" reached`.
      re`[Hh]eartbeat timeout (?:from "[^"\n]{0,80}" )?reached, starting election`,
      re`[Ee]lection timeout reached, restarting election`,
      re`[Ff]ailed to contact quorum of nodes`,
      re`cluster leadership lost`,
      re`leadership lost while committing log`,
      re`lost leadership because`,
      re`failed to dequeue evaluation: eval broker disabled`,
      // Servers started with different bootstrap_expect values never agree to elect one.
      re`peer has a conflicting expect value`,
    ],
    unless: [NOMAD_CHECKPOINT, CONSUL_AGENT],
    explanation:
      'The Nomad server raft cluster lost or is electing its leader (quorum lost, heartbeat or election timeouts, leadership lost while committing). No jobs are scheduled and client registrations fail until a stable leader exists.',
    remediation: [
      'Check nomad server members and the health of each nomad-server pod; collect their logs before restarting any of them.',
      'Look for pod restarts, memory pressure or network problems between the nomad-server pods.',
    ],
    references: ['https://github.com/hashicorp/nomad/issues/4749', 'https://github.com/hashicorp/nomad/issues/4330', 'https://github.com/hashicorp/nomad/issues/3840', 'https://github.com/hashicorp/nomad/issues/10437', 'https://github.com/hashicorp/nomad/issues/1589', 'https://github.com/hashicorp/nomad/issues/20258'],
  },
  {
    id: 'nomad-server.raft-peer-unreachable',
    title: 'Nomad servers cannot reach each other (raft heartbeats, votes, RPC sessions)',
    issueType: 'nomad-server',
    severity: 'high',
    appliesTo: NOMAD_SERVER_LOG_ONLY,
    patterns: [
      re`[Ff]ailed to heartbeat to:? (?:peer=)?(?<peer>[\w.:[\]-]{3,80})`,
      re`[Ff]ailed to contact:? (?:server-id=)?(?<peer>[\w.:-]{6,80}) (?:in|time=)`,
      re`[Ff]ailed to make [Rr]equest[Vv]ote RPC`,
      // raft before hclog wrote `Failed to AppendEntries to` (hashicorp/nomad#1428).
      re`[Ff]ailed to (?:[Aa]ppend[Ee]ntries|pipeline appendEntries|send snapshot|start pipeline replication) to`,
      re`has newer term, stopping replication`,
      // multiplexV2 (1.0 wording) and multiplex_v2 (1.2+, hashicorp/nomad#12148).
      re`multiplex(?:_?[Vv]2)? conn accept failed`,
      re`yamux: keepalive failed`,
      re`failed retrieving server health`,
      // Pre-1.0 autopilot wording of the same.
      re`error getting server health from "?(?<peer>[\w.:-]{1,255})"?: (?:context deadline exceeded|last request still outstanding|rpc error)`,
      re`memberlist: Suspect (?<member>\S{1,120}) has failed`,
      re`update node status failed`,
    ],
    unless: [NOMAD_CHECKPOINT, CONSUL_AGENT],
    // Raft logs its contact misses at DEBUG on every tick; the WARN/ERROR ones mean lost time.
    levels: ['info', 'warn', 'error', 'fatal'],
    explanation:
      'A Nomad server missed raft heartbeats or RPC keepalives to a peer, or marked a peer suspect. This precedes leader elections and lost quorum; on Kubernetes it usually means a nomad-server pod was restarted, starved of CPU or cut off by network policy.',
    remediation: [
      'Check the nomad-server pods: kubectl get pods -l app=nomad-server -n <namespace> -o wide (restarts, node, age) and kubectl top pods -n <namespace>.',
      'Check nomad server members from one pod and that ports 4647/4648 are open between the pods.',
    ],
    references: ['https://github.com/hashicorp/nomad/issues/1369', 'https://github.com/hashicorp/nomad/issues/17180', 'https://github.com/hashicorp/nomad/issues/4864', 'https://github.com/hashicorp/nomad/issues/7607', 'https://github.com/hashicorp/nomad/issues/24231', 'hashicorp/raft@1837036daf50bd973bcb0f3fc536b2d451cebf5d:replication.go'],
  },
  {
    id: 'nomad-server.raft-storage-failed',
    title: 'Nomad server cannot write its raft log or snapshots',
    issueType: 'nomad-server',
    severity: 'critical',
    appliesTo: NOMAD_SERVER_LOG_ONLY,
    patterns: [
      re`failed to (?:append to logs|take snapshot|persist vote|commit logs|compact logs|restore snapshot|finalize snapshot)`,
      re`[Nn]o space left on device`,
      // The snapshot store itself is gone or unreadable (hashicorp/raft#522: the leader could no longer send snapshots).
      re`snapshot: failed to (?:get snapshots|scan snapshot directory|list snapshots)`,
    ],
    // hashicorp/raft logs a skipped snapshot at ERROR when nothing changed since the last one (hashicorp/raft#637).
    unless: [CONSUL_AGENT, re`nothing new to snapshot`],
    levels: WARN_UP,
    explanation:
      'The Nomad server could not persist raft state (log appends, votes, snapshots), most often because its data volume is full. A server that cannot write falls out of the quorum; with several affected, the cluster has no leader.',
    remediation: [
      'Check the nomad-server data volume: kubectl exec <nomad-server pod> -n <namespace> -- df -h /nomad/data (or the configured data_dir).',
      'Grow the persistent volume or clean old snapshots, then restart that server pod only; keep quorum while doing it.',
    ],
    references: ['hashicorp/raft@1837036daf50bd973bcb0f3fc536b2d451cebf5d:raft.go', 'hashicorp/raft@1837036daf50bd973bcb0f3fc536b2d451cebf5d:snapshot.go', 'https://github.com/hashicorp/nomad/issues/4477'],
  },
  {
    id: 'nomad-server.node-heartbeat-expired',
    title: 'Nomad server marked a client down after missed heartbeats',
    issueType: 'nomad-client',
    severity: 'high',
    appliesTo: { services: ['nomad-server'] },
    patterns: [re`node TTL expired(?:: node_id=(?<node>[0-9a-f-]{36}))?`, re`node '(?<node>[0-9a-f-]{36})' TTL expired`],
    explanation:
      'A Nomad client stopped heartbeating, so the server marked it down and its allocations lost. Jobs running there fail or are rescheduled; the client is dead, overloaded or cannot reach the servers on port 4647.',
    remediation: [
      'Find the node: nomad node status <node-id> from a nomad-server pod, then the EC2 instance health and the Nomad client journal (journalctl -u nomad).',
      'If many nodes expire at once, suspect the Nomad servers (leader changes) or the network path to the control plane load balancer.',
    ],
    references: ['https://github.com/hashicorp/nomad/issues/24231', 'https://github.com/hashicorp/nomad/issues/3840'],
  },
  {
    id: 'nomad-server.plan-rejected',
    title: 'Nomad server rejecting scheduler plans for a node',
    issueType: 'nomad-server',
    severity: 'high',
    appliesTo: { services: ['nomad-server'] },
    patterns: [re`plan for node rejected(?:[^\n]{0,300}?node_id=(?<node>[0-9a-f-]{36}))?(?:[^\n]{0,200}?reason="(?<reason>[^"\n]{1,120})")?`],
    explanation:
      'The plan applier refused placements on a node (ports or devices already taken, stale node state). Repeated rejections make the node ineligible and leave jobs pending although capacity looks free.',
    remediation: [
      'Look up the node in the message: nomad node status -verbose <node-id>; drain and replace it if rejections repeat.',
      'See https://developer.hashicorp.com/nomad/s/port-plan-failure for the causes Nomad documents.',
    ],
    references: ['https://github.com/hashicorp/nomad/issues/25808'],
  },
  {
    id: 'nomad-server.placement-failed',
    title: 'Nomad scheduler could not place allocations (blocked evaluations)',
    issueType: 'nomad-server',
    severity: 'medium',
    appliesTo: { services: ['nomad-server'] },
    patterns: [re`failed to place all allocations(?:, blocked eval created)?(?:[^\n]{0,120}?job_id=(?<jobId>[\w.-]{1,128}))?`],
    explanation:
      'No Nomad client had room for a job, so the scheduler created a blocked evaluation. Jobs queue until capacity appears: check the autoscaler and the client pool.',
    remediation: [
      'Check capacity: nomad node status and nomad job status <job-id> (Placement Failure section) from a nomad-server pod.',
      'Check the nomad-autoscaler logs and the ASG desired/max sizes.',
    ],
    references: ['https://github.com/hashicorp/nomad/issues/19827', 'https://github.com/hashicorp/nomad/issues/9134'],
  },
  {
    id: 'nomad-server.out-of-memory',
    title: 'Nomad server process ran out of memory',
    issueType: 'nomad-server',
    severity: 'critical',
    appliesTo: NOMAD_SERVER_LOG_ONLY,
    patterns: [re`fatal error: (?:runtime: )?out of memory`],
    explanation:
      'The Go runtime of a Nomad server could not allocate memory and the process died. The pod restarts, the cluster may lose its leader, and a server that keeps dying (large raft state, GC of many objects) can take quorum with it.',
    remediation: [
      'Raise the nomad-server memory request/limit in the Helm values and check the pod restarts: kubectl get pods -l app=nomad-server -n <namespace>.',
      'Check the raft state size (the data volume) and run nomad system gc once the cluster is stable.',
    ],
    references: ['https://github.com/hashicorp/nomad/issues/3506', 'https://github.com/hashicorp/nomad/issues/2840'],
  },
  {
    id: 'nomad-server.fsm-apply-failed',
    title: 'Nomad server failed to apply a raft log entry to its state',
    issueType: 'nomad-server',
    severity: 'high',
    appliesTo: { services: ['nomad-server'] },
    // nomad/fsm.go logs each failed apply as "<Operation> failed" under the nomad.fsm module.
    patterns: [re`nomad\.fsm: (?<operation>\w{3,60}) failed\b`],
    unless: [CONSUL_AGENT],
    levels: WARN_UP,
    explanation:
      'A Nomad server could not apply a committed raft entry to its state store (a version mismatch between servers, or state the entry does not expect); its view of jobs, nodes or ACLs drifts from the leader.',
    remediation: [
      'Compare nomad version on every server (nomad server members) and finish or roll back a partial upgrade.',
      'Collect the server logs before restarting anything; the operation name says which object type is affected.',
    ],
    references: ['https://support.hashicorp.com/hc/en-us/articles/45196173219475-Nomad-Federation-Fails-with-rpc-can-t-find-method-Job-Statuses-After-Upgrade'],
  },
  {
    id: 'nomad-server.rpc-method-unknown',
    title: 'Nomad agents of different versions: RPC method unknown to the server',
    issueType: 'nomad-server',
    severity: 'high',
    // net/rpc's answer when the server lacks an endpoint the caller knows (a partial upgrade or
    // mixed versions). Nomad's endpoint names keep it apart from Consul (hashicorp/nomad#9972).
    appliesTo: { services: ['nomad-server', 'nomad-client', 'host', 'unknown'] },
    patterns: [
      re`rpc: can't find (?:method|service) (?<method>(?:Job|Node|Alloc|Eval|Deployment|Plan|Operator|Scaling|Variables|Keyring|CSIVolume|CSIPlugin|ServiceRegistration|Namespace|ACL|Periodic|System)\.\w{2,60})`,
    ],
    unless: [NOMAD_CHECKPOINT],
    references: ['https://github.com/hashicorp/nomad/issues/9972', 'https://support.hashicorp.com/hc/en-us/articles/45196173219475-Nomad-Federation-Fails-with-rpc-can-t-find-method-Job-Statuses-After-Upgrade'],
    explanation:
      'A Nomad client, CLI or server called an RPC the answering server does not have: the agents run different Nomad versions. Calls such as job deployments, allocation updates or job status fail until the versions match.',
    remediation: [
      'Compare nomad version on every server (nomad server members) and on the clients (nomad node status -verbose); finish or roll back the upgrade so servers are at least as new as clients.',
      'On CircleCI Server check the nomad-server image tag against the Nomad version in the client launch template.',
    ],
  },
  {
    id: 'nomad-server.scheduler-worker-failed',
    title: 'Nomad scheduler workers cannot process evaluations',
    issueType: 'nomad-server',
    severity: 'high',
    // Wordings of nomad/worker.go: Nomad's own, so a file whose writer is unknown counts too.
    appliesTo: { services: ['nomad-server', 'unknown'] },
    patterns: [
      re`error invoking scheduler`,
      re`error waiting for Raft index`,
      re`worker: failed to (?:dequeue|nack|ack) evaluation`,
      re`failed to process evaluation: `,
    ],
    unless: [NOMAD_CHECKPOINT, CONSUL_AGENT],
    levels: WARN_UP,
    explanation:
      'A Nomad scheduler worker failed an evaluation: it could not dequeue or acknowledge it, its state store lagged the raft index, or the scheduler itself errored (a keyring key missing after a snapshot restore). Jobs stay pending while evaluations fail.',
    remediation: [
      'Check leadership and raft health from a nomad-server pod: nomad server members, nomad operator raft list-peers.',
      'If the error names a keyring key, restore the keyring with the snapshot (nomad operator root keyring list) before restarting servers.',
    ],
    references: ['https://github.com/hashicorp/nomad/issues/16640', 'https://github.com/hashicorp/nomad/issues/20258', 'https://github.com/hashicorp/raft/issues/522'],
  },
  {
    id: 'nomad-server.failed-update-evaluation',
    title: 'Nomad server failed to update evaluation',
    issueType: 'nomad-server',
    severity: 'high',
    appliesTo: { services: ['nomad-server'] },
    patterns: [re`failed to update evaluation`],
    explanation: 'A scheduler worker could not write an evaluation result, so jobs may stay pending or be re-evaluated repeatedly.',
    remediation: [
      'Check for leader changes and RPC errors around the same time in the Nomad server logs.',
      'Enable DEBUG log_level on the Nomad server, reproduce and collect a support bundle.',
    ],
  },
  {
    id: 'nomad-server.failed-to-get-conn',
    title: 'Nomad server RPC failed to get connection',
    issueType: 'nomad-server',
    severity: 'high',
    appliesTo: NOMAD_SERVER_LOG_ONLY,
    patterns: [re`failed to get conn(?:: dial tcp (?:\S{0,60}?->)?(?<host>[\w.:[\]-]{1,80}[\w\]]))?`],
    unless: [NOMAD_CHECKPOINT],
    levels: WARN_UP,
    explanation: 'A Nomad server could not connect to a peer or client for an RPC; scheduling and allocation updates to that node fail.',
    remediation: [
      'Check reachability of the address in the message on port 4647 (security groups, Nomad client health).',
      'If many clients are involved, check rpc_max_conns_per_client.',
    ],
  },
  {
    id: 'nomad-server.rpc-error',
    title: 'Nomad server RPC errors',
    issueType: 'nomad-server',
    severity: 'medium',
    appliesTo: NOMAD_SERVER_LOG_ONLY,
    patterns: [re`rpc error`],
    unless: [NOMAD_CHECKPOINT],
    levels: WARN_UP,
    explanation: 'Nomad server RPC calls are failing; repeated errors delay scheduling.',
    remediation: ['Enable DEBUG log_level on the Nomad server via Helm values, reproduce, and collect the support bundle and nomad-server.log.'],
  },
];
