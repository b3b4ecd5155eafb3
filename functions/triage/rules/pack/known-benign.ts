import type { Rule } from '../rule.js';
import { re } from './shared.js';

/**
 * Error-level lines that are routine: claimed first and raising nothing, so neither a later rule
 * nor the unrecognised-error pass reports them. Each entry says why it is benign.
 */
export const knownBenignRules: Rule[] = [
  {
    id: 'benign.postgresql-autovacuum-canceled',
    title: 'PostgreSQL autovacuum yielded to a lock',
    issueType: 'data-store',
    severity: 'info',
    ignore: true,
    appliesTo: { services: ['postgresql', 'unknown'] },
    patterns: [re`ERROR:\s+canceling autovacuum task`],
    explanation: 'Autovacuum cancels itself when a statement needs a conflicting lock and retries later; PostgreSQL logs that at ERROR level.',
    remediation: ['Nothing to do unless tables bloat; then check for long-held locks.'],
    references: ['https://github.com/supervc-stack/VectorChord-bm25/issues/21', 'https://www.postgresql.org/docs/current/routine-vacuuming.html'],
  },
  {
    id: 'benign.traefik-peek-first-byte',
    title: 'Traefik: a client closed a connection before sending a byte',
    issueType: 'api-connection',
    severity: 'info',
    ignore: true,
    appliesTo: { services: ['traefik', 'frontend', 'kong', 'unknown'] },
    patterns: [re`Error while Peeking first byte: [^\n]{0,200}?(?:connection reset by peer|EOF|i/o timeout)`],
    explanation: 'Load balancer TCP health checks open and reset connections without sending data; Traefik logs each at error level.',
    remediation: ['Nothing to do; if it floods the log, use an HTTP health check on the load balancer.'],
    references: ['https://github.com/traefik/traefik/issues/5652'],
  },
  {
    id: 'benign.other-ci-agent-journal',
    title: 'Another CI product\'s agent in a host journal',
    issueType: 'runner',
    severity: 'info',
    ignore: true,
    appliesTo: { services: ['host', 'unknown'] },
    // GitLab and Buildkite agents share hosts with CircleCI runners; their errors are not CircleCI's.
    patterns: [re`^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \S+ (?:gitlab-runner|gitlab-ci-multi-runner|buildkite-agent)\[\d+\]: `],
    explanation: 'A GitLab or Buildkite runner on the same host logged an error; it says nothing about CircleCI jobs.',
    remediation: ['Nothing to do for CircleCI; attach the circleci-runner unit instead (journalctl -u circleci-runner).'],
    references: ['https://github.com/cattle-ops/terraform-aws-gitlab-runner/issues/18'],
  },
];
