import { renderReportHtml } from '../report-html/index.js';
import type { Report } from '../triage/report/schema.js';
import { sealReport } from '../triage/report/seal.js';
import { COLLECTION_DEADLINE_MINUTES } from './checklist.js';
import { lastPoliciesKey, reportKeys, type IntakeDeps } from './deps.js';
import { incidentIdFor, uploadIncidentSeed } from './ids.js';
import { appliedVersion, newIncident, withChange } from './incident.js';
import { foldInputs } from './input-fold.js';
import type { Incident, IncidentInput, ReportRef, UploadRef } from './model.js';

const INCOMING = 'incoming/';
/** Keeps the incident item far below DynamoDB's 400 KB, and a full re-read (after a rule pack change) within one Lambda run. */
export const MAX_INPUTS_PER_INCIDENT = 40;
const BUNDLE_NAME = /\.(tar\.gz|tgz|tar)$/i;

export type UploadOutcome =
  | { outcome: 'ignored'; key: string; reason: string }
  | { outcome: 'refused'; key: string; incidentId: string; reason: string; version: number | undefined }
  | { outcome: 'superseded'; key: string; incidentId: string; evidenceVersion: number }
  | { outcome: 'reported'; key: string; incidentId: string; evidenceVersion: number; reportKey: string; version: number | undefined };

export function uploadLocation(key: string): { folder?: string; fileName: string } | undefined {
  if (!key.startsWith(INCOMING)) return undefined;
  const parts = key.slice(INCOMING.length).split('/');
  const fileName = parts.at(-1) ?? '';
  if (fileName === '') return undefined;
  return { folder: parts.length > 1 ? parts[0] : undefined, fileName };
}

/**
 * One uploaded object. It joins the incident of its folder, else the open alarm incident of the
 * installation whose alarm fired within the correlation window, else opens an incident. Each new
 * object is one evidence version: the object is triaged once and folded onto the stored results of
 * the incident's earlier inputs (input-fold.ts), the report `v<n>` is stored, and the incident
 * points at the newest report.
 */
export async function handleUpload(upload: UploadRef, deps: IntakeDeps): Promise<UploadOutcome> {
  const location = uploadLocation(upload.key);
  if (!location) return { outcome: 'ignored', key: upload.key, reason: 'not under incoming/' };
  if (upload.bucket !== deps.settings.bucket) return { outcome: 'ignored', key: upload.key, reason: 'other bucket' };

  const incidentId = await resolveIncident(upload, location.folder, deps);
  const inputKey = `input:${upload.key}#${upload.etag}`;
  const kind: IncidentInput['kind'] = BUNDLE_NAME.test(location.fileName) ? 'bundle' : 'log';

  const stored = await deps.store.update(incidentId, (cur) => {
    const base =
      cur ??
      newIncident({
        id: incidentId,
        installationId: deps.settings.installationId,
        openedBy: 'upload',
        openedAt: upload.time,
        folder: location.folder ?? incidentId,
        retentionDays: deps.settings.retentionDays,
      });
    if (appliedVersion(base, inputKey) === undefined && base.inputs.length >= MAX_INPUTS_PER_INCIDENT) return undefined;
    return withChange(base, { key: inputKey, kind: 'evidence-added', at: upload.time, text: `${kind === 'bundle' ? 'Bundle' : 'Log'} ${location.fileName} uploaded` }, (draft) => {
      draft.evidenceVersion += 1;
      // A key uploaded again with new content replaces the old object as an input.
      draft.inputs = draft.inputs.filter((i) => i.key !== upload.key);
      draft.inputs.push({ key: upload.key, etag: upload.etag, size: upload.size, kind, uploadedAt: upload.time, evidenceVersion: draft.evidenceVersion });
    });
  });
  const input = stored?.inputs.find((i) => i.key === upload.key && i.etag === upload.etag);
  if (!stored || !input) return refuse(upload, location.fileName, incidentId, deps);
  // Idempotent; an upload without a folder binds the incident's own folder for follow-up uploads.
  await deps.store.bindFolder(stored.folder, incidentId);

  const e = input.evidenceVersion;
  if (stored.report && stored.report.evidenceVersion > e) return { outcome: 'superseded', key: upload.key, incidentId, evidenceVersion: e };
  const reportChangeKey = `report:${e}`;
  const keys = reportKeys(incidentId, e);
  if (appliedVersion(stored, reportChangeKey) === undefined) {
    const ref = await triageAndStore(stored, e, deps);
    const updated = await deps.store.update(incidentId, (current) => {
      if (!current || (current.report && current.report.evidenceVersion > e)) return undefined;
      return withChange(current, { key: reportChangeKey, kind: 'report-ready', at: deps.clock.now().toISOString(), text: `Report v${e}: ${ref.headline}` }, (draft) => {
        draft.report = ref;
      });
    });
    const version = updated ? appliedVersion(updated, reportChangeKey) : undefined;
    if (version === undefined) return { outcome: 'superseded', key: upload.key, incidentId, evidenceVersion: e };
    await deps.queue.send({ type: 'incident-changed', incidentId, version, kind: 'report-ready' });
    return { outcome: 'reported', key: upload.key, incidentId, evidenceVersion: e, reportKey: keys.jsonKey, version };
  }
  // Replay after the report was stored: make sure its notification was queued (the notifier drops repeats).
  const version = appliedVersion(stored, reportChangeKey);
  if (version !== undefined) await deps.queue.send({ type: 'incident-changed', incidentId, version, kind: 'report-ready' });
  return { outcome: 'reported', key: upload.key, incidentId, evidenceVersion: e, reportKey: keys.jsonKey, version };
}

