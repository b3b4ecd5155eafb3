import { isContinuation } from './continuation.js';
import type { LiteralAutomaton } from './literal-automaton.js';

/** A line a prefilter selected. Text is latin1-decoded (one char per byte); decode UTF-8 later. */
export interface CandidateLine {
  lineNo: number;
  text: string;
  /** Literal ids the automaton found on the line; absent when a regex prefilter picked it. */
  literalIds?: number[];
  /**
   * First line of the record this line continues (stack trace, hclog `  | ` value), found on
   * demand: only lines a rule claims need it. Valid during the callback only.
   */
  header?: () => { lineNo: number; text: string } | undefined;
}

export interface LineScanStats {
  lines: number;
  bytes: number;
  /** Lines longer than the limit; only their first `maxLineBytes` were examined. */
  longLines: number;
  /** 1-based number of the first long line, for evidence. */
  firstLongLine?: number;
  /** The file's first line (latin1), for findings about a file as a whole. */
  firstLine?: string;
  /** The file's last complete line (latin1), to date the file's end. */
  lastLine?: string;
}

/** How candidate lines are picked: required literals, and a regex for patterns without one. */
export interface Prefilter {
  literals?: LiteralAutomaton | undefined;
  regex?: RegExp | undefined;
}

const NEWLINE = 10;
const HEADER_LOOKBACK_LINES = 200;
const HEADER_LOOKBACK_BYTES = 64 * 1024;

/**
 * Splits a byte stream into lines and hands the lines a prefilter selects to `onCandidate`.
 * Work happens on blocks of whole lines: the literal automaton walks the raw bytes, and only
 * the few candidate lines are decoded. Memory is bounded by the chunk size plus `maxLineBytes`.
 */
export class LineScanner {
  private carry: Buffer | undefined;
  private skippingLongLine = false;
  private readonly stats: LineScanStats = { lines: 0, bytes: 0, longLines: 0 };
  private readonly prefilter: Prefilter;

  constructor(
    prefilter: Prefilter | RegExp | undefined,
    private readonly maxLineBytes: number,
    private readonly onCandidate: (line: CandidateLine) => void,
  ) {
    this.prefilter = prefilter instanceof RegExp ? { regex: prefilter } : (prefilter ?? {});
  }

  push(chunk: Buffer): void {
    this.stats.bytes += chunk.length;
    if (this.skippingLongLine) {
      const nl = chunk.indexOf(NEWLINE);
      if (nl < 0) return;
      this.skippingLongLine = false;
      this.stats.lines++;
      chunk = chunk.subarray(nl + 1);
      if (chunk.length === 0) return;
    }
    if (this.carry) {
      // Complete the carried partial line on its own, so the chunk itself is never copied.
      const nl = chunk.indexOf(NEWLINE);
      if (nl < 0) {
        const joined = Buffer.concat([this.carry, chunk]);
        this.carry = undefined;
        if (joined.length > this.maxLineBytes) this.longLine(joined.subarray(0, this.maxLineBytes));
        else this.carry = joined;
        return;
      }
      const line = Buffer.concat([this.carry, chunk.subarray(0, nl + 1)]);
      this.carry = undefined;
      if (line.length - 1 > this.maxLineBytes) {
        this.longLine(line.subarray(0, this.maxLineBytes));
        this.skippingLongLine = false;
        this.stats.lines++;
      } else this.block(line);
      chunk = chunk.subarray(nl + 1);
      if (chunk.length === 0) return;
    }
    const lastNl = chunk.lastIndexOf(NEWLINE);
    if (lastNl < 0) {
      if (chunk.length > this.maxLineBytes) this.longLine(chunk.subarray(0, this.maxLineBytes));
      else this.carry = Buffer.from(chunk);
      return;
    }
    this.block(chunk.subarray(0, lastNl + 1));
    const rest = chunk.subarray(lastNl + 1);
    if (rest.length > this.maxLineBytes) this.longLine(rest.subarray(0, this.maxLineBytes));
    else if (rest.length) this.carry = Buffer.from(rest);
  }

  finish(): LineScanStats {
    if (this.carry?.length) {
      // A last line without a newline still counts.
      this.block(Buffer.concat([this.carry, Buffer.from('\n')]));
      this.carry = undefined;
    } else if (this.skippingLongLine) {
      this.stats.lines++;
      this.skippingLongLine = false;
    }
    return this.stats;
  }

  private longLine(head: Buffer): void {
    const lineNo = this.stats.lines + 1;
    this.stats.longLines++;
    this.stats.firstLongLine ??= lineNo;
    const text = head.toString('latin1');
    this.stats.firstLine ??= text.slice(0, 2000);
    let hit = false;
    this.prefilter.literals?.scanLines(Buffer.concat([head, Buffer.from('\n')]), () => (hit = true));
    // Every rule is tested on a cut line: its literals may lie past the cut.
    if (!hit && this.prefilter.regex) {
      this.prefilter.regex.lastIndex = 0;
      hit = this.prefilter.regex.test(text);
    }
    if (hit) this.onCandidate({ lineNo, text });
    this.skippingLongLine = true;
  }

