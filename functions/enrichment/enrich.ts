import type { Report } from '../triage/report/schema.js';
import { asgTargets, unverified, verifyGroups } from './asg/verify.js';
import { runStep } from './budget.js';
import { analysePolicies } from './policy/analyse.js';
import type { EnrichmentPorts } from './ports.js';
import { ENRICHMENT_SCHEMA_VERSION, type AuthorizationMessage, type Enrichment, type FindingLink, type StepResult } from './schema.js';
import { reportTextSources, trailTextSources } from './sources.js';
import { collectMessages, type FoundMessage } from './sts/extract.js';
import { decodeMessages } from './sts/step.js';
import { recentChanges } from './trail/changes.js';
import { findDenials } from './trail/denials.js';
import { denyingPolicies, likelyCause, policyChanges } from './trail/policy-changes.js';
import { principalsFromReport } from './trail/principals.js';
import { incidentWindow, type TimeWindow } from './window.js';

export interface EnrichmentOptions {
  /** Incident window; default: `incidentWindow(report)`. */
  window?: { start: Date; end: Date };
  /** CircleCI IAM role names (or ARNs) whose denied calls are always looked up. */
  circleciRoleNames?: string[];
  /** Time budget of each step; default 45 s. */
  stepTimeoutMs?: number;
  now?: () => Date;
}

export const DEFAULT_STEP_TIMEOUT_MS = 45_000;

/**
 * Runs every AWS enrichment step concurrently, each under its own budget. Never throws for AWS
 * failures: each step records its own status and errors, so one failing step never loses the others.
 */
export async function enrich(report: Report, ports: EnrichmentPorts, options: EnrichmentOptions = {}): Promise<Enrichment> {
  const now = options.now ?? (() => new Date());
  const window: TimeWindow = options.window ?? incidentWindow(report);
  const budget = options.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;

  const policyRun = await runStep('autoscaler-policy', budget, async () => ({ value: await analysePolicies(report), errors: [] }));
  const autoscaler = policyRun.value ?? { policies: [], unparsed: [], asgNamesFromLogs: [] };
  const evidenceSources = reportTextSources(report);
  const evidenceMessages = collectMessages(evidenceSources);
  const principals = principalsFromReport(report, options.circleciRoleNames);
  const targets = asgTargets(autoscaler);

  const denials = runStep('cloudtrail-denials', budget, (s) => findDenials(ports.trail, principals, window, s));
  const changes = runStep('recent-changes', budget, (s) => recentChanges(ports.trail, window, s));
  const groups = runStep('asg-verification', budget, (s) => verifyGroups(ports.asg, targets, report, s));
  const policyChangesRun = runStep('policy-changes', budget, (s) => policyChanges(ports.trail, denyingPolicies(report), window, s));
  const decodedFromEvidence = runStep('authorization-messages', budget, (s) => decodeMessages(ports.sts, evidenceMessages, s));

  // CloudTrail's EC2 denials carry blobs too; decode the ones the evidence did not already have.
  const denialsRun = await denials;
  const firstRun = await decodedFromEvidence;
  const all = collectMessages([...evidenceSources, ...trailTextSources(denialsRun.value?.events ?? [])]);
  const done = new Map((firstRun.value ?? []).map((m) => [m.id, m]));
  // Evidence messages the first run did not reach (it failed or ran out of time) are not retried.
  const fromEvidence = new Set(evidenceMessages.map((m) => m.id));
  const fresh = all.filter((m) => !done.has(m.id) && !fromEvidence.has(m.id));
  const secondRun = fresh.length > 0 ? await runStep('authorization-messages', budget, (s) => decodeMessages(ports.sts, fresh, s)) : undefined;
  const decodedFresh = new Map((secondRun?.value ?? []).map((m) => [m.id, m]));
  const messages = all.map((m) => withSources(done.get(m.id) ?? decodedFresh.get(m.id) ?? failedMessage(m), m));

  const [changesRun, groupsRun, policyRunDone] = await Promise.all([changes, groups, policyChangesRun]);
  const changedPolicies = policyRunDone.value?.changes ?? [];
  const stsResult = mergeRuns(firstRun.result, secondRun?.result);
  if (all.length === 0) stsResult.note = 'no encoded authorization failure message in the evidence or CloudTrail';

  const links: FindingLink[] = [
    ...messageLinks(messages),
    ...(groupsRun.value?.links ?? []),
    ...denialLinks(report, denialsRun.value?.groups ?? []),
    ...changedPolicies.map((c): FindingLink => ({ findingId: c.findingId, step: 'policy-changes', text: likelyCause(c) })),
  ];

  return {
    schemaVersion: ENRICHMENT_SCHEMA_VERSION,
    generatedAt: now().toISOString(),
    mode: 'aws',
    window: { start: window.start.toISOString(), end: window.end.toISOString() },
    steps: [policyRun.result, stsResult, denialsRun.result, changesRun.result, groupsRun.result, policyRunDone.result],
    authorizationMessages: messages,
    cloudTrail: {
      backend: ports.trail.backend,
      principals,
      denials: denialsRun.value?.groups ?? [],
      recentChanges: changesRun.value?.changes ?? [],
      changesWindow: changesRun.value ? { start: changesRun.value.window.start.toISOString(), end: changesRun.value.window.end.toISOString() } : null,
      policyChanges: changedPolicies,
      truncated: (denialsRun.value?.truncated ?? false) || (changesRun.value?.truncated ?? false) || (policyRunDone.value?.truncated ?? false),
    },
    autoscaler,
    autoScalingGroups: groupsRun.value?.checks ?? unverified(targets, report),
    findingLinks: links,
  };
}

