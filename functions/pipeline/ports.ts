import type { Readable } from 'node:stream';
import type { Report } from '../triage/report/schema.js';
import type { AlarmSignal, AlarmTracker, Incident, NotifyMessage } from './model.js';

/**
 * Ports of the pipeline domain. Adapters implement them on DynamoDB, S3, SQS, SNS and Slack; the
 * domain never sees an SDK type, so its rules are tested with plain fakes.
 */

/** Result of a read-modify-write: `undefined` from the mutator means "nothing to change". */
export type Mutator<T> = (current: T | undefined) => T | undefined;

export interface IncidentStore {
  get(incidentId: string): Promise<Incident | undefined>;
  /**
   * Applies `mutate` to the current item and writes it only if nobody wrote in between
   * (optimistic concurrency on `rev`), re-reading and retrying on conflict. Returns the stored
   * item, or the unchanged current one when the mutator returned `undefined`.
   */
  update(incidentId: string, mutate: Mutator<Incident>): Promise<Incident | undefined>;
  /** Binds an upload folder to an incident; the first binding wins and is returned. */
  bindFolder(folder: string, incidentId: string): Promise<string>;
  folderIncident(folder: string): Promise<string | undefined>;
  /** Open alarm incidents of an installation whose alarm fired within [from, to]. */
  openAlarmIncidents(installationId: string, from: string, to: string): Promise<Incident[]>;
  updateAlarmTracker(installationId: string, alarmName: string, mutate: Mutator<AlarmTracker>): Promise<AlarmTracker | undefined>;
}

export interface ObjectStore {
  /** Streams an object; the caller consumes or destroys it. */
  open(key: string): Promise<Readable>;
  putText(key: string, body: string, contentType: string): Promise<void>;
  getText(key: string): Promise<string | undefined>;
  /** Stored as given: internal state that never leaves the bucket (no masking step). */
  putBytes(key: string, body: Uint8Array, contentType: string): Promise<void>;
  getBytes(key: string): Promise<Buffer | undefined>;
  /** `s3://bucket/key`, for links in messages. */
  uri(key: string): string;
}

export interface NotifyQueue {
  send(message: NotifyMessage): Promise<void>;
}

/** Chat delivery (Slack). Returns the thread anchor to reuse for the next update. */
export interface ChatSink {
  readonly mode: 'bot' | 'webhook' | 'none';
  post(message: ChatMessage, thread: ChatThread | undefined): Promise<ChatThread | undefined>;
}

export interface ChatThread {
  ts?: string;
  channel?: string;
}

export interface ChatMessage {
  /** Fallback / notification text. */
  text: string;
  blocks: unknown[];
  /** Short text for the threaded reply that announces the change (bot mode). */
  replyText: string;
}

/** SNS topic delivery. */
export interface TopicSink {
  publish(message: { subject: string; body: string; attributes: Record<string, string> }): Promise<void>;
}

/** Triage core, behind a port so the domain can be tested without bundles. */
export interface Triage {
  /**
   * A fold of an incident's inputs, resumed from the stored fold of an earlier report when that is
   * still valid (same rules; otherwise it starts empty and `covers` is empty).
   */
  fold(stored: Uint8Array | undefined, options: { now: Date }): TriageFold;
  renderMarkdown(report: Report, extraSections: Array<(r: Report) => string | undefined>): string;
}

/** Inputs folded one by one, each stored on its own, so no upload reads an earlier input again. */
export interface TriageFold {
  /** Ids of the inputs already folded in, in order. */
  readonly covers: readonly string[];
  /** Adds an input's stored state; false when it cannot be reused (other rules): read the input again. */
  addStored(state: Uint8Array, id: string): boolean;
  /** Reads an input and adds it; returns its state, to store for later uploads. */
  read(input: { name: string; open: () => Promise<Readable> }, id: string): Promise<Uint8Array>;
  /** The report of everything folded, and the fold itself to store. */
  finish(options: { alarmTime?: Date }): { report: Report; state: Uint8Array };
}

/**
 * AWS enrichment (CloudTrail denies and recent changes, STS decode, ASG verification). The alarm
 * variant runs with an alarm-only report, i.e. the checks that need no bundle.
 */
export interface EnrichmentRunner {
  enrich(report: Report): Promise<Report['enrichment']>;
  /** Markdown section for the ticket; `undefined` when the report has no enrichment. */
  renderMarkdown(report: Report): string | undefined;
  /** A few one-line highlights for chat; never decoded authorization documents. */
  highlights(report: Report): string[];
}

/** Which alarms this pipeline handles (name prefixes, tags); the others are acknowledged and dropped. */
export interface AlarmFilter {
  accepts(signal: AlarmSignal): Promise<{ accepted: boolean; reason?: string }>;
}

export interface Clock {
  now(): Date;
}

export interface PipelineLogger {
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}

/** How long before an upload an alarm may have fired for the upload to join that alarm's incident. */
export const DEFAULT_CORRELATION_WINDOW_MINUTES = 60;

export interface PipelineSettings {
  installationId: string;
  bucket: string;
  /** An upload joins the open alarm incident whose alarm fired at most this long before it. */
  correlationWindowMinutes: number;
  /** Days an incident is kept (DynamoDB TTL). */
  retentionDays: number;
}
