import type { FileInfo } from '../model/file-kind.js';
import { canonicalService, isCircleciService, workloadOfPod } from '../model/services.js';
import type { BundleFacts } from '../report/schema.js';
import { maskSecrets } from '../report/redact.js';
import { arr, field, itemsOf, lineOf, lineText, str } from './k8s-json.js';
import { readWarningEvents, type WarningEvent } from './warning-events.js';
import { TopologySignals, type TopologySnapshot } from '../installation/topology.js';

export interface PodRestart {
  namespace: string;
  pod: string;
  container: string;
  restarts: number;
  reason: string | null;
  crashLooping: boolean;
  /** Where the pod's status is, for evidence. */
  evidence: { path: string; line: number; text: string };
}

export interface NotReadyNode {
  name: string;
  reason: string;
  evidence: { path: string; line: number; text: string };
}

const WANTED_RESOURCE = /^cluster-resources\/(?:pods\/[^/]+\.json|nodes\.json|namespaces\.json|events\/[^/]+\.json|configmaps\/[^/]+\.json|deployments\/[^/]+\.json|statefulsets\/[^/]+\.json)$/;
const SEMVER = /\bv?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\b/;
const BUNDLE_STAMP = /(\d{4})-(\d\d)-(\d\d)T(\d\d)_(\d\d)_(\d\d)/;

/** The collector's state, as stored between uploads. */
export interface BundleFactsSnapshot {
  bundleName: string | null;
  collectedLocal: string | null;
  troubleshootVersion: string | null;
  serverVersion: { value: string | null; source: string };
  kubernetesVersion: string | null;
  autoscalerVersion: string | null;
  chartVersion: string | null;
  namespaces: string[];
  services: string[];
  images: Array<[string, string]>;
  restarts: Array<[string, PodRestart]>;
  notReadyNodes: NotReadyNode[];
  warningEvents: WarningEvent[];
  jobs: BundleFacts['jobs'];
  autoscalerPolicies: BundleFacts['autoscalerPolicies'];
  topology: TopologySnapshot;
  versionEvidence: BundleFactsCollector['versionEvidence'];
}

/** Reads the bundle header facts from Kubernetes JSON, exec outputs and bookkeeping files. */
export class BundleFactsCollector {
  bundleName: string | null = null;
  collectedLocal: string | null = null;
  private troubleshootVersion: string | null = null;
  private serverVersion: { value: string | null; source: string } = { value: null, source: 'unknown: no server-version output or chart label in the inputs' };
  private kubernetesVersion: string | null = null;
  private autoscalerVersion: string | null = null;
  private readonly namespaces = new Set<string>();
  private readonly services = new Set<string>();
  private readonly images = new Map<string, string>();
  readonly restarts = new Map<string, PodRestart>();
  readonly notReadyNodes: NotReadyNode[] = [];
  /** Warning events of every events/<namespace>.json, for the line rules (analysis/event-findings.ts). */
  readonly warningEvents: WarningEvent[] = [];
  readonly jobs: BundleFacts['jobs'] = [];
  readonly autoscalerPolicies: BundleFacts['autoscalerPolicies'] = [];
  private chartVersion: string | null = null;
  readonly topology = new TopologySignals();
  /** Where each version was read: path, 1-based line and that line's text, for findings' evidence. */
  readonly versionEvidence: Partial<Record<'server' | 'kubernetes' | 'autoscaler' | 'mongodb', { path: string; line: number; text: string }>> = {};

  /** Whether the file's content should be buffered and handed to `addDocument`. */
  wants(file: FileInfo): boolean {
    if (file.kind === 'k8s-resource') return WANTED_RESOURCE.test(file.path);
    if (file.kind === 'bundle-meta') return file.path === 'version.yaml' || file.path === 'cluster-info/cluster_version.json';
    if (file.kind === 'exec-output') return file.collector === 'server-version' && file.path.endsWith('-stdout.txt');
    return file.kind === 'job-details';
  }

  noteBundleFolder(name: string): void {
    this.bundleName ??= name;
    const stamp = BUNDLE_STAMP.exec(name);
    if (stamp && this.collectedLocal === null) {
      const [, y, mo, d, h, mi, s] = stamp;
      this.collectedLocal = `${y}-${mo}-${d}T${h}:${mi}:${s}`;
    }
  }

