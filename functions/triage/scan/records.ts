/**
 * Finds the multi-line record a line belongs to inside a block of whole lines. Records are
 * bounded in lines and bytes, so a giant stack trace (or hostile input made only of indented
 * lines) is cut into bounded pieces instead of growing without limit.
 */
import { continuesRecord, mayContinue, VAULT_HEADER, type RecordKind } from './continuation.js';

export const MAX_RECORD_LINES = 200;
export const MAX_RECORD_BYTES = 64 * 1024;
const NEWLINE = 10;
/** Continuation shapes sit at the start of a line (after a CRI/journald prefix): the head is enough. */
const PEEK_BYTES = 256;

export interface RecordSpan {
  /** Offset of the header line. */
  start: number;
  /** Offset just past the record's last line (and its newline). */
  end: number;
  lines: number;
}

function peek(buf: Buffer, start: number, end: number): string {
  return buf.toString('latin1', start, Math.min(end, start + PEEK_BYTES));
}

/** `mayContinue`'s first-character test on the bytes: settles most next lines without decoding them. */
function startsNoContinuation(buf: Buffer, start: number): boolean {
  const c = buf[start];
  return c === 0x7b || c === 0x5b || c === 0x22;
}

function lineEndOf(buf: Buffer, start: number): number {
  const nl = buf.indexOf(NEWLINE, start);
  return nl < 0 ? buf.length : nl;
}

/** Start of the line above the one starting at `lineStart` (> 0). */
function previousLineStart(buf: Buffer, lineStart: number): number {
  return lineStart < 2 ? 0 : buf.lastIndexOf(NEWLINE, lineStart - 2) + 1;
}

/** Walks back from a line over lines that may continue a record, within the bounds and not below `floor`. */
function walkBack(buf: Buffer, lineStart: number, lowest: number): number {
  const floor = Math.max(lowest, lineStart - MAX_RECORD_BYTES);
  let start = lineStart;
  for (let back = 0; start > floor && back < MAX_RECORD_LINES - 1; back++) {
    const above = previousLineStart(buf, start);
    if (!mayContinue(peek(buf, above, start - 1))) return above;
    start = above;
  }
  return start;
}

/** The record that starts at `headerStart`: the header plus the continuation lines under it. */
export function recordFrom(buf: Buffer, headerStart: number): RecordSpan {
  const headerEnd = lineEndOf(buf, headerStart);
  let end = Math.min(buf.length, headerEnd + 1);
  // Nearly every record is one line: one look at the next line settles it.
  if (end >= buf.length || startsNoContinuation(buf, end) || !mayContinue(peek(buf, end, lineEndOf(buf, end)))) return { start: headerStart, end, lines: 1 };
  // Vault's marker can sit late in a long header line: search the bytes rather than decode them.
  const marker = buf.indexOf(VAULT_HEADER, headerStart, 'latin1');
  const kind: RecordKind = marker >= 0 && marker < headerEnd ? 'vault-api-error' : 'plain';
  const header = peek(buf, headerStart, headerEnd);
  let lines = 1;
  while (end < buf.length && lines < MAX_RECORD_LINES) {
    const lineEnd = lineEndOf(buf, end);
    if (lineEnd + 1 - headerStart > MAX_RECORD_BYTES) break;
    if (!continuesRecord(kind, header, lines, peek(buf, end, lineEnd))) break;
    end = Math.min(buf.length, lineEnd + 1);
    lines++;
  }
  return { start: headerStart, end, lines };
}

/**
 * The record holding the line at `lineStart`, starting no earlier than `floor` (the end of the
 * record before it). A line that cannot continue anything is its own header: the common,
 * single-line case costs one test on the line and one on the next.
 */
export function recordAround(buf: Buffer, lineStart: number, lineText: string, floor = 0): RecordSpan {
  if (mayContinue(lineText)) {
    const headerStart = walkBack(buf, lineStart, floor);
    if (headerStart < lineStart) {
      const span = recordFrom(buf, headerStart);
      if (span.end > lineStart) return span;
    }
  }
  return recordFrom(buf, lineStart);
}

/**
 * Where the block's last record starts: that record may go on in the next chunk, so the scanner
 * holds it back. Bounded like a record, so what is held back stays small.
 */
export function lastRecordStart(buf: Buffer): number {
  if (buf.length === 0) return 0;
  let start = previousLineStart(buf, buf.length);
  const floor = Math.max(0, buf.length - MAX_RECORD_BYTES);
  for (let back = 0; start > floor && back < MAX_RECORD_LINES - 1; back++) {
    if (!mayContinue(peek(buf, start, lineEndOf(buf, start)))) return start;
    start = previousLineStart(buf, start);
  }
  return start;
}

/** Where the lines at the start of a block that may continue the previous block's last record end (bounded). */
export function continuationEnd(buf: Buffer): number {
  let end = 0;
  for (let lines = 0; end < buf.length && lines < MAX_RECORD_LINES && end < MAX_RECORD_BYTES; lines++) {
    const lineEnd = lineEndOf(buf, end);
    if (!mayContinue(peek(buf, end, lineEnd))) return end;
    end = Math.min(buf.length, lineEnd + 1);
  }
  return end;
}

/** The record's text: its lines joined by newlines, without the trailing blank lines. */
export function recordText(buf: Buffer, span: RecordSpan): string {
  let end = span.end;
  while (end > span.start && (buf[end - 1] === NEWLINE || buf[end - 1] === 13)) end--;
  return buf.toString('latin1', span.start, end);
}
