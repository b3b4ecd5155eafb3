import type { ReadProblem } from '../bundle/entry.js';
import type { ReadLimits } from '../bundle/limits.js';
import type { FileInfo } from '../model/file-kind.js';
import type { RuleSet } from '../rules/compile.js';
import type { InputSummary } from '../report/schema.js';
import { BundleFactsCollector, type BundleFactsSnapshot } from '../facts/bundle-facts.js';
import { FindingCollector, type AccumulatorSnapshot } from './collector.js';
import { timestampOf } from '../scan/timestamps.js';
import { UnrecognizedCollector, type UnrecognizedSnapshot } from '../unrecognized/collector.js';

/** A scanned log file's shape, for bundle-quality checks. */
export interface LogFileStats {
  file: FileInfo;
  lines: number;
  bytes: number;
  firstLine?: string;
}

/** A run state as plain data (JSON), stored between the uploads of an incident. */
export interface RunStateSnapshot {
  findings: AccumulatorSnapshot[];
  unrecognized: UnrecognizedSnapshot | null;
  facts: BundleFactsSnapshot;
  problems: ReadProblem[];
  overflow: Array<[ReadProblem['code'], number]>;
  inputs: InputSummary[];
  files: FileInfo[];
  logs: LogFileStats[];
  paths: string[];
  links: Array<[string, string]>;
  collectorErrorFiles: LogFileStats[];
  skippedFiles: number;
  linesScanned: number;
  bytesScanned: number;
  referenceYear: number;
  newestLogTime: string | null;
}

/** The run state's own bookkeeping, without the collectors and the reading-only year. */
type PlainSnapshot = Omit<RunStateSnapshot, 'findings' | 'unrecognized' | 'facts' | 'referenceYear'>;

/** Everything reading the inputs learns; the report is built from it afterwards. */
export class RunState {
  readonly findings: FindingCollector;
  /** Error-level lines no rule claimed; undefined when the pass is off. */
  readonly unrecognized: UnrecognizedCollector | undefined;
  readonly facts = new BundleFactsCollector();
  readonly problems: ReadProblem[] = [];
  readonly inputs: InputSummary[] = [];
  readonly files: FileInfo[] = [];
  readonly logs: LogFileStats[] = [];
  /** Real paths of every file, to check symlink targets and `-previous.log` presence. */
  readonly paths = new Set<string>();
  /** Symlink path → resolved target, per bundle root. */
  readonly links = new Map<string, string>();
  readonly collectorErrorFiles: LogFileStats[] = [];
  skippedFiles = 0;
  linesScanned = 0;
  bytesScanned = 0;
  /** Year for timestamps that carry none (klog, syslog). */
  referenceYear: number;
  /** Newest timestamp seen in any log, to place the collection time. */
  newestLogTime: string | null = null;

  constructor(
    readonly rules: RuleSet,
    readonly limits: ReadLimits,
    now: Date,
    options: { unrecognizedErrors?: boolean } = {},
  ) {
    this.findings = new FindingCollector(limits);
    this.referenceYear = now.getUTCFullYear();
    this.unrecognized = options.unrecognizedErrors === false ? undefined : new UnrecognizedCollector(limits, (text) => timestampOf(text, this.referenceYear));
  }

  /**
   * Folds another state in, as if its inputs had been read after this state's. Each input is read
   * into a state of its own and folded into the run's: the same code path whether the other state
   * was just read or stored by an earlier upload, so an incident's report does not depend on how
   * its inputs arrived.
   */
  absorb(other: RunState): void {
    this.findings.absorb(other.findings);
    if (this.unrecognized && other.unrecognized) this.unrecognized.absorb(other.unrecognized);
    this.facts.absorb(other.facts);
    this.addPlain(other.plainSnapshot());
  }

  snapshot(): RunStateSnapshot {
    return {
      findings: this.findings.snapshot(),
      unrecognized: this.unrecognized?.snapshot() ?? null,
      facts: this.facts.snapshot(),
      ...this.plainSnapshot(),
      referenceYear: this.referenceYear,
    };
  }

  /** Puts a snapshot back into this (fresh) state. */
  restore(s: RunStateSnapshot): void {
    this.findings.restore(s.findings, (id) => this.rules.ruleById(id));
    if (this.unrecognized && s.unrecognized) this.unrecognized.restore(s.unrecognized);
    this.facts.restore(s.facts);
    this.addPlain(s);
    this.referenceYear = s.referenceYear;
  }

  private plainSnapshot(): PlainSnapshot {
    return {
      problems: this.problems,
      overflow: [...this.overflow],
      inputs: this.inputs,
      files: this.files,
      logs: this.logs,
      paths: [...this.paths],
      links: [...this.links],
      collectorErrorFiles: this.collectorErrorFiles,
      skippedFiles: this.skippedFiles,
      linesScanned: this.linesScanned,
      bytesScanned: this.bytesScanned,
      newestLogTime: this.newestLogTime,
    };
  }

  /** Adds the bookkeeping of other inputs (into a fresh state, a plain restore). */
  private addPlain(s: PlainSnapshot): void {
    for (const p of s.problems) this.problem(p);
    for (const [code, n] of s.overflow) this.overflow.set(code, (this.overflow.get(code) ?? 0) + n);
    this.inputs.push(...s.inputs);
    this.files.push(...s.files);
    this.logs.push(...s.logs);
    for (const path of s.paths) this.paths.add(path);
    for (const [path, target] of s.links) this.links.set(path, target);
    this.collectorErrorFiles.push(...s.collectorErrorFiles);
    this.skippedFiles += s.skippedFiles;
    this.linesScanned += s.linesScanned;
    this.bytesScanned += s.bytesScanned;
    if (s.newestLogTime !== null && (this.newestLogTime === null || s.newestLogTime > this.newestLogTime)) this.newestLogTime = s.newestLogTime;
  }

  problem(problem: ReadProblem): void {
    // Keep the first problems of each kind; counts are what matters past that.
    if (this.problems.filter((p) => p.code === problem.code).length < 50) this.problems.push(problem);
    else this.overflow.set(problem.code, (this.overflow.get(problem.code) ?? 0) + 1);
  }

  readonly overflow = new Map<ReadProblem['code'], number>();
}
