import { slackMarkup } from '../shared/escape.js';
import { randomUUID } from 'node:crypto';
import { reportSchema, type Report } from '../triage/report/schema.js';
import { incidentView, maskDeep } from './message-view.js';
import type { Incident, NotifyMessage } from './model.js';
import type { ChatSink, Clock, IncidentStore, ObjectStore, PipelineLogger, TopicSink } from './ports.js';
import { qNotification, snsSubject } from './q-notification.js';
import type { ReportLink, ReportLinker } from './report-link.js';
import { slackMessage } from './slack-message.js';

export interface NotifyDeps {
  store: IncidentStore;
  objects: ObjectStore;
  chat: ChatSink;
  topic: TopicSink | undefined;
  mask: (text: string) => string;
  bucket: string;
  clock: Clock;
  logger: PipelineLogger;
  /** How long one delivery may hold the incident's notification lock. */
  lockSeconds?: number;
  /** Links to the incident page; absent: messages point at the Markdown report only. */
  reportLinks?: ReportLinker;
}

/** Another delivery for the incident is running; the message is retried later. */
export class NotificationBusyError extends Error {
  override name = 'NotificationBusyError';
}

export class IncidentNotFoundError extends Error {
  override name = 'IncidentNotFoundError';
}

/** A channel refused the message; the queue retries with backoff and finally dead-letters it. */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    message: string,
    readonly channels: string[],
  ) {
    super(message);
  }
}

export type NotifyOutcome = { outcome: 'duplicate' | 'delivered'; incidentId: string; version: number; channels: string[] };

/**
 * Delivers the incident's current state for a change. Each channel records the version it has
 * delivered, so a repeated or out-of-order message is dropped and a retry after a partial failure
 * re-sends only to the channel that failed. A per-incident lock serialises deliveries so the
 * Slack thread gets one root message and updates in order.
 */
export async function deliverIncidentUpdate(message: NotifyMessage, deps: NotifyDeps): Promise<NotifyOutcome> {
  const current = await deps.store.get(message.incidentId);
  if (!current) throw new IncidentNotFoundError(`incident ${message.incidentId} not found`);
  const wanted = channelsBehind(current, message.version, deps);
  if (wanted.length === 0) return { outcome: 'duplicate', incidentId: current.id, version: message.version, channels: [] };

  const token = randomUUID();
  const now = deps.clock.now();
  const locked = await deps.store.update(message.incidentId, (cur) => {
    if (!cur) return undefined;
    if (cur.notifyLock && cur.notifyLock.until > now.toISOString()) throw new NotificationBusyError(`incident ${cur.id} is being notified`);
    return { ...cur, notifyLock: { token, until: new Date(now.getTime() + (deps.lockSeconds ?? 120) * 1000).toISOString() } };
  });
  if (!locked) throw new IncidentNotFoundError(`incident ${message.incidentId} not found`);

  const failed: string[] = [];
  const delivered: string[] = [];
  try {
    const channels = channelsBehind(locked, message.version, deps);
    if (channels.length === 0) return { outcome: 'duplicate', incidentId: locked.id, version: message.version, channels: [] };
    const report = await loadReport(locked, deps);
    const view = maskDeep(incidentView(locked, report, { bucket: deps.bucket, uri: (k) => deps.objects.uri(k), kind: message.kind }), deps.mask);
    const page = await pageLink(locked, deps);
    // The page link is ours, and a presigned one carries a signature the final mask would hide:
    // the messages are built and masked with a mark in its place, then the mark is replaced.
    if (page) view.reportPage = { ...page, url: PAGE_URL_MARK };
    const target = locked.version;

    if (channels.includes('slack')) {
      try {
        const mode = deps.chat.mode === 'bot' ? 'bot' : 'webhook';
        const thread = locked.delivery.slack?.ts ? { ts: locked.delivery.slack.ts, channel: locked.delivery.slack.channel } : undefined;
        // The built message is masked again: the builders add text (checklist, links) beyond the view.
        const anchor = await deps.chat.post(withPageUrl(maskDeep(slackMessage(view, mode), deps.mask), page && slackMarkup(page.url)), thread);
        await recordDelivery(locked.id, deps, (d) => {
          d.delivery.slack = {
            version: Math.max(target, d.delivery.slack?.version ?? 0),
            // The sink may have started a new thread (root message deleted).
            ts: anchor?.ts ?? d.delivery.slack?.ts,
            channel: anchor?.channel ?? d.delivery.slack?.channel,
            messages: (d.delivery.slack?.messages ?? 0) + 1,
          };
        });
        delivered.push('slack');
      } catch (e) {
        failed.push('slack');
        deps.logger.error('Slack delivery failed', { incidentId: locked.id, version: target, error: deps.mask(errorText(e)) });
      }
    }
    if (channels.includes('sns') && deps.topic) {
      try {
        await deps.topic.publish({
          subject: deps.mask(snsSubject(view)),
          body: JSON.stringify(withPageUrl(maskDeep(qNotification(view), deps.mask), page?.url)),
          attributes: { severity: view.severity, status: view.status, incidentId: view.incidentId },
        });
        await recordDelivery(locked.id, deps, (d) => {
          d.delivery.sns = { version: Math.max(target, d.delivery.sns?.version ?? 0), messages: (d.delivery.sns?.messages ?? 0) + 1 };
        });
        delivered.push('sns');
      } catch (e) {
        failed.push('sns');
        deps.logger.error('SNS delivery failed', { incidentId: locked.id, version: target, error: deps.mask(errorText(e)) });
      }
    }
  } finally {
    await releaseLock(message.incidentId, token, deps);
  }
  if (failed.length > 0) throw new DeliveryError(`delivery failed for ${failed.join(', ')}`, failed);
  return { outcome: 'delivered', incidentId: message.incidentId, version: message.version, channels: delivered };
}

