import type { Report } from '../triage/report/schema.js';
import { sealReport } from '../triage/report/seal.js';
import { likelyIssueTypes } from './alarm-issue-types.js';
import { alarmOnlyReport } from './alarm-report.js';
import { buildChecklist, checklistMarkdown, collectBy } from './checklist.js';
import { lastPoliciesKey, reportKeys, type IntakeDeps } from './deps.js';
import { alarmIncidentSeed, incidentIdFor } from './ids.js';
import { appliedVersion, newIncident, withChange, type Change } from './incident.js';
import type { AlarmSignal, AlarmTracker, ChangeKind, Incident } from './model.js';

export type AlarmOutcome =
  | { outcome: 'stale' | 'no-incident' | 'filtered'; alarmName: string }
  | { outcome: 'opened' | 'refired' | 'resolved' | 'noted'; alarmName: string; incidentId: string; version: number | undefined };

/**
 * One alarm transition. The alarm's tracker item orders transitions (an older one than the last
 * applied is stale) and remembers the incident of the current ALARM episode, so the same alarm
 * firing again updates that incident instead of opening a second one. Every write is keyed on
 * the transition, so a replay converges on the same state and re-sends at most the same
 * notification, which the notifier drops as already delivered.
 */
export async function handleAlarm(signal: AlarmSignal, deps: IntakeDeps): Promise<AlarmOutcome> {
  const { installationId } = deps.settings;
  const filter = deps.alarmFilter ? await deps.alarmFilter.accepts(signal) : { accepted: true };
  if (!filter.accepted) {
    deps.logger.info('alarm not selected for this pipeline; ignored', { alarmName: signal.alarmName, reason: filter.reason });
    return { outcome: 'filtered', alarmName: signal.alarmName };
  }
  let decision: { incidentId?: string; stale: boolean } = { stale: false };
  await deps.store.updateAlarmTracker(installationId, signal.alarmName, (current) => {
    decision = decide(current, signal, installationId);
    if (decision.stale || (current && current.timestamp === signal.timestamp && current.state === signal.state)) return undefined;
    const next: AlarmTracker = {
      installationId,
      alarmName: signal.alarmName,
      state: signal.state,
      timestamp: signal.timestamp,
      openIncidentId: signal.state === 'OK' ? undefined : decision.incidentId,
      lastIncidentId: signal.state === 'OK' ? decision.incidentId : current?.lastIncidentId,
      rev: current?.rev ?? 0,
    };
    return next;
  });

  if (decision.stale) {
    deps.logger.info('alarm transition older than the last one applied; ignored', { alarmName: signal.alarmName, state: signal.state });
    return { outcome: 'stale', alarmName: signal.alarmName };
  }
  const incidentId = decision.incidentId;
  if (!incidentId) return { outcome: 'no-incident', alarmName: signal.alarmName };

  if (signal.state === 'ALARM') return openOrRefire(signal, incidentId, deps);
  const kind: ChangeKind = signal.state === 'OK' ? 'resolved' : 'alarm-insufficient-data';
  const change: Change = {
    key: `alarm:${signal.state}:${signal.timestamp}`,
    kind,
    at: signal.timestamp,
    text: signal.state === 'OK' ? `Alarm ${signal.alarmName} returned to OK; incident resolved` : `Alarm ${signal.alarmName} has insufficient data`,
  };
  const stored = await deps.store.update(incidentId, (cur) =>
    cur
      ? withChange(cur, change, (draft) => {
          if (signal.state === 'OK') {
            draft.status = 'resolved';
            draft.resolvedAt = signal.timestamp;
          }
        })
      : undefined,
  );
  const version = stored ? appliedVersion(stored, change.key) : undefined;
  if (stored && version !== undefined && kind === 'resolved') await deps.queue.send({ type: 'incident-changed', incidentId, version, kind });
  return { outcome: signal.state === 'OK' ? 'resolved' : 'noted', alarmName: signal.alarmName, incidentId, version };
}

function decide(current: AlarmTracker | undefined, signal: AlarmSignal, installationId: string): { incidentId?: string; stale: boolean } {
  if (current && current.timestamp > signal.timestamp) return { stale: true };
  const replay = current && current.timestamp === signal.timestamp && current.state === signal.state;
  if (signal.state === 'ALARM') {
    if (replay) return { stale: false, incidentId: current.openIncidentId };
    return { stale: false, incidentId: current?.openIncidentId ?? incidentIdFor(alarmIncidentSeed(installationId, signal.alarmName, signal.timestamp)) };
  }
  if (signal.state === 'OK') {
    // A replayed OK no longer sees the open incident on the tracker, only the one it resolved.
    return { stale: false, incidentId: replay ? current.lastIncidentId : current?.openIncidentId };
  }
  return { stale: false, incidentId: current?.openIncidentId };
}