  noteFile(file: FileInfo): void {
    if (file.namespace) this.namespaces.add(file.namespace);
    if (file.kind === 'pod-log' || file.kind === 'exec-output' || file.service !== 'unknown') {
      if (file.service !== 'support-bundle' && file.service !== 'unknown') this.services.add(file.service);
    }
    if (file.kind === 'pod-log' || file.kind === 'exec-output') this.topology.service(file.service, file.path);
    if (file.kind === 'docker-network-ls') this.topology.dockerNetworkList(file.path);
  }

  addDocument(file: FileInfo, text: string): void {
    if (file.path === 'version.yaml') {
      this.troubleshootVersion = /versionNumber:\s*["']?(v?[\w.-]+)/.exec(text)?.[1] ?? null;
      return;
    }
    if (file.kind === 'exec-output') {
      this.readServerVersion(file, text);
      return;
    }
    if (file.kind === 'job-details') {
      this.readJobDetails(file, text);
      return;
    }
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      throw new SyntaxError(`${file.path}: not valid JSON`);
    }
    if (file.path === 'cluster-info/cluster_version.json') {
      this.kubernetesVersion = str(field(document, 'string')) ?? str(field(document, 'info', 'gitVersion')) ?? null;
      if (this.kubernetesVersion) this.noteVersionAt('kubernetes', file.path, text, this.kubernetesVersion);
    } else if (file.path === 'cluster-resources/namespaces.json') {
      for (const item of itemsOf(document)) {
        const name = str(field(item, 'metadata', 'name'));
        if (name) this.namespaces.add(name);
      }
    } else if (file.path === 'cluster-resources/nodes.json') this.readNodes(file.path, text, document);
    else if (file.path.startsWith('cluster-resources/pods/')) this.readPods(file.path, text, document);
    else if (file.path.startsWith('cluster-resources/events/')) {
      this.readEvents(file.path, text, document);
      this.warningEvents.push(...readWarningEvents(file.input, file.path, text, document));
    }
    else if (file.path.startsWith('cluster-resources/configmaps/')) this.readConfigMaps(file.path, document);
    else this.readWorkloads(document);
  }

  private noteVersionAt(component: 'server' | 'kubernetes' | 'autoscaler' | 'mongodb' | 'chart', path: string, text: string, needle: string): void {
    const key = component === 'chart' ? 'server' : component;
    if (component !== 'server' && this.versionEvidence[key]) return;
    const at = lineOf(text, needle);
    this.versionEvidence[key] = { path, line: at?.line ?? 1, text: at ? lineText(text, at.index) : needle };
  }

  private readServerVersion(file: FileInfo, text: string): void {
    let version: string | undefined;
    try {
      const document: unknown = JSON.parse(text);
      const candidate = str(field(document, 'version')) ?? str(field(document, 'server_version')) ?? str(field(document, 'serverVersion'));
      version = candidate ? SEMVER.exec(candidate)?.[1] : undefined;
    } catch {
      version = SEMVER.exec(text)?.[1];
    }
    if (version) {
      this.serverVersion = { value: version, source: `server-version output (${file.path})` };
      this.noteVersionAt('server', file.path, text, version);
    }
  }

  private readJobDetails(file: FileInfo, text: string): void {
    try {
      const document: unknown = JSON.parse(text);
      const num = field(document, 'build_num');
      this.jobs.push({
        id: typeof num === 'number' || typeof num === 'string' ? String(num) : null,
        url: str(field(document, 'build_url')) ?? null,
        status: str(field(document, 'status')) ?? str(field(document, 'outcome')) ?? null,
        source: file.path,
      });
    } catch {
      // Not JSON after all: the line rules still scan it.
    }
  }

  private readNodes(path: string, text: string, document: unknown): void {
    let cursor = 0;
    for (const node of itemsOf(document)) {
      const name = str(field(node, 'metadata', 'name')) ?? '(unnamed)';
      const at = lineOf(text, `"${name}"`, cursor);
      if (at) cursor = at.index;
      const ready = arr(field(node, 'status', 'conditions')).find((c) => field(c, 'type') === 'Ready');
      const unschedulable = field(node, 'spec', 'unschedulable') === true;
      const status = str(field(ready, 'status'));
      if (status !== 'True' || unschedulable) {
        const reason = status !== 'True'
          ? `Ready=${status ?? 'missing'}${str(field(ready, 'reason')) ? ` (${str(field(ready, 'reason'))})` : ''}`
          : 'unschedulable (cordoned)';
        const where = lineOf(text, '"Ready"', cursor) ?? at;
        this.notReadyNodes.push({ name, reason, evidence: { path, line: where?.line ?? 1, text: where ? lineText(text, where.index) : name } });
      }
    }
  }

