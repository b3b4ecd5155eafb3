import type { Rule } from '../rule.js';
import { re, WARN_UP, NOMAD_CHECKPOINT } from './shared.js';

/** Nomad server. */
export const nomadServerRules: Rule[] = [
  {
    id: 'nomad-server.rpc-connection-limit',
    title: 'Nomad server rejecting clients over the RPC connection limit',
    issueType: 'nomad-server',
    severity: 'high',
    appliesTo: { services: ['nomad-server'] },
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
    appliesTo: { services: ['nomad-server'] },
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
    appliesTo: { services: ['nomad-server'] },
    patterns: [re`No cluster leader`, re`heartbeat timeout reached, starting election`, re`failed to contact quorum of nodes`],
    unless: [NOMAD_CHECKPOINT],
    explanation: 'The Nomad server raft cluster lost or is electing its leader; no jobs are scheduled until a leader exists.',
    remediation: [
      'Check nomad server members and the health of each nomad-server pod; collect their logs before restarting any of them.',
      'Look for pod restarts, memory pressure or network problems between the nomad-server pods.',
    ],
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
    appliesTo: { services: ['nomad-server'] },
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
    appliesTo: { services: ['nomad-server'] },
    patterns: [re`rpc error`],
    unless: [NOMAD_CHECKPOINT],
    levels: WARN_UP,
    explanation: 'Nomad server RPC calls are failing; repeated errors delay scheduling.',
    remediation: ['Enable DEBUG log_level on the Nomad server via Helm values, reproduce, and collect the support bundle and nomad-server.log.'],
  },
];