/** A link that cannot be made (signing key unreadable) drops the link, never the message. */
async function pageLink(incident: Incident, deps: NotifyDeps): Promise<ReportLink | undefined> {
  const key = incident.report?.htmlKey;
  if (!key || !deps.reportLinks) return undefined;
  try {
    return await deps.reportLinks.link(key);
  } catch (e) {
    deps.logger.warn('no link to the incident page', { incidentId: incident.id, error: deps.mask(errorText(e)) });
    return undefined;
  }
}

function channelsBehind(incident: Incident, version: number, deps: NotifyDeps): string[] {
  const channels: string[] = [];
  if (deps.chat.mode !== 'none' && (incident.delivery.slack?.version ?? 0) < version) channels.push('slack');
  if (deps.topic && (incident.delivery.sns?.version ?? 0) < version) channels.push('sns');
  return channels;
}

async function loadReport(incident: Incident, deps: NotifyDeps): Promise<Report | undefined> {
  if (!incident.report) return undefined;
  const text = await deps.objects.getText(incident.report.jsonKey);
  if (text === undefined) throw new Error(`report ${incident.report.jsonKey} is missing`);
  const parsed = reportSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    // A report of a newer schema still gets the incident-level message out.
    deps.logger.warn('stored report does not match the schema; sending the summary only', { incidentId: incident.id });
    return undefined;
  }
  return parsed.data;
}

async function recordDelivery(incidentId: string, deps: NotifyDeps, edit: (draft: Incident) => void): Promise<void> {
  await deps.store.update(incidentId, (cur) => {
    if (!cur) return undefined;
    const draft = structuredClone(cur);
    edit(draft);
    return draft;
  });
}

async function releaseLock(incidentId: string, token: string, deps: NotifyDeps): Promise<void> {
  try {
    await deps.store.update(incidentId, (cur) => {
      if (!cur || cur.notifyLock?.token !== token) return undefined;
      const draft = { ...cur };
      delete draft.notifyLock;
      return draft;
    });
  } catch (e) {
    // The lock expires by itself; a failed release only delays the next delivery.
    deps.logger.warn('could not release the notification lock', { incidentId, error: deps.mask(errorText(e)) });
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** Stands for the incident page URL while messages are masked; masking leaves it as it is. */
const PAGE_URL_MARK = 'INCIDENT-PAGE-URL-MARK';

function withPageUrl<T>(message: T, url: string | undefined): T {
  if (url === undefined) return message;
  return JSON.parse(JSON.stringify(message).split(PAGE_URL_MARK).join(JSON.stringify(url).slice(1, -1))) as T;
}
