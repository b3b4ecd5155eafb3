import { BACKEND_SERVICES, EXECUTION_PATH_SERVICES } from '../model/services.js';
import type { IssueType } from '../model/issue-types.js';
import type { Evidence } from '../report/schema.js';
import { draftFinding, type DraftFinding } from './collector.js';

const BACKEND: ReadonlySet<string> = new Set(BACKEND_SERVICES);
const EXECUTION_PATH: ReadonlySet<string> = new Set(EXECUTION_PATH_SERVICES);
const EXECUTOR_TYPES: ReadonlySet<IssueType> = new Set(['docker-executor', 'machine-executor', 'runner']);
const COINCIDENCE_MS = 15 * 60_000;

export interface CascadeResult {
  finding: DraftFinding;
  /** Indexes (into the input list) of the findings it groups. */
  downstream: number[];
}

function serious(f: DraftFinding): boolean {
  return f.severity === 'critical' || f.severity === 'high' || f.severity === 'medium';
}

function overlaps(a: DraftFinding, b: DraftFinding): boolean | undefined {
  if (!a.firstSeen || !a.lastSeen || !b.firstSeen || !b.lastSeen) return undefined;
  return Date.parse(a.firstSeen) <= Date.parse(b.lastSeen) + COINCIDENCE_MS && Date.parse(b.firstSeen) <= Date.parse(a.lastSeen) + COINCIDENCE_MS;
}

/**
 * The guide's cascade pattern: a shared backend (most often contexts-service and its database)
 * slows down, every caller on the build-agent → distributor → execution-gateway path times out
 * and retries, and many executor types fail together. Raised when several executor types fail
 * at once, or when backend errors coincide with distributor / execution-gateway failures.
 */
export function detectCascade(findings: readonly DraftFinding[]): CascadeResult | undefined {
  const indexed = findings.map((f, i) => ({ f, i })).filter(({ f }) => f.issueType !== 'bundle-quality' && serious(f));
  const networking = indexed.filter(({ f }) => f.issueType === 'cluster-networking');
  const dataStore = indexed.filter(({ f }) => f.issueType !== 'cluster-networking' && (BACKEND.has(f.service) || f.issueType === 'data-store'));
  // Broken cluster networking (the 2023-03-14 incident: kube-proxy failing to restore iptables)
  // breaks every service-to-service call, so it outranks any backend as the root.
  const networkingCascade = networking.length > 0 && indexed.some(({ f }) => f.issueType !== 'cluster-networking' && networking.some((n) => overlaps(n.f, f) !== false));
  const backend = networkingCascade ? networking : dataStore;
  const executionPath = indexed.filter(({ f }) => EXECUTION_PATH.has(f.service));
  const executorTypes = new Set(indexed.filter(({ f }) => EXECUTOR_TYPES.has(f.issueType)).map(({ f }) => f.issueType));

  const coincident = executionPath.filter(({ f }) => backend.some((b) => overlaps(b.f, f) !== false));
  const backendCascade = backend.length > 0 && coincident.length > 0;
  const executorCascade = executorTypes.size >= 2;
  if (!networkingCascade && !backendCascade && !executorCascade) return undefined;

  // The backend finding that started first is the likeliest root; undated ones rank last.
  const root = [...backend].sort((a, b) => (a.f.firstSeen ?? '\uffff').localeCompare(b.f.firstSeen ?? '\uffff'))[0];
  const downstream = indexed.filter(
    ({ f, i }) =>
      i !== root?.i &&
      (networkingCascade
        ? f.issueType !== 'cluster-networking' && overlaps(root!.f, f) !== false
        : EXECUTION_PATH.has(f.service) || EXECUTOR_TYPES.has(f.issueType)),
  );
  const timesKnown = root && downstream.every(({ f }) => overlaps(root.f, f) !== undefined);
  const rootService = root?.f.service ?? 'unknown';
  const downstreamServices = [...new Set(downstream.map(({ f }) => f.service))];

  const evidence: Evidence[] = [];
  if (root?.f.evidence[0]) evidence.push(root.f.evidence[0]);
  for (const { f } of downstream.slice(0, 3)) if (f.evidence[0]) evidence.push(f.evidence[0]);

  const rootText = root
    ? `${rootService} errors (${root.f.title}) ${timesKnown ? 'start first and overlap in time with' : 'appear together with (timestamps incomplete, so the order is unknown)'} failures in ${downstreamServices.join(', ') || 'the execution path'}`
    : `${[...executorTypes].join(' and ')} jobs fail together, but no backend errors were found in the inputs, so the root service is unknown`;

  const times = [root?.f, ...downstream.map(({ f }) => f)].flatMap((f) => (f?.firstSeen ? [f.firstSeen] : []));
  const lasts = [root?.f, ...downstream.map(({ f }) => f)].flatMap((f) => (f?.lastSeen ? [f.lastSeen] : []));
  return {
    downstream: downstream.map(({ i }) => i),
    finding: draftFinding({
      ruleId: networkingCascade ? 'cascade.cluster-networking' : root ? 'cascade.shared-backend' : 'cascade.executors-together',
      issueType: 'cascade',
      severity: 'critical',
      service: rootService,
      title: networkingCascade
        ? `Cluster networking failure: ${rootService} is the likely root of failures across services`
        : root
          ? `Shared backend problem: ${rootService} is the likely root of a cascade`
          : 'Several executor types fail together: likely a shared backend problem',
      explanation: networkingCascade
        ? `${rootText}. When kube-proxy cannot sync iptables (for example after a kubelet/kube-proxy version mismatch during an upgrade), Service virtual IPs route wrongly or nowhere, so calls between services fail everywhere while every pod looks healthy; queues (RabbitMQ) and callers then report connection errors. Fix the networking first; the grouped findings are its symptoms.`
        : `${rootText}. When a shared backend slows down, every caller times out and retries: build-agent has a ~30 s budget retrying through ex/httpclient, and the distributor → execution-gateway contexts call has a ~5 s budget with ~2 s per attempt, so retries multiply the load on the slow service and failures spread to every executor type. Fix the root service first; the grouped findings are its symptoms.`,
      remediation: networkingCascade
        ? [
            'Check kube-proxy on every node (kubectl logs -n kube-system -l k8s-app=kube-proxy --tail=10000 --prefix) and the kubelet/kube-proxy version skew.',
            'Restarting the affected nodes (or kube-proxy) rebuilds a fresh iptables rule set; roll nodes one by one.',
            'After networking recovers, restart RabbitMQ clients that lost their connections and check for corrupted queues.',
          ]
        : [
        root ? `Investigate ${rootService} first: its logs, resource usage and its data store (connection pool exhaustion is the most common cause).` : 'Look for the shared dependency: contexts-service, PostgreSQL, RabbitMQ, Vault.',
        'Collect the cascade logs: kubectl logs -l app=execution-gateway -n <namespace> --tail=10000 > execution-gateway-logs.txt; kubectl logs -l app=distributor-external -n <namespace> --tail=10000 > distributor-external-logs.txt; kubectl logs -l app=contexts-service -n <namespace> --tail=10000 > contexts-service-logs.txt',
        'Watch contexts-service for connection pool exhaustion and execution-gateway for high response times while it recovers.',
      ],
      count: downstream.length + (root ? 1 : 0),
      evidence,
      data: {
        rootService: [rootService],
        downstreamServices,
        ...(executorTypes.size ? { executorTypes: [...executorTypes] } : {}),
      },
      firstSeen: times.sort()[0] ?? null,
      lastSeen: lasts.sort().at(-1) ?? null,
    }),
  };
}
