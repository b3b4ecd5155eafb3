import { field, itemsOf, lineOf, str } from './k8s-json.js';

/** A Warning event from cluster-resources/events/<namespace>.json, with where it sits in the file. */
export interface WarningEvent {
  /** The input (bundle) the events file came from. */
  input: string;
  namespace: string;
  /** Kind and name of the object the event is about (Pod, Node, PersistentVolumeClaim...). */
  kind: string;
  name: string;
  reason: string;
  message: string;
  count: number;
  /** When it last happened (ISO), if the event says. */
  lastSeen?: string;
  evidence: { path: string; line: number; text: string };
}

const MAX_EVENTS_PER_FILE = 5000;

/**
 * Reads the Warning events of one events JSON document. Core v1 events name the object in
 * `involvedObject` and carry `message`; events.k8s.io/v1 use `regarding` and `note`.
 */
export function readWarningEvents(input: string, path: string, text: string, document: unknown): WarningEvent[] {
  const events: WarningEvent[] = [];
  let cursor = 0;
  for (const event of itemsOf(document)) {
    if (events.length >= MAX_EVENTS_PER_FILE) break;
    if (str(field(event, 'type')) !== 'Warning') continue;
    const reason = str(field(event, 'reason')) ?? '';
    const message = str(field(event, 'message')) ?? str(field(event, 'note')) ?? '';
    if (!reason && !message) continue;
    const object = field(event, 'involvedObject') ?? field(event, 'regarding');
    // The message is escaped in the file as it is in JSON; search for that form.
    const needle = JSON.stringify(message.slice(0, 80)).slice(1, -1);
    const where = (message && lineOf(text, needle, cursor)) || lineOf(text, `"${reason}"`, cursor);
    if (where) cursor = where.index;
    const count = Number(field(event, 'count') ?? field(event, 'series', 'count') ?? 1);
    const lastSeen = str(field(event, 'lastTimestamp')) ?? str(field(event, 'eventTime')) ?? str(field(event, 'metadata', 'creationTimestamp'));
    events.push({
      input,
      namespace: str(field(object, 'namespace')) ?? str(field(event, 'metadata', 'namespace')) ?? '',
      kind: str(field(object, 'kind')) ?? '',
      name: str(field(object, 'name')) ?? '',
      reason,
      message,
      count: Number.isFinite(count) && count > 0 ? count : 1,
      ...(lastSeen && !Number.isNaN(Date.parse(lastSeen)) ? { lastSeen: new Date(lastSeen).toISOString() } : {}),
      evidence: { path, line: where?.line ?? 1, text: where ? wholeLine(text, where.index) : message || reason },
    });
  }
  return events;
}

/** Event reasons and messages as one line, worded like `kubectl get events` prints them. */
export function eventLine(event: WarningEvent): string {
  const object = event.kind ? `${event.kind.toLowerCase()}/${event.name}` : event.name;
  return `Warning   ${event.reason}   ${object}   ${event.message.replace(/\s*\n\s*/g, ' ')}`;
}

/** The line around `index` exactly as written (evidence must quote the file verbatim). */
function wholeLine(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  const end = text.indexOf('\n', index);
  return text.slice(start, end < 0 ? undefined : end).replace(/\r$/, '');
}
