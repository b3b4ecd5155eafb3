import type { IssueType } from '../triage/model/issue-types.js';

/** What the pipeline knows about one outage: the alarm that opened it, the uploads that joined it, the latest report. */
export interface Incident {
  id: string;
  installationId: string;
  status: 'open' | 'resolved';
  openedBy: 'alarm' | 'upload';
  openedAt: string;
  updatedAt: string;
  resolvedAt?: string;
  /** Upload folder (`incoming/<folder>/`) bound to this incident. */
  folder: string;
  alarm?: AlarmState;
  inputs: IncidentInput[];
  /** Count of evidence changes; report `v<n>` covers the inputs with `evidenceVersion <= n`. */
  evidenceVersion: number;
  /** Count of changes; every notified change carries the version it produced. */
  version: number;
  /** Item revision for optimistic concurrency; bumped by every write. */
  rev: number;
  /** Keys of the changes already applied, so a replayed event changes nothing. */
  changes: string[];
  report?: ReportRef;
  enrichment?: EnrichmentRef;
  timeline: TimelineEntry[];
  delivery: Delivery;
  notifyLock?: { token: string; until: string };
  /** Epoch seconds; DynamoDB TTL. */
  expiresAt: number;
}

export interface AlarmState {
  name: string;
  arn?: string;
  region?: string;
  accountId?: string;
  description?: string;
  reason?: string;
  /** State timestamp of the ALARM transition that opened the incident. */
  firstFiredAt: string;
  lastFiredAt: string;
  fireCount: number;
  /** Likely issue types, from the alarm's name, description and metric. */
  issueTypes: IssueType[];
  /** `firstFiredAt` + 10 minutes: collect the bundle before this. */
  collectBy: string;
}

export interface IncidentInput {
  key: string;
  etag: string;
  size: number;
  kind: 'bundle' | 'log';
  uploadedAt: string;
  evidenceVersion: number;
}

export interface ReportRef {
  evidenceVersion: number;
  jsonKey: string;
  markdownKey: string;
  /** The incident page; absent on reports stored before the page existed. */
  htmlKey?: string;
  severity: string;
  headline: string;
  issueTypes: string[];
  findings: number;
  generatedAt: string;
  /** Minutes between the alarm and the bundle collection when over the 10-minute rule. */
  lateBundleMinutes?: number;
  /** How `lateBundleMinutes` was measured. */
  lateBundleBasis?: 'collected' | 'uploaded';
  /** Set when the AWS enrichment of this report failed: the report holds no AWS facts. */
  enrichmentError?: string;
}

export interface EnrichmentRef {
  markdownKey?: string;
  /** Short lines for chat (no decoded authorization documents). */
  highlights: string[];
  error?: string;
}

export interface TimelineEntry {
  at: string;
  version: number;
  kind: ChangeKind;
  text: string;
}

export type ChangeKind =
  | 'opened'
  | 'alarm-refired'
  | 'evidence-added'
  | 'report-ready'
  | 'enrichment-added'
  | 'resolved'
  | 'alarm-insufficient-data'
  /** An upload the incident could not take (it holds the maximum of inputs); the object is kept. */
  | 'input-refused';

/** Changes worth a chat message; the others only bump the version. */
export const NOTIFIED_CHANGES: ReadonlySet<ChangeKind> = new Set<ChangeKind>([
  'opened',
  'alarm-refired',
  'report-ready',
  'enrichment-added',
  'resolved',
  'input-refused',
]);

export interface Delivery {
  slack?: { version: number; ts?: string; channel?: string; messages: number };
  sns?: { version: number; messages: number };
}

/** A CloudWatch alarm state transition, whatever envelope it arrived in. */
export interface AlarmSignal {
  alarmName: string;
  alarmArn?: string;
  state: 'ALARM' | 'OK' | 'INSUFFICIENT_DATA';
  previousState?: string;
  reason?: string;
  /** State change time, ISO 8601 UTC. */
  timestamp: string;
  region?: string;
  accountId?: string;
  description?: string;
  metric?: { namespace?: string; name?: string; dimensions: Record<string, string> };
  envelope: 'eventbridge' | 'sns';
}

/** An object that landed in the uploads bucket. */
export interface UploadRef {
  bucket: string;
  key: string;
  size: number;
  etag: string;
  sequencer?: string;
  /** Event time (upload completed). */
  time: string;
}

/** Body of the SQS message the notifier consumes. */
export interface NotifyMessage {
  type: 'incident-changed';
  incidentId: string;
  version: number;
  kind: ChangeKind;
}

/** Latest known state of one CloudWatch alarm, for ordering and dedup of its transitions. */
export interface AlarmTracker {
  installationId: string;
  alarmName: string;
  state: AlarmSignal['state'];
  timestamp: string;
  /** Incident opened by the current ALARM episode, cleared on OK. */
  openIncidentId?: string;
  /** Incident the last OK resolved, so a replayed OK finds it again. */
  lastIncidentId?: string;
  rev: number;
}
