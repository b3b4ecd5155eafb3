import type { SourceEntry } from '../bundle/entry.js';
import { InputError } from '../bundle/entry.js';
import { classifyPath, sniff } from '../bundle/classify.js';
import { resolveLinkTarget, safeRelativePath, TopFolder } from '../bundle/paths.js';
import { SCANNED_KINDS, type FileInfo } from '../model/file-kind.js';
import { absentRulesSatisfied, classifyLine, hasLevelMarker, isBenignLine, noRuleNeeds, rulesForLiterals, type CompiledRule } from '../rules/compile.js';
import { isErrorLevel, mayBeErrorLevel } from '../scan/log-level.js';
import { LineScanner } from '../scan/line-scanner.js';
import { timestampOf } from '../scan/timestamps.js';
import { openStream } from '../sources/archive.js';
import type { TriageInput } from '../sources/input.js';
import type { InputSummary } from '../report/schema.js';
import type { RunState } from './run-state.js';

const NON_ASCII = /[\x80-\xff]/;

export interface ReadHooks {
  onProgress?: (p: { input: string; bytesRead: number; totalBytes?: number }) => void;
}

/** Reads one input into the run state. Never throws for bad input: it records a summary instead. */
export async function readInput(input: TriageInput, state: RunState, hooks: ReadHooks = {}): Promise<void> {
  const summary: InputSummary = { name: input.name, kind: 'unusable', status: 'ok', bytesRead: 0, files: 0 };
  state.inputs.push(summary);
  let entries: AsyncIterable<SourceEntry>;
  let extra = false;
  try {
    if (input.kind === 'entries') {
      summary.kind = 'bundle-directory';
      entries = input.entries();
    } else {
      const source = await input.open();
      const opened = await openStream(input.name, source, state.limits, {
        onCompressedBytes: (n) => {
          summary.bytesRead += n;
          hooks.onProgress?.({ input: input.name, bytesRead: summary.bytesRead, ...(input.sizeBytes ? { totalBytes: input.sizeBytes } : {}) });
        },
      });
      summary.kind = opened.kind;
      extra = opened.kind === 'log-file';
      entries = opened.entries;
    }
  } catch (error) {
    summary.kind = 'unusable';
    summary.status = 'unusable';
    summary.error = describe(error);
    state.problem({ code: 'unreadable', path: input.name, detail: summary.error });
    return;
  }

  const top = new TopFolder();
  let count = 0;
  try {
    for await (const entry of entries) {
      count++;
      if (count > state.limits.maxEntries) {
        state.problem({
          code: 'entry-limit',
          path: input.name,
          detail: `stopped after ${state.limits.maxEntries} entries (limit maxEntries); the rest of the input was not read`,
        });
        summary.status = 'partial';
        break;
      }
      const safe = safeRelativePath(entry.name);
      if (!safe) {
        state.problem({ code: 'unsafe-name', path: entry.name.slice(0, 300), detail: 'entry name is absolute or climbs out of the bundle; ignored' });
        continue;
      }
      const path = extra ? safe : top.strip(safe);
      if (count === 1 && top.name) {
        // klog and syslog lines carry no year: take it from the bundle's folder stamp.
        const year = /(\d{4})-\d\d-\d\dT\d\d_/.exec(top.name)?.[1];
        if (year) state.referenceYear = Number(year);
      }
      if (entry.type === 'symlink') {
        noteLink(state, path, entry.linkTarget ?? '');
        continue;
      }
      if (entry.type !== 'file' || !entry.body) continue;
      const file = classifyPath(path, input.name, extra);
      summary.files++;
      await readFile(file, entry.body, state);
    }
  } catch (error) {
    summary.status = 'partial';
    summary.error = describe(error);
    state.problem({
      code: error instanceof InputError && /bomb|maxUncompressedBytes/.test(error.message) ? 'decompression-bomb' : 'truncated',
      path: input.name,
      detail: `${summary.error}; the report covers the ${summary.files} files read before this point`,
    });
  }
  if (top.name && summary.kind !== 'log-file') state.facts.noteBundleFolder(top.name);
  if (input.kind === 'entries' && top.name) state.facts.noteBundleFolder(top.name);
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.slice(0, 500);
}

function noteLink(state: RunState, path: string, target: string): void {
  const resolved = resolveLinkTarget(path, target);
  if (!resolved) {
    state.problem({ code: 'symlink-escape', path, detail: `symlink points outside the bundle (${target.slice(0, 200)}); not followed` });
    return;
  }
  state.links.set(path, resolved);
}

async function readFile(initial: FileInfo, body: AsyncIterable<Buffer>, state: RunState): Promise<void> {
  let file = initial;
  state.paths.add(file.path);
  if (file.kind === 'binary') {
    state.skippedFiles++;
    await drain(body);
    return;
  }
  let wantsDocument = state.facts.wants(file);
  const scanned = SCANNED_KINDS.has(file.kind);
  if (!scanned && !wantsDocument) {
    await drain(body);
    state.files.push(file);
    return;
  }
  let scan: FileScan | undefined;
  const document = new DocumentBuffer(state.limits.maxJsonBytes);
  let first = true;
  for await (const chunk of body) {
    if (first) {
      first = false;
      const head = chunk.subarray(0, 8192);
      if (scanned && head.includes(0)) {
        skipBinaryLog(file, state);
        await drain(body);
        return;
      }
      if (file.kind === 'text') {
        const refined = sniff(head.toString('latin1'), file);
        file = { ...file, kind: refined.kind, ...(refined.service ? { service: refined.service } : {}) };
        // Content decides for extra files: a job details JSON feeds the ticket's job list.
        wantsDocument = state.facts.wants(file);
      }
      if (SCANNED_KINDS.has(file.kind)) scan = startScan(file, state);
    }
    scan?.scanner.push(chunk);
    if (wantsDocument) document.push(chunk, file, state);
  }
  state.files.push(file);
  state.facts.noteFile(file);
  if (scan) finishScan(scan, file, state);
  if (wantsDocument) document.handTo(file, state);
}

