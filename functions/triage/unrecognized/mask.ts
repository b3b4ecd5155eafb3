/**
 * Turns an error line into the token sequence the template miner clusters: the transport and
 * time prefix go, the message of a JSON record is picked out, and variable parts (ids, numbers,
 * addresses, paths, times) become `<*>` before tokenising, as Drain's preprocessing step does.
 */
import { recordBody } from '../scan/log-level.js';

export const WILDCARD = '<*>';
/** Characters of a line the miner looks at; the rest is cut (memory and time stay bounded). */
export const MAX_MINED_CHARS = 2000;
/** Tokens kept per line; longer lines end in one `<*>`. */
export const MAX_TOKENS = 40;

const LEADING_TIME = [
  // ISO / RFC 3339 and space-separated dates, with zone, optionally bracketed (`[2023-…]`).
  /^\[?\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d|\s?(?:UTC|GMT))?\]?\s*/,
  // klog header up to the source location: `E1201 10:00:00.000000       1 `.
  /^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d+\s+\d+\s+/,
  // syslog time, Redis (`1:M 01 Dec 2023 10:00:00.000 `), bare clock time.
  /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d\s+/,
  /^\d+:[XCSM] \d\d [A-Z][a-z]{2}(?: \d{4})? \d\d:\d\d:\d\d\.\d+\s+/,
  /^\d\d:\d\d:\d\d(?:[.,]\d+)?\s+/,
];

/**
 * Record headers that are the same on every line of a format (level, pid, thread): left in, they
 * outweigh the message in the similarity and merge unrelated errors.
 */
const HEADERS: [RegExp, string][] = [
  [/^\[?(?:TRACE|DEBUG|INFO|WARN|WARNING|ERROR|ERR|FATAL|PANIC|CRITICAL|CRIT|SEVERE|trace|debug|info|warn|warning|error|fatal|panic|critical)\]?:?\s+/, ''],
  // Spring Boot: `ERROR 1 --- [thread] logger : message` → `logger: message`.
  [/^\d+ --- \[[^\]]*\]\s+(\S+)\s+:\s/, '$1: '],
  // PostgreSQL: `[4121] FATAL:  message`, Erlang pids.
  [/^\[\d+(?:-\d+)?\]\s+[A-Z]+:\s+/, ''],
  [/^<\d+\.\d+\.\d+>\s+/, ''],
  // logfmt: the time and level fields of every line.
  [/(?:^|\s)(?:time|ts|level|lvl)=(?:"[^"]*"|\S+)/g, ''],
];

/** Keys whose values carry a JSON record's message, in the order they are read. */
const MESSAGE_KEYS = ['msg', 'message', 'M', 'error', 'err', 'errmsg', 'exception', 'stack_trace'];

/** Masks, in order: the longer and more specific shapes first so they are not split by later ones. */
const MASKS: RegExp[] = [
  /\b\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?/g,
  /\b\d\d:\d\d:\d\d(?:[.,]\d+)?\b/g,
  /\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g,
  /\b[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^\s"'<>]+/g,
  /(?:^|(?<=[\s=:("'[]))(?:~|\.{1,2})?(?:\/[\w.@%+-]+){2,}\/?/g,
  /\b(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?\b/g,
  /\b(?=[0-9a-fA-F:]*\d)(?:[0-9a-fA-F]{1,4}:){2,7}[0-9a-fA-F]{1,4}\b/g,
  /\b0x[0-9a-fA-F]+\b/g,
  /\b(?=[0-9a-fA-F]*\d)[0-9a-fA-F]{8,}\b/g,
  /\b(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h|d))+\b/g,
  // Single-token quoted values are identifiers; quoted prose stays, it is the message.
  /"[^"\s]*"|'[^'\s]*'/g,
  /\b\d+(?:\.\d+)*\b/g,
];

/** The masks as one alternation: one pass over the message; at a position the earlier shape wins. */
const MASK = new RegExp(MASKS.map((re) => `(?:${re.source})`).join('|'), 'g');

function stripHeader(text: string): string {
  let out = text;
  for (const re of LEADING_TIME) {
    const m = re.exec(out);
    if (m) {
      out = out.slice(m[0].length);
      break;
    }
  }
  for (const [re, by] of HEADERS) out = out.replace(re, by).trimStart();
  return out;
}

function jsonMessage(body: string): string | undefined {
  if (body.charCodeAt(0) !== 123 /* { */) return undefined;
  let record: unknown;
  try {
    record = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!record || typeof record !== 'object' || Array.isArray(record)) return undefined;
  const fields = record as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of MESSAGE_KEYS) {
    const value = fields[key];
    if (typeof value === 'string' && value.trim()) parts.push(value.split('\n')[0]!);
  }
  // A field boundary is a wildcard: other fields sit between these values in the raw line.
  return parts.length ? parts.join(` ${WILDCARD} `) : undefined;
}

/** The message part of an error line, unmasked: no transport prefix, time or level header. */
export function messageOf(line: string): string {
  return messageOfRecord(recordBody(line));
}

/** `messageOf` for a line already passed through `recordBody`. */
export function messageOfRecord(record: string): string {
  const body = record.length > MAX_MINED_CHARS ? record.slice(0, MAX_MINED_CHARS) : record;
  // Escaped quotes (logfmt and hclog values holding quotes) read as plain quotes.
  return (jsonMessage(body.trimEnd()) ?? stripHeader(body).replace(/\\"/g, '"')).trim();
}

/** Replaces variable parts of a message with `<*>`. */
export function maskVariables(message: string): string {
  return message.replace(MASK, WILDCARD);
}

/** The miner's tokens for a line: masked, whitespace-split, at most MAX_TOKENS. */
export function tokensOf(line: string): string[] {
  return tokensOfRecord(recordBody(line));
}

/** `tokensOf` for a line already passed through `recordBody`. */
export function tokensOfRecord(record: string): string[] {
  const tokens = maskVariables(messageOfRecord(record)).split(/\s+/).filter(Boolean);
  if (tokens.length > MAX_TOKENS) {
    tokens.length = MAX_TOKENS;
    tokens[MAX_TOKENS - 1] = WILDCARD;
  }
  return tokens;
}
