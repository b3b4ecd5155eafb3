/**
 * Which lines continue the record above them. A record is a header line plus its continuation
 * lines: Java stack frames and `Caused by:` chains, hclog multi-line values (`  | `), Python
 * tracebacks, Go goroutine dumps, indented wrapped lines, and Vault's `Error making API request.`
 * blocks (which hold blank lines and `* ` bullets that mean nothing elsewhere).
 */
const CONTINUATION = /^(?:\s+\|\s?|\s+at\s|\tat\s|\s*\.\.\. \d+ (?:more|common frames omitted)|Caused by: |\s+File "|\s{2,}\S|\t\S)/;

/** A Java/Python exception line right under a timestamped log line carries that record's error. */
const EXCEPTION_LINE = /^(?:[a-z_][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error|Throwable|Failure|ExceptionInfo)\b/;

/** The lines of a Vault API error block after its header (api/response.go). */
const VAULT_BLOCK_LINE = /^(?:URL: [A-Z]+ \S|Namespace: |Code: \d{3}\. (?:Errors:|Raw Message:)|\* \S|\s*$)/;
export const VAULT_HEADER = 'Error making API request.';

/** Per-line prefixes added by the container runtime (CRI) or journald; the record shape is in what follows. */
const LINE_PREFIX = /^(?:\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:\d\d) (?:stdout|stderr) [FP] |[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \S+ [^:\s]+: )/;

/** A line that opens a log record with its time (ISO, klog, syslog, JSON with a time field). */
const TIMESTAMPED = /^(?:\S*\s)?\d{4}-\d\d-\d\d[T ]\d\d:|^[IWEF]\d{4} \d\d:|^[A-Z][a-z]{2} [ \d]\d \d\d:|^\{.*"(?:ts|time|timestamp|@timestamp)"/;

export type RecordKind = 'plain' | 'vault-api-error';

const JSON_OPENER = /^\s*[[{]\s*$/;

export function bodyOf(line: string): string {
  const prefix = LINE_PREFIX.exec(line);
  return prefix ? line.slice(prefix[0].length) : line;
}

export function isTimestamped(line: string): boolean {
  return TIMESTAMPED.test(line);
}

/** Kept for callers that test one line on its own (no record context). */
export function isContinuation(line: string): boolean {
  return CONTINUATION.test(bodyOf(line));
}

/**
 * Whether `line` continues a record of `kind` whose header is `header`, `offset` lines below it.
 * An exception line counts only right under a timestamped header (a Logback line and its error).
 */
export function continuesRecord(kind: RecordKind, header: string, offset: number, line: string): boolean {
  // A lone bracket opens a JSON document (collector error lists), not a log record: its indented
  // lines are separate entries, each its own evidence.
  if (JSON_OPENER.test(header)) return false;
  const body = bodyOf(line);
  if (CONTINUATION.test(body)) return true;
  if (kind === 'vault-api-error' && VAULT_BLOCK_LINE.test(body)) return true;
  return offset === 1 && EXCEPTION_LINE.test(body) && TIMESTAMPED.test(header);
}

/** Whether `line` could belong to a record that started above it; walking back stops at the first line that cannot. */
export function mayContinue(line: string): boolean {
  // JSON lines and kubectl prefixes: no continuation shape or transport prefix starts with these.
  const first = line.charCodeAt(0);
  if (first === 123 /* { */ || first === 91 /* [ */ || first === 34 /* " */) return false;
  const body = bodyOf(line);
  return CONTINUATION.test(body) || VAULT_BLOCK_LINE.test(body) || EXCEPTION_LINE.test(body);
}