  private readPods(path: string, text: string, document: unknown): void {
    let cursor = 0;
    const listed = new Map<string, Set<string>>();
    for (const pod of itemsOf(document)) {
      const name = str(field(pod, 'metadata', 'name'));
      const namespace = str(field(pod, 'metadata', 'namespace')) ?? '';
      if (!name) continue;
      if (namespace) this.namespaces.add(namespace);
      const at = lineOf(text, `"name": "${name}"`, cursor) ?? lineOf(text, `"${name}"`, cursor);
      if (at) cursor = at.index;
      const service = canonicalService(workloadOfPod(name));
      this.services.add(service);
      this.topology.service(service, path);
      listed.set(namespace, (listed.get(namespace) ?? new Set()).add(service));
      const chart = str(field(pod, 'metadata', 'labels', 'helm.sh/chart'));
      const chartVersion = chart ? /^circleci-server-(\d+\.\d+\.\d+\S*)$/.exec(chart)?.[1] : undefined;
      if (chartVersion && !this.chartVersion) {
        this.chartVersion = chartVersion;
        this.noteVersionAt('chart', path, text, chart!);
      }
      for (const container of arr(field(pod, 'spec', 'containers'))) {
        const env = field(container, 'env');
        if (env) this.topology.config(JSON.stringify(env), `${path} (${name} env)`);
        const image = str(field(container, 'image'));
        if (!image) continue;
        if (isCircleciService(service)) this.images.set(service, image);
        if (service === 'mongodb') this.noteVersionAt('mongodb', path, text, image);
        if (service === 'nomad-autoscaler' || /nomad-autoscaler/.test(image)) {
          const tag = /:([^:@/]+)(?:@|$)/.exec(image)?.[1];
          if (tag && !this.autoscalerVersion) {
            this.autoscalerVersion = tag;
            this.noteVersionAt('autoscaler', path, text, image);
          }
        }
      }
      for (const status of arr(field(pod, 'status', 'containerStatuses'))) {
        const container = str(field(status, 'name')) ?? '';
        const restarts = Number(field(status, 'restartCount') ?? 0);
        const waiting = str(field(status, 'state', 'waiting', 'reason'));
        const lastTerminated = str(field(status, 'lastState', 'terminated', 'reason'));
        const crashLooping = waiting === 'CrashLoopBackOff';
        if (restarts > 0 || crashLooping) {
          const where = lineOf(text, '"restartCount"', cursor) ?? at;
          this.restarts.set(`${namespace}/${name}/${container}`, {
            namespace,
            pod: name,
            container,
            restarts,
            reason: waiting ?? lastTerminated ?? null,
            crashLooping,
            evidence: { path, line: where?.line ?? 1, text: where ? lineText(text, where.index) : name },
          });
        }
      }
    }
    for (const [namespace, services] of listed) this.topology.podList(namespace, services);
  }

  private readEvents(path: string, text: string, document: unknown): void {
    let cursor = 0;
    for (const event of itemsOf(document)) {
      const reason = str(field(event, 'reason'));
      const kind = str(field(event, 'involvedObject', 'kind'));
      const pod = str(field(event, 'involvedObject', 'name'));
      const message = str(field(event, 'message')) ?? '';
      if (kind !== 'Pod' || !pod || reason !== 'BackOff' || !/restarting failed container/.test(message)) continue;
      const namespace = str(field(event, 'involvedObject', 'namespace')) ?? str(field(event, 'metadata', 'namespace')) ?? '';
      const container = /container (\S+?)(?: in pod|$)/.exec(message)?.[1]?.replace(/^"|"$/g, '') ?? '';
      const key = `${namespace}/${pod}/${container}`;
      const where = lineOf(text, message.slice(0, 60), cursor);
      if (where) cursor = where.index;
      const known = this.restarts.get(key);
      if (known) known.crashLooping = true;
      else {
        this.restarts.set(key, {
          namespace,
          pod,
          container,
          restarts: Number(field(event, 'count') ?? 1),
          reason: 'BackOff event',
          crashLooping: true,
          evidence: { path, line: where?.line ?? 1, text: where ? lineText(text, where.index) : message },
        });
      }
    }
  }

