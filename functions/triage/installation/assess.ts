import { draftFinding, type DraftFinding } from '../analysis/collector.js';
import type { BundleFacts, Evidence } from '../report/schema.js';
import { compareVersions, formatVersion, parseVersion, satisfies, type Version } from './versions.js';
import { KUBERNETES_SOURCE, KUBERNETES_SUPPORT, MONGODB_REQUIREMENTS, SUPPORT_SOURCE, SUPPORT_WINDOWS, VERSION_FACTS, type Component } from './version-facts.js';

/** Days before the end of support from which the report warns. */
const ENDS_SOON_DAYS = 30;

export interface SupportStatus {
  status: 'supported' | 'support-ends-soon' | 'end-of-support' | 'broken-release' | 'unknown';
  serverVersion: string | null;
  /** Last day of support of the detected minor, when announced. */
  supportedUntil: string | null;
  detail: string;
  source: string;
}

export interface KnownIssue {
  id: string;
  component: Component;
  /** The detected version the fact applies to. */
  version: string;
  kind: string;
  title: string;
  detail: string;
  source: string;
}

export interface InstallationAssessment {
  supportStatus: SupportStatus;
  knownIssues: KnownIssue[];
  findings: DraftFinding[];
}

/** The bundle facts that carry versions. */
type VersionFacts = Pick<BundleFacts, 'serverVersion' | 'kubernetesVersion' | 'autoscalerVersion' | 'images'>;

type VersionEvidence = Partial<Record<'server' | 'kubernetes' | 'autoscaler' | 'mongodb', Evidence>>;

/** The detected versions of the components version facts are stated for, with where each was read. */
export function detectedVersions(bundle: VersionFacts, where: VersionEvidence = {}): Partial<Record<Component, { version: Version; text: string; evidence: Evidence }>> {
  const factEvidence = (component: keyof VersionEvidence, source: string, text: string): Evidence => where[component] ?? { path: source, line: 1, text };
  const out: Partial<Record<Component, { version: Version; text: string; evidence: Evidence }>> = {};
  const server = parseVersion(bundle.serverVersion.value);
  if (server) out.server = { version: server, text: bundle.serverVersion.value!, evidence: factEvidence('server', bundle.serverVersion.source, `CircleCI Server ${bundle.serverVersion.value} (${bundle.serverVersion.source})`) };
  const kube = parseVersion(bundle.kubernetesVersion);
  if (kube) out.kubernetes = { version: kube, text: bundle.kubernetesVersion!, evidence: factEvidence('kubernetes', 'cluster-info/cluster_version.json', `Kubernetes ${bundle.kubernetesVersion}`) };
  const autoscaler = parseVersion(bundle.autoscalerVersion);
  if (autoscaler) out.autoscaler = { version: autoscaler, text: bundle.autoscalerVersion!, evidence: factEvidence('autoscaler', 'cluster-resources/pods', `nomad-autoscaler image tag ${bundle.autoscalerVersion}`) };
  const mongo = bundle.images.find((i) => i.service === 'mongodb');
  const mongoVersion = parseVersion(mongo?.image.split(':').at(-1));
  if (mongo && mongoVersion) out.mongodb = { version: mongoVersion, text: mongo.image, evidence: factEvidence('mongodb', 'cluster-resources/pods', `mongodb image ${mongo.image}`) };
  return out;
}

export function assessInstallation(bundle: VersionFacts, now: Date, where: VersionEvidence = {}): InstallationAssessment {
  const versions = detectedVersions(bundle, where);
  const knownIssues: KnownIssue[] = [];
  for (const fact of VERSION_FACTS) {
    const detected = versions[fact.component];
    if (detected && satisfies(detected.version, fact.versions)) {
      knownIssues.push({ id: fact.id, component: fact.component, version: detected.text, kind: fact.kind, title: fact.title, detail: fact.detail, source: fact.source });
    }
  }
  const supportStatus = supportOf(versions.server, now);
  return { supportStatus, knownIssues, findings: [...supportFindings(supportStatus, versions.server?.evidence), ...requirementFindings(versions)] };
}

