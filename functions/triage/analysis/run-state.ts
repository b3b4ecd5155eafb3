import type { ReadProblem } from '../bundle/entry.js';
import type { ReadLimits } from '../bundle/limits.js';
import type { FileInfo } from '../model/file-kind.js';
import type { RuleSet } from '../rules/compile.js';
import type { InputSummary } from '../report/schema.js';
import { BundleFactsCollector } from '../facts/bundle-facts.js';
import { FindingCollector } from './collector.js';
import { timestampOf } from '../scan/timestamps.js';
import { UnrecognizedCollector } from '../unrecognized/collector.js';

/** A scanned log file's shape, for bundle-quality checks. */
export interface LogFileStats {
  file: FileInfo;
  lines: number;
  bytes: number;
  firstLine?: string;
}

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

  problem(problem: ReadProblem): void {
    // Keep the first problems of each kind; counts are what matters past that.
    if (this.problems.filter((p) => p.code === problem.code).length < 50) this.problems.push(problem);
    else this.overflow.set(problem.code, (this.overflow.get(problem.code) ?? 0) + 1);
  }

  readonly overflow = new Map<ReadProblem['code'], number>();
}