async function drain(body: AsyncIterable<Buffer>): Promise<void> {
  for await (const _ of body) void _;
}

/** Binary data under a log path: skipped rather than matched as noise. */
function skipBinaryLog(file: FileInfo, state: RunState): void {
  if (file.kind === 'pod-log' || file.kind === 'text') {
    state.problem({ code: 'binary-log', path: file.path, detail: 'binary content where a text log was expected; skipped' });
  }
  state.skippedFiles++;
}

interface FileScan {
  scanner: LineScanner;
  absent: CompiledRule[];
  satisfied: Set<CompiledRule>;
}

/** A scanner for one file: candidate lines are matched, claimed or offered to the unrecognised pass. */
function startScan(file: FileInfo, state: RunState): FileScan {
  const matcher = state.rules.forFile(file);
  const absent = matcher.absentRules;
  const satisfied = new Set<CompiledRule>();
  const unrecognized = state.unrecognized;
  const benign = (text: string): boolean => isBenignLine(matcher, text);
  // Unneeded lines matter only to the unrecognised-error pass, and to it only when error-level.
  const unneeded = {
    test: (ids: readonly number[]) => noRuleNeeds(matcher, ids),
    keep: (text: string, ids: readonly number[], ascii: boolean) =>
      unrecognized !== undefined && hasLevelMarker(matcher, ids) && isErrorLevel(ascii || !NON_ASCII.test(text) ? text : Buffer.from(text, 'latin1').toString('utf8')),
  };
  const scanner = new LineScanner({ literals: matcher.literals, regex: matcher.prefilter, unneeded }, state.limits.maxLineBytes, (candidate) => {
    // Pure-ASCII lines (nearly all) read the same in latin1 and UTF-8.
    const text = !candidate.ascii && NON_ASCII.test(candidate.text) ? Buffer.from(candidate.text, 'latin1').toString('utf8') : candidate.text;
    if (absent.length) for (const rule of absentRulesSatisfied(absent, text)) satisfied.add(rule);
    const match = classifyLine(rulesForLiterals(matcher, candidate.literalIds), text);
    if (match === undefined) {
      // Second pass: an unclaimed line the automaton saw an error-level marker on.
      // The quick word check first: most unclaimed lines with a marker are not errors.
      if (unrecognized && hasLevelMarker(matcher, candidate.literalIds) && mayBeErrorLevel(text)) unrecognized.offer(file, candidate.lineNo, text, benign);
      return;
    }
    if (match === 'benign' || match.rule.rule.ignore) return;
    // A multi-line record is shown by its first line, with the whole record as context.
    const firstLine = candidate.lines > 1 ? text.slice(0, text.indexOf('\n')) : text;
    const time = timestampOf(firstLine, state.referenceYear);
    const context = candidate.lines > 1 ? { context: text } : {};
    state.findings.add({ rule: match.rule.rule, file, lineNo: candidate.lineNo, text: firstLine, captures: match.captures, ...(time ? { time } : {}), ...context });
  });
  return { scanner, absent, satisfied };
}

/** Line counts, the newest time, long lines and the absent-rules of a scanned file. */
function finishScan(scan: FileScan, file: FileInfo, state: RunState): void {
  const stats = scan.scanner.finish();
  state.linesScanned += stats.lines;
  state.bytesScanned += stats.bytes;
  const logStats = { file, lines: stats.lines, bytes: stats.bytes, ...(stats.firstLine !== undefined ? { firstLine: Buffer.from(stats.firstLine, 'latin1').toString('utf8') } : {}) };
  if (stats.lastLine) {
    const newest = timestampOf(Buffer.from(stats.lastLine, 'latin1').toString('utf8'), state.referenceYear);
    if (newest && !newest.assumed && (state.newestLogTime === null || newest.iso > state.newestLogTime)) state.newestLogTime = newest.iso;
  }
  if (file.kind === 'collector-errors') state.collectorErrorFiles.push(logStats);
  else state.logs.push(logStats);
  if (stats.longLines) {
    state.problem({
      code: 'long-line',
      path: file.path,
      detail: `${stats.longLines} line(s) longer than ${state.limits.maxLineBytes} bytes (limit maxLineBytes), first at line ${stats.firstLongLine}; only their start was examined`,
    });
  }
  for (const rule of scan.absent) {
    if (scan.satisfied.has(rule) || stats.lines === 0) continue;
    state.findings.add({ rule: rule.rule, file, lineNo: 1, text: logStats.firstLine ?? '', captures: {} });
  }
}

/** Kubernetes JSON and other fact documents, buffered up to a limit and then parsed whole. */
class DocumentBuffer {
  private readonly chunks: Buffer[] = [];
  private bytes = 0;
  private tooLarge = false;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Buffer, file: FileInfo, state: RunState): void {
    if (this.tooLarge) return;
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      this.tooLarge = true;
      this.chunks.length = 0;
      state.problem({ code: 'json-too-large', path: file.path, detail: `larger than ${this.maxBytes} bytes (limit maxJsonBytes); facts from it skipped` });
    } else this.chunks.push(chunk);
  }

  handTo(file: FileInfo, state: RunState): void {
    if (this.tooLarge || !this.chunks.length) return;
    try {
      state.facts.addDocument(file, Buffer.concat(this.chunks).toString('utf8'));
    } catch (error) {
      state.problem({ code: 'json-invalid', path: file.path, detail: describe(error) });
    }
  }
}