  private block(buf: Buffer): void {
    const base = this.stats.lines;
    if (this.stats.firstLine === undefined) this.stats.firstLine = buf.toString('latin1', 0, Math.min(buf.indexOf(NEWLINE), 2000));
    // Candidate lines as [start, end, 0-based line index within the block], in block order.
    const hits: number[] = [];
    const idsByStart = new Map<number, number[]>();
    let newlines: number;
    if (this.prefilter.literals) {
      newlines = this.prefilter.literals.scanLines(buf, (start, end, index, ids) => {
        hits.push(start, end, index);
        idsByStart.set(start, ids);
      });
    } else {
      newlines = countNewlines(buf, 0, buf.length);
    }
    if (this.prefilter.regex) this.regexHits(buf, hits);
    for (let h = 0; h < hits.length; h += 3) {
      const start = hits[h]!;
      const end = hits[h + 1]!;
      const text = buf.toString('latin1', start, end);
      const candidate: CandidateLine = { lineNo: base + hits[h + 2]! + 1, text };
      const ids = idsByStart.get(start);
      if (ids) candidate.literalIds = ids;
      const lineNo = candidate.lineNo;
      candidate.header = () => {
        // A continuation, or an untimed line right under a timed one (Java exception message).
        const found = isContinuation(text) ? findHeader(buf, start, HEADER_LOOKBACK_LINES, false) : TIMESTAMPED.test(text) ? undefined : findHeader(buf, start, 3, true);
        return found ? { lineNo: lineNo - found.linesBack, text: found.text } : undefined;
      };
      this.onCandidate(candidate);
    }
    this.stats.lines = base + newlines;
    const lastStart = buf.lastIndexOf(NEWLINE, buf.length - 2) + 1;
    this.stats.lastLine = buf.toString('latin1', lastStart, Math.min(buf.length - 1, lastStart + 2000));
  }

  /** Adds the lines the regex prefilter hits that the literals did not already select. */
  private regexHits(buf: Buffer, hits: number[]): void {
    const re = this.prefilter.regex!;
    const s = buf.toString('latin1');
    const seen = new Set<number>();
    for (let h = 0; h < hits.length; h += 3) seen.add(hits[h]!);
    const found: number[] = [];
    let line = 0;
    let countedTo = 0;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(s)) !== null) {
      const start = m.index === 0 ? 0 : s.lastIndexOf('\n', m.index - 1) + 1;
      const end = s.indexOf('\n', m.index);
      line += countNewlines(buf, countedTo, start);
      countedTo = start;
      if (!seen.has(start)) found.push(start, end, line);
      re.lastIndex = end + 1;
      if (re.lastIndex >= s.length) break;
    }
    if (!found.length) return;
    const merged: number[][] = [];
    for (let h = 0; h < hits.length; h += 3) merged.push([hits[h]!, hits[h + 1]!, hits[h + 2]!]);
    for (let h = 0; h < found.length; h += 3) merged.push([found[h]!, found[h + 1]!, found[h + 2]!]);
    merged.sort((a, b) => a[0]! - b[0]!);
    hits.length = 0;
    for (const triple of merged) hits.push(...triple);
  }
}

function countNewlines(buf: Buffer, from: number, to: number): number {
  let n = 0;
  let i = buf.indexOf(NEWLINE, from);
  while (i !== -1 && i < to) {
    n++;
    i = buf.indexOf(NEWLINE, i + 1);
  }
  return n;
}

/** A line that opens a log record with its time (ISO, klog, syslog, JSON with a time field). */
const TIMESTAMPED = /^(?:\S*\s)?\d{4}-\d\d-\d\d[T ]\d\d:|^[IWEF]\d{4} \d\d:|^[A-Z][a-z]{2} [ \d]\d \d\d:|^\{.*"(?:ts|time|timestamp|@timestamp)"/;

/**
 * Walks back from a continuation line to the line that starts its record, within this block:
 * the nearest timestamped line (a Java exception line sits between a Logback header and its
 * `Caused by:`), else the nearest line that is not itself a continuation.
 */
function findHeader(buf: Buffer, lineStart: number, maxLines: number, timedOnly: boolean): { text: string; linesBack: number } | undefined {
  const floor = Math.max(0, lineStart - HEADER_LOOKBACK_BYTES);
  let fallback: { text: string; linesBack: number } | undefined;
  let end = lineStart - 1;
  for (let back = 1; back <= maxLines && end > floor; back++) {
    const start = buf.lastIndexOf(NEWLINE, end - 1) + 1;
    const text = buf.toString('latin1', start, end);
    if (!isContinuation(text) && text.trim() !== '') {
      if (TIMESTAMPED.test(text)) return { text, linesBack: back };
      if (!timedOnly) fallback ??= { text, linesBack: back };
    }
    end = start - 1;
  }
  return fallback;
}