/**
 * The incident is full: the upload is not triaged, but never silently. The refusal is a change of
 * the incident (on its timeline and in the chat thread, naming the object, which stays in the
 * bucket) so the operator can triage it in a folder of its own.
 */
async function refuse(upload: UploadRef, fileName: string, incidentId: string, deps: IntakeDeps): Promise<UploadOutcome> {
  const reason = `incident ${incidentId} already holds ${MAX_INPUTS_PER_INCIDENT} inputs`;
  const changeKey = `refused:${upload.key}#${upload.etag}`;
  const text = `Upload ${fileName} not added: the incident already holds ${MAX_INPUTS_PER_INCIDENT} inputs. The object is kept at s3://${upload.bucket}/${upload.key}; upload it under a new folder to triage it on its own.`;
  const updated = await deps.store.update(incidentId, (cur) =>
    cur ? withChange(cur, { key: changeKey, kind: 'input-refused', at: upload.time, text }, () => {}) : undefined,
  );
  const version = updated ? appliedVersion(updated, changeKey) : undefined;
  deps.logger.warn('incident holds the maximum number of inputs; upload refused and reported', { incidentId, max: MAX_INPUTS_PER_INCIDENT });
  if (version !== undefined) await deps.queue.send({ type: 'incident-changed', incidentId, version, kind: 'input-refused' });
  return { outcome: 'refused', key: upload.key, incidentId, reason, version };
}

async function resolveIncident(upload: UploadRef, folder: string | undefined, deps: IntakeDeps): Promise<string> {
  if (folder) {
    const bound = await deps.store.folderIncident(folder);
    if (bound) return bound;
  }
  const windowMs = deps.settings.correlationWindowMinutes * 60_000;
  const t = Date.parse(upload.time);
  const candidates = await deps.store.openAlarmIncidents(
    deps.settings.installationId,
    new Date(t - windowMs).toISOString(),
    // Small allowance for clock skew between the alarm and the upload.
    new Date(t + 5 * 60_000).toISOString(),
  );
  const correlated = candidates.sort((a, b) => (b.alarm?.firstFiredAt ?? '').localeCompare(a.alarm?.firstFiredAt ?? ''))[0];
  const candidate = correlated?.id ?? incidentIdFor(uploadIncidentSeed(deps.settings.installationId, folder ?? upload.key));
  if (!folder) return candidate;
  if (correlated) deps.logger.info('upload folder correlated with open alarm incident', { incidentId: correlated.id });
  return deps.store.bindFolder(folder, candidate);
}