  private readConfigMaps(path: string, document: unknown): void {
    for (const configMap of itemsOf(document)) {
      const name = str(field(configMap, 'metadata', 'name')) ?? '(unnamed)';
      const data = field(configMap, 'data');
      if (!data || typeof data !== 'object') continue;
      for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
        if (typeof value !== 'string') continue;
        this.topology.config(value, `${path}#${name}/${key}`);
        // Found by content: the Helm chart's ConfigMap and key names are not public.
        if (/\bscaling\s+"[^"]*"\s*\{|"scaling"\s*:\s*\{|\baws_asg_name\b/.test(value)) {
          this.autoscalerPolicies.push({ source: `${path}#${name}/${key}`, name: key, text: maskSecrets(value) });
        }
      }
    }
  }

  private readWorkloads(document: unknown): void {
    for (const workload of itemsOf(document)) {
      const name = str(field(workload, 'metadata', 'name'));
      for (const container of arr(field(workload, 'spec', 'template', 'spec', 'containers'))) {
        const image = str(field(container, 'image'));
        if (!name || !image) continue;
        const service = canonicalService(name);
        if (isCircleciService(service) && !this.images.has(service)) this.images.set(service, image);
        if (service === 'nomad-autoscaler' || /nomad-autoscaler/.test(image)) {
          const tag = /:([^:@/]+)(?:@|$)/.exec(image)?.[1];
          if (tag) this.autoscalerVersion ??= tag;
        }
      }
    }
  }

  /** Adds the facts another input showed, as if it had been read after this one (see `restore`). */
  absorb(other: BundleFactsCollector): void {
    this.restore(other.snapshot());
  }

  snapshot(): BundleFactsSnapshot {
    return {
      bundleName: this.bundleName,
      collectedLocal: this.collectedLocal,
      troubleshootVersion: this.troubleshootVersion,
      serverVersion: this.serverVersion,
      kubernetesVersion: this.kubernetesVersion,
      autoscalerVersion: this.autoscalerVersion,
      chartVersion: this.chartVersion,
      namespaces: [...this.namespaces],
      services: [...this.services],
      images: [...this.images],
      restarts: [...this.restarts],
      notReadyNodes: this.notReadyNodes,
      warningEvents: this.warningEvents,
      jobs: this.jobs,
      autoscalerPolicies: this.autoscalerPolicies,
      topology: this.topology.snapshot(),
      versionEvidence: this.versionEvidence,
    };
  }

  /**
   * Adds stored facts as if their input had been read after this collector's (into a fresh
   * collector, a plain restore): the first bundle names the incident, a later version reading
   * replaces an earlier one, lists are joined.
   */
  restore(s: BundleFactsSnapshot): void {
    this.bundleName ??= s.bundleName;
    this.collectedLocal ??= s.collectedLocal;
    this.troubleshootVersion = s.troubleshootVersion ?? this.troubleshootVersion;
    if (s.serverVersion.value !== null) this.serverVersion = s.serverVersion;
    this.kubernetesVersion = s.kubernetesVersion ?? this.kubernetesVersion;
    this.autoscalerVersion ??= s.autoscalerVersion;
    this.chartVersion ??= s.chartVersion;
    for (const n of s.namespaces) this.namespaces.add(n);
    for (const x of s.services) this.services.add(x);
    for (const [service, image] of s.images) this.images.set(service, image);
    for (const [key, restart] of s.restarts) this.restarts.set(key, restart);
    this.notReadyNodes.push(...s.notReadyNodes);
    this.warningEvents.push(...s.warningEvents);
    this.jobs.push(...s.jobs);
    this.autoscalerPolicies.push(...s.autoscalerPolicies);
    this.topology.restore(s.topology);
    for (const [component, evidence] of Object.entries(s.versionEvidence) as Array<[keyof BundleFactsCollector['versionEvidence'], { path: string; line: number; text: string }]>) {
      if (component === 'server' || !this.versionEvidence[component]) this.versionEvidence[component] = evidence;
    }
  }

  facts(): Omit<BundleFacts, 'collectedAt' | 'restartingPods' | 'notReadyNodes' | 'stats' | 'circleciContent' | 'jobs'> {
    const serverVersion =
      this.serverVersion.value === null && this.chartVersion
        ? { value: this.chartVersion, source: 'helm.sh/chart label circleci-server-<version> on the pods' }
        : this.serverVersion;
    return {
      name: this.bundleName,
      troubleshootVersion: this.troubleshootVersion,
      serverVersion,
      kubernetesVersion: this.kubernetesVersion,
      autoscalerVersion: this.autoscalerVersion,
      namespaces: [...this.namespaces].sort(),
      services: [...this.services].sort(),
      images: [...this.images].map(([service, image]) => ({ service, image })).sort((a, b) => a.service.localeCompare(b.service)),
      autoscalerPolicies: this.autoscalerPolicies,
    };
  }
}
