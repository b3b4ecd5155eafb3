import { isCircleciSpecific } from '../model/services.js';
import { severityRank } from '../model/severity.js';
import { REPORT_SCHEMA_VERSION, type BundleFacts, type Finding, type Report } from '../report/schema.js';
import { sealReport } from '../report/seal.js';
import { evidencePresent } from '../facts/evidence-inventory.js';
import { RULE_PACK_VERSION } from '../rules/circleci-server.js';
import { bundleQualityFindings } from './bundle-quality.js';
import { detectCascade } from './cascade.js';
import { addWarningEventFindings } from './event-findings.js';
import { collectionTime } from './collection-time.js';
import type { DraftFinding } from './collector.js';
import { missingEvidenceFor, nextStepsFor, summarise } from './summary.js';
import type { RunState } from './run-state.js';
import { isUnrecognizedFinding, unrecognizedFindings } from '../unrecognized/findings.js';
import { assessInstallation, detectedVersions } from '../installation/assess.js';
import { cannotTell } from '../installation/cannot-tell.js';
import { scopeMissingEvidence } from '../installation/evidence-scope.js';
import { scopeToInstallation } from '../installation/rule-scope.js';

export const TOOL_NAME = 'incident-pipeline';
export const TOOL_VERSION = '0.1.0';

export interface BuildOptions {
  alarmTime?: Date;
  alarm?: { name: string; time: Date; reason?: string; region?: string };
  collectorUtcOffsetMinutes?: number;
  now: Date;
}

function jobsOf(state: RunState, drafts: readonly DraftFinding[]): BundleFacts['jobs'] {
  const jobs = [...state.facts.jobs];
  for (const f of drafts) {
    for (const url of f.data.jobUrl ?? f.data.url?.filter((u) => /\/(?:pipelines|gh|bb|github|bitbucket|circleci)\/.+\/\d+/.test(u)) ?? []) {
      if (!jobs.some((j) => j.url === url)) jobs.push({ id: /\/(\d+)(?:[/?#]|$)/.exec(url)?.[1] ?? null, url, status: null, source: `finding ${f.ruleId}` });
    }
    for (const id of f.data.jobId ?? []) {
      if (!jobs.some((j) => j.id === id)) jobs.push({ id, url: null, status: null, source: `finding ${f.ruleId}` });
    }
  }
  return jobs.slice(0, 50);
}

function byImportance(a: DraftFinding, b: DraftFinding): number {
  const cascadeFirst = (a.issueType === 'cascade' ? 0 : 1) - (b.issueType === 'cascade' ? 0 : 1);
  // Unrecognised errors rank after the rule findings of the same severity: a rule names a cause.
  const knownFirst = (isUnrecognizedFinding(a) ? 1 : 0) - (isUnrecognizedFinding(b) ? 1 : 0);
  return severityRank(a.severity) - severityRank(b.severity) || cascadeFirst || knownFirst || (a.issueType === 'bundle-quality' ? 1 : 0) - (b.issueType === 'bundle-quality' ? 1 : 0) || b.count - a.count || a.ruleId.localeCompare(b.ruleId);
}

export function buildReport(state: RunState, options: BuildOptions): Report {
  const base = state.facts.facts();
  const circleciContent = base.services.some(isCircleciSpecific) || base.namespaces.some((n) => /circleci/.test(n)) || state.files.some((f) => isCircleciSpecific(f.service));
  addWarningEventFindings(state, state.facts.warningEvents, circleciContent);
  const collectedAt = collectionTime(state.facts.collectedLocal, state.newestLogTime, options.collectorUtcOffsetMinutes);

  // Evidence lines name the Nomad client runtime; offering only them keeps the scan untouched.
  const matched = state.findings.drafts();
  for (const draft of matched) for (const e of draft.evidence) state.facts.topology.line(e.text, e.path);
  const topology = state.facts.topology.topology();
  const scoped = scopeToInstallation(matched, state.rules.rules, detectedVersions(base, state.facts.versionEvidence), topology);
  const ruleDrafts = scoped.kept;
  const cascade = detectCascade(ruleDrafts);
  const quality = bundleQualityFindings(state, {
    circleciContent,
    ...(collectedAt?.utc ? { collectedUtc: collectedAt.utc } : {}),
    ...(options.alarmTime ? { alarmTime: options.alarmTime } : {}),
  });

  // Built after the cascade check: lines no rule knows never make a cascade.
  const unrecognized = state.unrecognized ? unrecognizedFindings(state.unrecognized, state.limits.maxEvidencePerFinding) : [];
  const installation = assessInstallation(base, options.now, state.facts.versionEvidence);
  const drafts: DraftFinding[] = [...ruleDrafts, ...(cascade ? [cascade.finding] : []), ...quality, ...unrecognized, ...installation.findings];
  const grouped = new Set(cascade?.downstream.map((i) => ruleDrafts[i]!));
  const ordered = [...drafts].sort(byImportance);
  const ids = new Map(ordered.map((d, i) => [d, `F${i + 1}`]));
  const cascadeId = cascade ? ids.get(cascade.finding) : undefined;
  const findings: Finding[] = ordered.map((d) => ({
    id: ids.get(d)!,
    ...d,
    ...(cascadeId && grouped.has(d) ? { groupedUnder: cascadeId } : {}),
    ...(cascade && d === cascade.finding ? { related: [...grouped].map((g) => ids.get(g)!) } : {}),
  }));

  const hasBundle = state.inputs.some((i) => (i.kind === 'bundle-archive' || i.kind === 'bundle-directory') && i.status !== 'unusable');
  const present = evidencePresent(state.files, hasBundle);
  const missingEvidence = scopeMissingEvidence(missingEvidenceFor(findings, present), topology);
  const crashKeys = new Set(state.paths);

  // Evidence and captures are still raw here; sealing masks them and every other string once.
  return sealReport({
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt: options.now.toISOString(),
    tool: { name: TOOL_NAME, version: TOOL_VERSION, rulePackVersion: RULE_PACK_VERSION },
    inputs: state.inputs,
    bundle: {
      ...base,
      collectedAt,
      circleciContent,
      restartingPods: [...state.facts.restarts.values()].map((r) => ({
        namespace: r.namespace,
        pod: r.pod,
        container: r.container,
        restarts: r.restarts,
        reason: r.reason,
        crashLooping: r.crashLooping,
        previousLogPresent: crashKeys.has(`cluster-resources/pods/logs/${r.namespace}/${r.pod}/${r.container}-previous.log`),
      })),
      notReadyNodes: state.facts.notReadyNodes.map((n) => ({ name: n.name, reason: n.reason })),
      topology,
      jobs: jobsOf(state, drafts),
      stats: {
        files: state.files.length,
        logFiles: state.logs.length,
        linesScanned: state.linesScanned,
        bytesScanned: state.bytesScanned,
        skippedFiles: state.skippedFiles,
      },
    },
    summary: summarise(findings, circleciContent, state.files.length),
    findings,
    missingEvidence,
    nextSteps: nextStepsFor(findings, missingEvidence),
    installation: {
      supportStatus: installation.supportStatus,
      knownIssues: installation.knownIssues,
      scopedOut: scoped.scopedOut,
      cannotTell: cannotTell(findings, state.rules.compiled, state.files, missingEvidence, scoped.scopedOut),
    },
    ...(options.alarm
      ? {
          alarm: {
            name: options.alarm.name,
            time: options.alarm.time.toISOString(),
            ...(options.alarm.reason ? { reason: options.alarm.reason } : {}),
            ...(options.alarm.region ? { region: options.alarm.region } : {}),
          },
        }
      : {}),
  });
}
