import { isAscii } from 'node:buffer';
import type { LiteralAutomaton } from './literal-automaton.js';
import { continuationEnd, lastRecordStart, recordAround, recordText } from './records.js';

/**
 * A record a prefilter selected: one line, or a header line plus its continuation lines (stack
 * trace, `Caused by:` chain, hclog `  | ` value, Vault API error block), matched as one text.
 * Text is latin1-decoded (one char per byte); decode UTF-8 later.
 */
export interface CandidateLine {
  /** 1-based number of the record's first line. */
  lineNo: number;
  /** The record's lines joined by `\n`. */
  text: string;
  /** How many lines the record spans (1 for a single line). */
  lines: number;
  /** Literal ids the automaton found on the record's lines; absent when a regex prefilter picked one. */
  literalIds?: number[];
  /** True when the record is known to be pure ASCII (then latin1 and UTF-8 read the same). */
  ascii?: boolean;
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
  /**
   * Lines whose literals no test of the file needs (another service's rule literals, level
   * markers on lines that are not errors): a one-line record for which `test(ids)` holds is
   * handed on only when `keep(text, ids, ascii)` says so, and is otherwise never built. Not used
   * with a regex prefilter, whose hits carry no ids.
   */
  unneeded?: { test: (ids: readonly number[]) => boolean; keep: (text: string, ids: readonly number[], ascii: boolean) => boolean } | undefined;
}

const NEWLINE = 10;

/**
 * Splits a byte stream into lines and hands the lines a prefilter selects to `onCandidate`.
 * Work happens on blocks of whole lines: the literal automaton walks the raw bytes, and only
 * the few candidate lines are decoded. Memory is bounded by the chunk size plus `maxLineBytes`.
 */
export class LineScanner {
  private carry: Buffer | undefined;
  /** The last record of the previous block: it may go on in the next chunk (bounded, see records.ts). */
  private held: Buffer | undefined;
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
    this.releaseHeld();
    return this.stats;
  }

  /** Blocks are processed up to their last record, which waits for the next chunk's first line. */
  private block(buf: Buffer): void {
    if (this.held) {
      const held = this.held;
      this.held = undefined;
      // Only the leading lines that may continue the held record join it: the chunk itself is not copied.
      const joined = continuationEnd(buf);
      if (joined === buf.length) buf = Buffer.concat([held, buf]);
      else {
        this.records(joined > 0 ? Buffer.concat([held, buf.subarray(0, joined)]) : held);
        buf = buf.subarray(joined);
      }
    }
    const tail = lastRecordStart(buf);
    if (tail > 0) this.records(buf.subarray(0, tail));
    this.held = Buffer.from(buf.subarray(tail));
  }

  private releaseHeld(): void {
    if (!this.held) return;
    const held = this.held;
    this.held = undefined;
    this.records(held);
  }

  private longLine(head: Buffer): void {
    // A cut line never continues a record: what came before it is complete.
    this.releaseHeld();
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
    if (hit) this.onCandidate({ lineNo, text, lines: 1 });
    this.skippingLongLine = true;
  }

  /** Scans a block of whole lines whose records all end inside it. */
  private records(buf: Buffer): void {
    const base = this.stats.lines;
    if (this.stats.firstLine === undefined) this.stats.firstLine = buf.toString('latin1', 0, Math.min(buf.indexOf(NEWLINE), 2000));
    // Candidate lines as [start, end, 0-based line index within the block], in block order.
    const hits: number[] = [];
    // The literal ids of each hit (hits[3 * k] has lineIds[k]); undefined for a regex prefilter's hit.
    const lineIds: (number[] | undefined)[] = [];
    let newlines: number;
    if (this.prefilter.literals) {
      newlines = this.prefilter.literals.scanLines(buf, (start, end, index, ids) => {
        hits.push(start, end, index);
        lineIds.push(ids);
      });
    } else {
      newlines = countNewlines(buf, 0, buf.length);
    }
    if (this.prefilter.regex) this.regexHits(buf, hits, lineIds);
    // Most blocks are pure ASCII: then no candidate needs a UTF-8 decode, and none is checked for one.
    const ascii = hits.length > 0 && isAscii(buf);
    this.emitRecords(buf, base, hits, lineIds, ascii);
    this.stats.lines = base + newlines;
    const lastStart = buf.lastIndexOf(NEWLINE, buf.length - 2) + 1;
    this.stats.lastLine = buf.toString('latin1', lastStart, Math.min(buf.length - 1, lastStart + 2000));
  }

  /** Hands each record holding candidate lines to `onCandidate` once, with the literal ids of all its candidates. */
  private emitRecords(buf: Buffer, base: number, hits: number[], lineIds: (number[] | undefined)[], ascii: boolean): void {
    let recordEnd = 0;
    let pending: CandidateLine | undefined;
    // The pending record's literal ids: its first line's list, a set once another line joins.
    let ids: number[] | Set<number> | undefined;
    const emit = () => {
      if (!pending) return;
      if (ids) pending.literalIds = Array.isArray(ids) ? ids : [...ids];
      this.onCandidate(pending);
      pending = undefined;
    };
    const unneeded = this.prefilter.regex ? undefined : this.prefilter.unneeded;
    for (let h = 0; h < hits.length; h += 3) {
      const start = hits[h]!;
      const idsHere = lineIds[h / 3];
      if (pending && start < recordEnd) {
        // Another candidate inside the same record: one record, the union of their literals.
        if (!idsHere) ids = undefined;
        else if (ids) {
          if (Array.isArray(ids)) ids = new Set(ids);
          for (const id of idsHere) ids.add(id);
        }
        continue;
      }
      emit();
      const text = buf.toString('latin1', start, hits[h + 1]);
      const span = recordAround(buf, start, text, recordEnd);
      recordEnd = span.end;
      // A one-line record whose literals no test of this file needs is dropped here, unless kept.
      if (unneeded && idsHere && span.lines === 1 && unneeded.test(idsHere) && !unneeded.keep(text, idsHere, ascii)) continue;
      const lineNo = base + hits[h + 2]! + 1 - (span.start < start ? countNewlines(buf, span.start, start) : 0);
      pending = { lineNo, text: span.lines > 1 ? recordText(buf, span) : text, lines: span.lines, ...(ascii ? { ascii } : {}) };
      ids = idsHere;
    }
    emit();
  }

  /** Adds the lines the regex prefilter hits that the literals did not already select. */
  private regexHits(buf: Buffer, hits: number[], lineIds: (number[] | undefined)[]): void {
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
    const merged: [number, number, number, number[] | undefined][] = [];
    for (let h = 0; h < hits.length; h += 3) merged.push([hits[h]!, hits[h + 1]!, hits[h + 2]!, lineIds[h / 3]]);
    for (let h = 0; h < found.length; h += 3) merged.push([found[h]!, found[h + 1]!, found[h + 2]!, undefined]);
    merged.sort((a, b) => a[0] - b[0]);
    hits.length = 0;
    lineIds.length = 0;
    for (const [start, end, index, ids] of merged) {
      hits.push(start, end, index);
      lineIds.push(ids);
    }
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
