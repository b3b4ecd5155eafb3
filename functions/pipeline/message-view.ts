import type { Report } from '../triage/report/schema.js';
import { buildChecklist, type Checklist } from './checklist.js';
import type { ChangeKind, Incident } from './model.js';
import type { ReportLink } from './report-link.js';

/**
 * What a notification says about an incident, independent of the channel: Slack and the Amazon Q
 * notification are two renderings of this view.
 */
export interface IncidentView {
  incidentId: string;
  version: number;
  kind: ChangeKind;
  status: Incident['status'];
  severity: string;
  headline: string;
  issueTypes: string[];
  alarm?: { name: string; firedAt: string; fireCount: number; arn?: string; reason?: string };
  reportVersion?: number;
  reportUri?: string;
  /** The incident page (HTML); set after masking, since a presigned URL must reach the reader intact. */
  reportPage?: ReportLink;
  late?: { minutes: number; basis: string };
  /** Set while an alarm incident has no upload yet. */
  checklist?: Checklist;
  findings: Array<{ severity: string; title: string; service: string; count: number; evidence?: { path: string; line: number; text: string } }>;
  moreFindings: number;
  enrichment: string[];
  nextSteps: string[];
  /** What changed with this version, for the threaded reply / follow-up line. */
  changeText: string;
  openedAt: string;
  messagesSoFar: number;
}

const TOP_FINDINGS = 5;

export function incidentView(incident: Incident, report: Report | undefined, options: { bucket: string; uri: (key: string) => string; kind: ChangeKind }): IncidentView {
  const ref = incident.report;
  const findings = (report?.findings ?? []).filter((f) => !f.groupedUnder);
  const awaitingUpload = incident.status === 'open' && incident.alarm !== undefined && incident.inputs.length === 0;
  const change = [...incident.timeline].reverse().find((t) => t.version <= incident.version && t.kind !== 'evidence-added');
  return {
    incidentId: incident.id,
    version: incident.version,
    kind: options.kind,
    status: incident.status,
    severity: ref?.severity ?? 'none',
    headline: ref?.headline ?? `Incident ${incident.id}`,
    issueTypes: ref?.issueTypes ?? incident.alarm?.issueTypes ?? [],
    alarm: incident.alarm
      ? { name: incident.alarm.name, firedAt: incident.alarm.firstFiredAt, fireCount: incident.alarm.fireCount, arn: incident.alarm.arn, reason: incident.alarm.reason }
      : undefined,
    reportVersion: ref?.evidenceVersion,
    reportUri: ref ? options.uri(ref.markdownKey) : undefined,
    late: ref?.lateBundleMinutes !== undefined ? { minutes: ref.lateBundleMinutes, basis: ref.lateBundleBasis ?? 'collected' } : undefined,
    checklist:
      awaitingUpload && incident.alarm
        ? buildChecklist(incident.alarm.issueTypes, { bucket: options.bucket, folder: incident.folder, alarmTime: incident.alarm.firstFiredAt })
        : undefined,
    findings: findings.slice(0, TOP_FINDINGS).map((f) => {
      const e = f.evidence[0];
      return { severity: f.severity, title: f.title, service: f.service, count: f.count, evidence: e ? { path: e.path, line: e.line, text: e.text } : undefined };
    }),
    moreFindings: Math.max(0, findings.length - TOP_FINDINGS),
    enrichment: [
      ...(incident.enrichment ? [...incident.enrichment.highlights, ...(incident.enrichment.error ? [`AWS enrichment failed: ${incident.enrichment.error}`] : [])] : []),
      ...(ref?.enrichmentError ? [`AWS enrichment of report v${ref.evidenceVersion} failed: ${ref.enrichmentError}`] : []),
    ],
    nextSteps: report?.nextSteps ?? [],
    changeText: incident.status === 'resolved' ? `Resolved at ${incident.resolvedAt ?? incident.updatedAt}: the alarm returned to OK.` : (change?.text ?? 'Incident updated'),
    openedAt: incident.openedAt,
    messagesSoFar: incident.delivery.slack?.messages ?? 0,
  };
}

/** Applies `mask` to every string in a JSON-like value: the last guard before text leaves the pipeline. */
export function maskDeep<T>(value: T, mask: (text: string) => string): T {
  if (typeof value === 'string') return mask(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => maskDeep(v, mask)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskDeep(v, mask)])) as T;
  }
  return value;
}

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}