function withSources(m: AuthorizationMessage, found: FoundMessage): AuthorizationMessage {
  return { ...m, sources: found.sources };
}

/** A message whose decode step ended before reaching it (timeout or failure). */
function failedMessage(m: FoundMessage): AuthorizationMessage {
  return {
    id: m.id,
    length: m.encoded.length,
    preview: `${m.encoded.slice(0, 12)}…${m.encoded.slice(-8)}`,
    sources: m.sources,
    status: 'failed',
    reason: 'the decode step did not finish',
    explanation: 'Encoded authorization failure message not decoded: the decode step did not finish; the denied action is unknown.',
  };
}

const STATUS_RANK: Record<StepResult['status'], number> = { failed: 4, 'timed-out': 3, partial: 2, ok: 1, skipped: 0 };

function mergeRuns(a: StepResult, b?: StepResult): StepResult {
  if (!b) return a;
  const status = STATUS_RANK[a.status] >= STATUS_RANK[b.status] ? a.status : b.status;
  return { name: a.name, status, durationMs: a.durationMs + b.durationMs, errors: [...a.errors, ...b.errors] };
}

function messageLinks(messages: AuthorizationMessage[]): FindingLink[] {
  const links: FindingLink[] = [];
  for (const m of messages) {
    const ids = new Set(m.sources.map((s) => s.findingId).filter((id): id is string => id !== undefined));
    for (const findingId of ids) links.push({ findingId, step: 'authorization-messages', text: m.explanation });
  }
  return links;
}

/** Links findings naming a denied action to the CloudTrail denials of that action. */
function denialLinks(report: Report, groups: Enrichment['cloudTrail']['denials']): FindingLink[] {
  const links: FindingLink[] = [];
  for (const f of report.findings) {
    for (const action of f.data.action ?? []) {
      for (const g of groups.filter((x) => x.action.toLowerCase() === action.toLowerCase())) {
        links.push({
          findingId: f.id,
          step: 'cloudtrail-denials',
          text: `CloudTrail: ${g.count} denied ${g.action} call(s) by ${g.principal} (${g.errorCode}) from ${g.firstTime} to ${g.lastTime}.`,
        });
      }
    }
  }
  return links;
}