function supportOf(server: { version: Version; text: string } | undefined, now: Date): SupportStatus {
  if (!server) return { status: 'unknown', serverVersion: null, supportedUntil: null, detail: 'The CircleCI Server version is not in the inputs, so its support status is unknown.', source: SUPPORT_SOURCE };
  const text = formatVersion(server.version);
  if (satisfies(server.version, '4.7.7')) {
    return { status: 'broken-release', serverVersion: text, supportedUntil: null, detail: 'CircleCI says 4.7.7 is broken: do not use this version.', source: VERSION_FACTS.find((f) => f.id === 'server-4.7.7-broken')!.source };
  }
  const line = SUPPORT_WINDOWS.find((w) => satisfies(server.version, w.line));
  const newest = SUPPORT_WINDOWS.at(-1)!;
  if (!line) {
    const older = compareVersions(server.version, parseVersion(SUPPORT_WINDOWS[0]!.line)!) < 0;
    return older
      ? { status: 'end-of-support', serverVersion: text, supportedUntil: null, detail: `Server ${text} is older than every supported release line; upgrade to ${newest.line}.`, source: SUPPORT_SOURCE }
      : { status: 'unknown', serverVersion: text, supportedUntil: null, detail: `Server ${text} is newer than the release lines this tool knows; its support status is unknown.`, source: SUPPORT_SOURCE };
  }
  if (!line.until) return { status: 'supported', serverVersion: text, supportedUntil: null, detail: `Server ${line.line} is supported; its end of support is not announced yet.`, source: SUPPORT_SOURCE };
  const untilMs = Date.parse(`${line.until}T23:59:59Z`);
  const days = Math.floor((untilMs - now.getTime()) / 86_400_000);
  if (days < 0) return { status: 'end-of-support', serverVersion: text, supportedUntil: line.until, detail: `Server ${line.line} has been out of support since ${line.until}; upgrade through ${line.latestPatch} to a supported minor.`, source: SUPPORT_SOURCE };
  if (days <= ENDS_SOON_DAYS) return { status: 'support-ends-soon', serverVersion: text, supportedUntil: line.until, detail: `Support for Server ${line.line} ends on ${line.until} (in ${days} days); plan the upgrade to ${newest.line}.`, source: SUPPORT_SOURCE };
  return { status: 'supported', serverVersion: text, supportedUntil: line.until, detail: `Server ${line.line} is supported until ${line.until}.`, source: SUPPORT_SOURCE };
}

function supportFindings(status: SupportStatus, evidence: Evidence | undefined): DraftFinding[] {
  if (!evidence || (status.status !== 'broken-release' && status.status !== 'end-of-support' && status.status !== 'support-ends-soon')) return [];
  const byStatus = {
    'broken-release': { id: 'installation.server-broken-release', severity: 'high' as const, title: `CircleCI Server ${status.serverVersion} is a broken release` },
    'end-of-support': { id: 'installation.server-out-of-support', severity: 'medium' as const, title: `CircleCI Server ${status.serverVersion} is out of support` },
    'support-ends-soon': { id: 'installation.server-support-ends-soon', severity: 'low' as const, title: `Support for CircleCI Server ${status.serverVersion} ends on ${status.supportedUntil}` },
  }[status.status];
  return [
    draftFinding({
      ruleId: byStatus.id,
      issueType: 'installation',
      severity: byStatus.severity,
      service: 'circleci-server',
      title: byStatus.title,
      explanation: `${status.detail} CircleCI supports the two most recent minor releases; an unsupported release gets no fixes, and support may ask for an upgrade first.`,
      remediation: ['Upgrade through the last patch of the current minor to a supported release (see the application lifecycle page).', `Source: ${status.source}`],
      evidence: [evidence],
      data: { supportStatus: [status.status], ...(status.supportedUntil ? { supportedUntil: [status.supportedUntil] } : {}) },
    }),
  ];
}

function requirementFindings(versions: ReturnType<typeof detectedVersions>): DraftFinding[] {
  const out: DraftFinding[] = [];
  const server = versions.server;
  if (!server) return out;
  const mongo = versions.mongodb;
  const required = MONGODB_REQUIREMENTS.find((r) => satisfies(server.version, r.server));
  if (mongo && required && compareVersions(mongo.version, parseVersion(required.minimum)!) < 0) {
    const minimum = required.minimum.replace(/\.0$/, '');
    out.push(
      draftFinding({
        ruleId: 'installation.mongodb-below-required',
        issueType: 'data-store',
        severity: 'high',
        service: 'mongodb',
        title: `MongoDB ${formatVersion(mongo.version)} is older than the ${minimum} that Server ${formatVersion(server.version)} requires`,
        explanation: `CircleCI Server ${formatVersion(server.version)} requires MongoDB ${minimum} or newer; the bundle runs ${mongo.text}. This is an upgrade-order failure: services that use MongoDB can fail in ways no log names.`,
        remediation: [`Upgrade MongoDB to ${minimum} or newer (CircleCI's upgrade-mongo procedure), or roll Server back to the release that matches the running MongoDB.`, `Source: ${required.source}`],
        evidence: [server.evidence, mongo.evidence],
        data: { mongodbVersion: [formatVersion(mongo.version)], requiredMongodb: [minimum], serverVersion: [formatVersion(server.version)] },
      }),
    );
  }
  const kube = versions.kubernetes;
  const kubeSupport = KUBERNETES_SUPPORT.find((k) => satisfies(server.version, k.server));
  if (kube && kubeSupport && !satisfies(kube.version, kubeSupport.kubernetes)) {
    out.push(
      draftFinding({
        ruleId: 'installation.kubernetes-unsupported',
        issueType: 'installation',
        severity: 'medium',
        service: 'kubernetes',
        title: `Kubernetes ${formatVersion(kube.version)} is outside the ${kubeSupport.label} range Server ${formatVersion(server.version)} supports`,
        explanation: `CircleCI Server ${formatVersion(server.version)} is tested on Kubernetes ${kubeSupport.label}. Behaviour on other versions (API removals, changed defaults) is not supported.`,
        remediation: [`Run a Kubernetes version in ${kubeSupport.label}, or the Server release that supports this one.`, `Source: ${KUBERNETES_SOURCE}`],
        evidence: [server.evidence, kube.evidence],
        data: { kubernetesVersion: [formatVersion(kube.version)], supportedKubernetes: [kubeSupport.label] },
      }),
    );
  }
  return out;
}