async function openOrRefire(signal: AlarmSignal, incidentId: string, deps: IntakeDeps): Promise<AlarmOutcome> {
  const { settings } = deps;
  const guess = likelyIssueTypes(signal);
  const checklist = buildChecklist(guess.types, { bucket: settings.bucket, folder: incidentId, alarmTime: signal.timestamp });
  const change: Change = { key: `alarm:ALARM:${signal.timestamp}`, kind: 'opened', at: signal.timestamp, text: `Alarm ${signal.alarmName} fired` };

  const existing = await deps.store.get(incidentId);
  const keys = reportKeys(incidentId, 0);
  let report: Report | undefined;
  if (!existing) {
    // The checklist ticket is stored before the incident points at it: a reader never sees a dangling report.
    report = alarmOnlyReport(signal, guess.types, checklist, deps.clock.now().toISOString());
    await writeAlarmReport(report, checklist, keys, deps);
  }

  const stored = await deps.store.update(incidentId, (cur) => {
    if (!cur) {
      const created = newIncident({
        id: incidentId,
        installationId: settings.installationId,
        openedBy: 'alarm',
        openedAt: signal.timestamp,
        folder: incidentId,
        retentionDays: settings.retentionDays,
      });
      return withChange(created, change, (draft) => {
        draft.alarm = {
          name: signal.alarmName,
          arn: signal.alarmArn,
          region: signal.region,
          accountId: signal.accountId,
          description: signal.description,
          reason: signal.reason,
          firstFiredAt: signal.timestamp,
          lastFiredAt: signal.timestamp,
          fireCount: 1,
          issueTypes: guess.types,
          collectBy: collectBy(signal.timestamp),
        };
        draft.report = {
          evidenceVersion: 0,
          ...keys,
          severity: 'none',
          headline: report?.summary.headline ?? `Alarm ${signal.alarmName} fired`,
          issueTypes: guess.types,
          findings: 0,
          generatedAt: report?.generatedAt ?? signal.timestamp,
        };
      });
    }
    return withChange(cur, { ...change, kind: 'alarm-refired', text: `Alarm ${signal.alarmName} fired again` }, (draft) => {
      if (!draft.alarm) return;
      draft.alarm.fireCount += 1;
      if (signal.timestamp > draft.alarm.lastFiredAt) {
        draft.alarm.lastFiredAt = signal.timestamp;
        draft.alarm.reason = signal.reason;
      }
    });
  });
  if (!stored) throw new Error(`incident ${incidentId} could not be stored`);
  await deps.store.bindFolder(incidentId, incidentId);
  const version = appliedVersion(stored, change.key);
  if (version === undefined) throw new Error(`change ${change.key} missing from incident ${incidentId}`);
  const kind: ChangeKind = stored.timeline.find((t) => t.version === version)?.kind ?? 'opened';
  await deps.queue.send({ type: 'incident-changed', incidentId, version, kind });

  if (kind === 'opened') await enrichAlarm(stored, signal, checklist, report, deps);
  return { outcome: kind === 'opened' ? 'opened' : 'refired', alarmName: signal.alarmName, incidentId, version };
}

/** Runs after the checklist went out, so a slow CloudTrail lookup never delays it. */
async function enrichAlarm(
  incident: Incident,
  signal: AlarmSignal,
  checklist: ReturnType<typeof buildChecklist>,
  report: Report | undefined,
  deps: IntakeDeps,
): Promise<void> {
  const runner = deps.enrichment;
  if (!runner || appliedVersion(incident, 'enrichment:alarm') !== undefined) return;
  const base = report ?? alarmOnlyReport(signal, incident.alarm?.issueTypes ?? [], checklist, deps.clock.now().toISOString());
  let highlights: string[] = [];
  let error: string | undefined;
  try {
    base.bundle.autoscalerPolicies = await lastSeenPolicies(incident.installationId, deps);
    base.enrichment = await runner.enrich(base);
    highlights = runner.highlights(base).map(deps.mask);
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
    deps.logger.warn('alarm enrichment failed; the checklist stands without it', { incidentId: incident.id, error: deps.mask(error) });
  }
  const keys = reportKeys(incident.id, 0);
  if (base.enrichment !== undefined) await writeAlarmReport(base, checklist, keys, deps);
  const change: Change = {
    key: 'enrichment:alarm',
    kind: 'enrichment-added',
    at: deps.clock.now().toISOString(),
    text: error ? 'AWS enrichment failed' : 'AWS enrichment added (CloudTrail, Auto Scaling)',
  };
  const stored = await deps.store.update(incident.id, (cur) =>
    cur
      ? withChange(cur, change, (draft) => {
          draft.enrichment = { markdownKey: keys.markdownKey, highlights, ...(error ? { error: deps.mask(error) } : {}) };
        })
      : undefined,
  );
  const version = stored ? appliedVersion(stored, change.key) : undefined;
  if (version !== undefined) await deps.queue.send({ type: 'incident-changed', incidentId: incident.id, version, kind: 'enrichment-added' });
}

async function writeAlarmReport(
  report: Report,
  checklist: ReturnType<typeof buildChecklist>,
  keys: { jsonKey: string; markdownKey: string },
  deps: IntakeDeps,
): Promise<void> {
  const sections = [() => checklistMarkdown(checklist), ...(deps.enrichment ? [(r: Report) => deps.enrichment?.renderMarkdown(r)] : [])];
  // Enrichment text is AWS error text and names: masked like everything else before it is stored.
  const sealed = sealReport(report);
  const markdown = deps.mask(deps.triage.renderMarkdown(sealed, sections));
  await deps.objects.putText(keys.jsonKey, JSON.stringify(sealed, null, 2), 'application/json');
  await deps.objects.putText(keys.markdownKey, markdown, 'text/markdown; charset=utf-8');
}

async function lastSeenPolicies(installationId: string, deps: IntakeDeps): Promise<Report['bundle']['autoscalerPolicies']> {
  const text = await deps.objects.getText(lastPoliciesKey(installationId));
  if (text === undefined) return [];
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? (parsed as Report['bundle']['autoscalerPolicies']) : [];
}
