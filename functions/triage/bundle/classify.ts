import type { FileInfo, FileKind } from '../model/file-kind.js';
import { canonicalService, serviceFromFileName, workloadOfPod } from '../model/services.js';
import { nomadRoleFromContent, serviceFromContent } from './content-service.js';

const POD_LOG = /^cluster-resources\/pods\/logs\/([^/]+)\/([^/]+)\/(.+?)(-previous)?\.log$/;
const POD_LOG_ERRORS = /^cluster-resources\/pods\/logs\/([^/]+)\/([^/]+)\/(.+)-logs-errors\.log$/;
const COLLECTOR_LOG = /^([^/]+)\/([^/]+)\/([^/]+?)(-previous)?\.log$/;
const EXEC_OUTPUT = /^([^/]+)\/([^/]+)\/([^/]+)\/([^/]+)-(stdout|stderr)\.txt$/;
const ERRORS_FILE = /(?:^|\/)(?:[^/]*-)?errors\.json$/;
const NESTED_ARCHIVE = /\.(?:tar\.gz|tgz|gz|tar|zip|bz2|xz|zst|rrd|png|jpg|pdf)$/i;
const BUNDLE_META = /^(?:version\.yaml|analysis\.json|execution-data\/|cluster-info\/|metadata\/)/;

/**
 * Classifies a path relative to the bundle root. `extra` marks a hand-collected file given
 * directly to the CLI or uploaded beside a bundle; its kind is refined from content by `sniff`.
 */
export function classifyPath(path: string, input: string, extra: boolean): FileInfo {
  const base: Pick<FileInfo, 'path' | 'input'> = { path, input };
  if (extra) {
    return { ...base, extra: true, kind: NESTED_ARCHIVE.test(path) ? 'binary' : 'text', service: serviceFromFileName(path) ?? 'unknown' };
  }
  if (NESTED_ARCHIVE.test(path)) return { ...base, kind: 'binary', service: 'unknown' };

  const podLogErrors = POD_LOG_ERRORS.exec(path);
  if (podLogErrors) {
    const [, namespace, pod, container] = podLogErrors as unknown as [string, string, string, string];
    return { ...base, kind: 'collector-errors', service: serviceOf(pod, container), namespace, pod, container };
  }
  const podLog = POD_LOG.exec(path);
  if (podLog) {
    const [, namespace, pod, container, previous] = podLog as unknown as [string, string, string, string, string?];
    return { ...base, kind: 'pod-log', service: serviceOf(pod, container), namespace, pod, container, previous: !!previous };
  }
  if (ERRORS_FILE.test(path)) return { ...base, kind: 'collector-errors', service: 'support-bundle' };
  if (BUNDLE_META.test(path)) return { ...base, kind: 'bundle-meta', service: 'support-bundle' };
  if (path.startsWith('cluster-resources/')) {
    return { ...base, kind: path.endsWith('.json') ? 'k8s-resource' : 'bundle-meta', service: 'support-bundle' };
  }
  const exec = EXEC_OUTPUT.exec(path);
  if (exec) {
    const [, collector, namespace, pod, container] = exec as unknown as [string, string, string, string, string];
    return { ...base, kind: 'exec-output', service: serviceOf(pod, container), namespace, pod, container, collector };
  }
  const collectorLog = COLLECTOR_LOG.exec(path);
  if (collectorLog) {
    const [, collector, pod, container, previous] = collectorLog as unknown as [string, string, string, string, string?];
    return { ...base, kind: 'pod-log', service: serviceOf(pod, container), pod, container, previous: !!previous, collector };
  }
  return { ...base, kind: 'text', service: serviceFromFileName(path) ?? 'unknown' };
}

function serviceOf(pod: string, container: string): string {
  const workload = canonicalService(workloadOfPod(pod));
  // Sidecars (e.g. a metrics exporter next to postgres) log as their container, not the pod.
  if (container && workload !== container && /exporter|sidecar|istio|envoy|linkerd/.test(container)) return canonicalService(container);
  return workload;
}

