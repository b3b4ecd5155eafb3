import { ISSUE_TYPES, type IssueType } from '../triage/model/issue-types.js';
import type { AlarmSignal } from './model.js';

/**
 * Likely issue types of an alarm, from its name, description and metric, so the first message
 * can say which logs to collect. An explicit `issue-type: <id>` in the alarm description wins.
 */
const HINTS: Array<{ type: IssueType; pattern: RegExp }> = [
  { type: 'nomad-autoscaler', pattern: /autoscal|\basg\b|GroupDesiredCapacity|GroupInServiceInstances|scale[-_ ]?(up|out|in)/i },
  { type: 'nomad-client', pattern: /nomad[-_ ]?client|docker[-_ ]?network|ci-privileged|nomad[-_ ]?node/i },
  { type: 'nomad-server', pattern: /nomad[-_ ]?server|nomad[-_ ]?leader|blocked[-_ ]?evals|\brpc\b/i },
  { type: 'machine-executor', pattern: /machine[-_ ]?(executor|provisioner)|vm[-_ ]?service|\bvm\b/i },
  { type: 'runner', pattern: /runner|task[-_ ]?claim/i },
  { type: 'cloud-permissions', pattern: /unauthori[sz]ed|access[-_ ]?denied|permission|\biam\b|cloudtrail/i },
  { type: 'data-store', pattern: /postgres|mongo|redis|rabbit|vault|AWS\/RDS|AWS\/ElastiCache|DatabaseConnections/i },
  { type: 'cluster-networking', pattern: /kube[-_ ]?proxy|coredns|\bdns\b|AWS\/EKS|ContainerInsights/i },
  { type: 'api-connection', pattern: /\b5xx\b|HTTPCode_(ELB|Target)_5XX|webhook|api[-_ ]?(latency|error)|AWS\/(ApplicationELB|ELB|NetworkELB)/i },
  { type: 'custom-integration', pattern: /\bvcs\b|github|bitbucket|proxy/i },
  { type: 'docker-executor', pattern: /docker|time[-_ ]?in[-_ ]?queue|queue[-_ ]?(depth|time)|job[-_ ]?delay/i },
  { type: 'cascade', pattern: /infra[-_ ]?fail|cascade|contexts[-_ ]?service|execution[-_ ]?gateway|distributor/i },
];

/** Used when nothing matches: the cascade set collects the services on every job's path. */
export const FALLBACK_ISSUE_TYPE: IssueType = 'cascade';

export function likelyIssueTypes(signal: Pick<AlarmSignal, 'alarmName' | 'description' | 'metric'>): { types: IssueType[]; matched: boolean } {
  const explicit = /issue[-_ ]?types?\s*[:=]\s*([a-z,\- ]+)/i.exec(signal.description ?? '');
  if (explicit?.[1]) {
    const named = explicit[1]
      .split(/[,\s]+/)
      .map((s) => s.trim().toLowerCase())
      .filter((s): s is IssueType => (ISSUE_TYPES as readonly string[]).includes(s));
    if (named.length > 0) return { types: [...new Set(named)], matched: true };
  }
  const haystack = [
    signal.alarmName,
    signal.description ?? '',
    signal.metric?.namespace ?? '',
    signal.metric?.name ?? '',
    ...Object.entries(signal.metric?.dimensions ?? {}).map(([k, v]) => `${k}=${v}`),
  ].join(' \n ');
  const types = HINTS.filter((h) => h.pattern.test(haystack)).map((h) => h.type);
  if (types.length === 0) return { types: [FALLBACK_ISSUE_TYPE], matched: false };
  return { types: [...new Set(types)].slice(0, 3), matched: true };
}