async function triageAndStore(incident: Incident, evidenceVersion: number, deps: IntakeDeps): Promise<ReportRef> {
  const inputs = incident.inputs.filter((i) => i.evidenceVersion <= evidenceVersion);
  const alarmTime = incident.alarm ? new Date(incident.alarm.firstFiredAt) : undefined;
  const { report, reads } = await foldInputs(incident, inputs, evidenceVersion, alarmTime, deps, displayName);
  deps.logger.info('inputs folded', { incidentId: incident.id, evidenceVersion, inputsRead: reads.inputs.length, inputBytesRead: reads.inputBytes, stateBytesRead: reads.stateBytes });
  if (incident.alarm && !report.alarm) {
    report.alarm = { name: incident.alarm.name, time: incident.alarm.firstFiredAt, reason: incident.alarm.reason, region: incident.alarm.region };
  }
  if (report.bundle.autoscalerPolicies.length > 0) {
    await deps.objects.putText(lastPoliciesKey(incident.installationId), JSON.stringify(report.bundle.autoscalerPolicies), 'application/json');
  }
  let enrichmentError: string | undefined;
  if (deps.enrichment) {
    try {
      report.enrichment = await deps.enrichment.enrich(report);
    } catch (e) {
      enrichmentError = deps.mask(e instanceof Error ? e.message : String(e));
      deps.logger.warn('bundle enrichment failed; report stored without it', { incidentId: incident.id, error: enrichmentError });
    }
  }
  const late = lateBundle(incident, report, inputs);
  const keys = reportKeys(incident.id, evidenceVersion);
  const sections: Array<(r: Report) => string | undefined> = [() => incidentSection(incident, evidenceVersion, late, enrichmentError)];
  if (deps.enrichment) sections.push((r) => deps.enrichment?.renderMarkdown(r));
  // The alarm and enrichment parts were added after triage: seal the whole report again.
  const sealed = sealReport(report);
  const markdown = deps.mask(deps.triage.renderMarkdown(sealed, sections));
  const page = renderReportHtml(sealed, {
    ticketMarkdown: markdown,
    incident: { id: incident.id, status: incident.status, reportVersion: evidenceVersion },
  });
  // Report files first, then the pointer to them: a reader never sees a report that is not stored.
  await deps.objects.putText(keys.jsonKey, JSON.stringify(sealed, null, 2), 'application/json');
  await deps.objects.putText(keys.markdownKey, markdown, 'text/markdown; charset=utf-8');
  await deps.objects.putText(keys.htmlKey, page, 'text/html; charset=utf-8');
  return {
    evidenceVersion,
    ...keys,
    severity: report.summary.severity,
    headline: deps.mask(report.summary.headline),
    issueTypes: report.summary.issueTypes,
    findings: report.findings.length,
    generatedAt: report.generatedAt,
    ...(late ? { lateBundleMinutes: late.minutes, lateBundleBasis: late.basis } : {}),
    ...(enrichmentError ? { enrichmentError } : {}),
  };
}

/**
 * The 10-minute rule: a bundle collected long after the alarm may have lost the logs that show
 * the cause. Collection time comes from the bundle name; without it the upload time is the bound.
 */
export function lateBundle(incident: Incident, report: Report, inputs: IncidentInput[]): { minutes: number; basis: 'collected' | 'uploaded' } | undefined {
  if (!incident.alarm) return undefined;
  const alarmMs = Date.parse(incident.alarm.firstFiredAt);
  const collected = report.bundle.collectedAt?.utc;
  const bundles = inputs.filter((i) => i.kind === 'bundle');
  let basis: 'collected' | 'uploaded';
  let at: number;
  if (collected) {
    basis = 'collected';
    at = Date.parse(collected);
  } else if (bundles.length > 0) {
    basis = 'uploaded';
    at = Math.min(...bundles.map((b) => Date.parse(b.uploadedAt)));
  } else return undefined;
  const minutes = Math.round((at - alarmMs) / 60_000);
  return minutes > COLLECTION_DEADLINE_MINUTES ? { minutes, basis } : undefined;
}

function incidentSection(incident: Incident, evidenceVersion: number, late: ReturnType<typeof lateBundle>, enrichmentError: string | undefined): string {
  const lines = ['## Incident', '', `- Incident: \`${incident.id}\` (report v${evidenceVersion}, status ${incident.status})`];
  if (incident.alarm) lines.push(`- Alarm: ${incident.alarm.name}, fired ${incident.alarm.firstFiredAt}${incident.alarm.fireCount > 1 ? ` (${incident.alarm.fireCount} times)` : ''}`);
  if (late) {
    lines.push(
      `- **Bundle ${late.basis} ${late.minutes} minutes after the alarm** (rule: within ${COLLECTION_DEADLINE_MINUTES}). Logs from the start of the incident may have rotated out; say so in the ticket.`,
    );
  }
  if (enrichmentError) lines.push(`- **AWS enrichment failed**: ${enrichmentError}. This report holds no CloudTrail, STS or Auto Scaling facts; run \`incident-triage --aws\` with the inputs to add them.`);
  lines.push(`- Inputs: ${incident.inputs.filter((i) => i.evidenceVersion <= evidenceVersion).map((i) => `\`${displayName(i.key)}\``).join(', ')}`, '');
  return lines.join('\n');
}

function displayName(key: string): string {
  return key.startsWith(INCOMING) ? key.slice(INCOMING.length) : key;
}