export interface Sniffed {
  kind: FileKind;
  service?: string;
}

const JOURNALD_LINE = /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \S+ ([\w.@/-]+?)(?:\[\d+\])?: /m;
const JOURNALD_HEADER = /^-- (?:Logs begin|Journal begins|No entries)/m;

/** Refines an extra file's kind and service from its first bytes. */
export function sniff(head: string, current: FileInfo): Sniffed {
  if (head.includes('\0')) return { kind: 'binary' };
  const trimmed = head.trimStart();
  if (/^NETWORK ID\s+NAME\s+DRIVER\s+SCOPE/m.test(head)) return { kind: 'docker-network-ls', service: 'nomad-client' };
  if (trimmed.startsWith('{') && /"build_num"\s*:|"build_url"\s*:/.test(head)) return { kind: 'job-details', service: 'circleci-api' };
  if (/^\* +(?:Trying|Connected to|Host )|^> (?:GET|POST|PUT|DELETE|HEAD|PATCH) /m.test(head) && /^[<>] /m.test(head)) {
    return { kind: 'curl-transcript', service: 'api-client' };
  }
  if (/Cloud-init v\. \d/.test(head)) return { kind: 'cloud-init', service: 'cloud-init' };
  if (JOURNALD_HEADER.test(head) || JOURNALD_LINE.test(head)) {
    const units = new Map<string, number>();
    for (const m of head.matchAll(new RegExp(JOURNALD_LINE.source, 'gm'))) {
      const unit = m[1]!.replace(/\.service$/, '');
      units.set(unit, (units.get(unit) ?? 0) + 1);
    }
    const top = [...units.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    return { kind: 'journald', service: journalService(top, head, current) };
  }
  // A file name that names no service leaves the content to decide.
  const byContent = current.service === 'unknown' ? serviceFromContent(head) : undefined;
  return byContent ? { kind: 'text', service: byContent } : { kind: 'text' };
}

const RUNNER_UNITS = /^circleci(?:-runner|-launch-agent)?$/;
/**
 * Services whose daemons write to the journal under their own name (`kubelet[4919]:`,
 * `postmaster[305963]:`). Docker's daemon is left to the Docker rules, which name it: on a Nomad
 * client its lines are the executor's as much as the host's.
 */
const JOURNAL_SERVICES: ReadonlySet<string> = new Set(['kubelet', 'kube-proxy', 'postgresql', 'mongodb', 'redis', 'rabbitmq', 'vault', 'minio', 'nomad-autoscaler']);
/** Daemon names that are not service names (`postgres` and the pods' names are canonicalService's). */
const DAEMONS: Readonly<Record<string, string>> = {
  postmaster: 'postgresql',
  patroni: 'postgresql',
  mongod: 'mongodb',
  mongos: 'mongodb',
  'redis-server': 'redis',
  'redis-sentinel': 'redis',
  'rabbitmq-server': 'rabbitmq',
};
const NOMAD_AGENTS: ReadonlySet<string> = new Set(['nomad-server', 'nomad-client']);

function journalService(unit: string | undefined, head: string, current: FileInfo): string {
  // A name that already says which Nomad agent wins; otherwise the modules in the lines decide.
  if (unit === 'nomad') return NOMAD_AGENTS.has(current.service) ? current.service : nomadRoleFromContent(head);
  if (unit && RUNNER_UNITS.test(unit)) return 'machine-runner';
  if (unit?.startsWith('cloud-init')) return 'cloud-init';
  if (current.service !== 'unknown') return current.service;
  if (!unit) return 'host';
  // `postgresql@14-main` is an instance of the `postgresql` unit.
  const name = unit.replace(/@.*$/, '').toLowerCase();
  const service = DAEMONS[name] ?? canonicalService(name);
  return JOURNAL_SERVICES.has(service) ? service : 'host';
}
