import type { ReadLimits } from '../bundle/limits.js';
import type { FileInfo, FileKind } from '../model/file-kind.js';
import type { Evidence, Location } from '../report/schema.js';
import { evidenceOf } from '../analysis/collector.js';
import { FOREIGN_SERVICES } from '../model/services.js';
import { levelOfRecord, recordBody } from '../scan/log-level.js';
import type { LineTime } from '../scan/timestamps.js';
import { DEFAULT_DRAIN, Drain, type Template } from './drain.js';
import { tokensOfRecord } from './mask.js';
import { UNRECOGNIZED_LIMITS, type UnrecognizedLimits } from './limits.js';

/** Files whose lines are log records; command output, transcripts and JSON documents are not. */
export const UNRECOGNIZED_KINDS: ReadonlySet<FileKind> = new Set<FileKind>(['pod-log', 'journald', 'cloud-init', 'text']);

/** Distinct files remembered per service, for the spread of its errors. */
const MAX_FILES_PER_SERVICE = 64;
/** Bounds of the queue of offered lines (memory stays small whatever the line lengths). */
const MAX_PENDING_LINES = 512;
const MAX_PENDING_CHARS = 1024 * 1024;
const NO_TOKENS: readonly string[] = [];

interface PendingLine {
  file: FileInfo;
  lineNo: number;
  text: string;
  isBenign: (text: string) => boolean;
}

export interface TemplateStats {
  template: Template;
  firstSeen: string | null;
  lastSeen: string | null;
  example: Evidence;
}

export interface ServiceErrors {
  service: string;
  drain: Drain;
  /** Stats by template id. */
  stats: TemplateStats[];
  lines: number;
  files: Set<string>;
  filesTruncated: boolean;
  locations: Location[];
  locationsTruncated: boolean;
  timesAssumedUtc: boolean;
}

/** The collector's state, as stored between uploads. */
export interface UnrecognizedSnapshot {
  untrackedLines: number;
  services: Array<{
    service: string;
    templates: Template[];
    dropped: number;
    stats: Array<Omit<TemplateStats, 'template'> | null>;
    lines: number;
    files: string[];
    filesTruncated: boolean;
    locations: Location[];
    locationsTruncated: boolean;
    timesAssumedUtc: boolean;
  }>;
}

/**
 * The second pass over lines no rule claimed: keeps the error-level ones, mined into templates
 * per service. Nothing is allocated until the first such line arrives.
 */
export class UnrecognizedCollector {
  private readonly services = new Map<string, ServiceErrors>();
  private templates = 0;
  /** Error lines of services beyond `maxServices`. */
  private untracked = 0;
  private pending: PendingLine[] = [];
  private pendingChars = 0;

  constructor(
    private readonly limits: ReadLimits,
    private readonly timeOf: (text: string) => LineTime | undefined,
    private readonly caps: UnrecognizedLimits = UNRECOGNIZED_LIMITS,
  ) {}

  /**
   * Offers a line no rule claimed; only error-level records of log files that are not known benign
   * are kept. Lines wait in a short queue and are mined together (`flush`): one at a time between
   * kilobytes of scanning, each line paid for cold caches (the level, mask and benign regexes,
   * the miner) several times over its own work. Order is kept, so the result is the same.
   */
  offer(file: FileInfo, lineNo: number, text: string, isBenign: (text: string) => boolean = () => false): void {
    // A file nobody is known to have written gets no templates: its issue type would be a guess,
    // and other products' error lines (look-alikes) would pass for ours.
    if (!UNRECOGNIZED_KINDS.has(file.kind) || file.service === 'unknown' || FOREIGN_SERVICES.has(file.service)) return;
    this.pending.push({ file, lineNo, text, isBenign });
    this.pendingChars += text.length;
    if (this.pending.length >= MAX_PENDING_LINES || this.pendingChars >= MAX_PENDING_CHARS) this.flush();
  }

  /**
   * Mines the queued lines. The work that depends on the line alone (level, benign check,
   * tokens, time stamp) runs stage by stage over the whole queue, each stage's regexes staying
   * hot; the state then changes line by line in the order they were offered.
   */
  flush(): void {
    const lines = this.pending;
    if (!lines.length) return;
    this.pending = [];
    this.pendingChars = 0;
    const records = lines.map((line) => recordBody(line.text));
    const errorLevel = records.map((record) => {
      const level = levelOfRecord(record);
      return level === 'error' || level === 'fatal';
    });
    const kept = lines.map((line, i) => errorLevel[i]! && !line.isBenign(line.text));
    const tokens = records.map((record, i) => (kept[i] ? tokensOfRecord(record) : NO_TOKENS));
    // Pure, so reading the time of a line the miner then drops changes nothing.
    const times = lines.map((line, i) => (tokens[i]!.length ? this.timeOf(line.text) : undefined));
    lines.forEach((line, i) => {
      if (kept[i]) this.mine(line.file, line.lineNo, line.text, tokens[i]!, times[i]);
    });
  }

  private mine(file: FileInfo, lineNo: number, text: string, tokens: readonly string[], time: LineTime | undefined): void {
    const errors = this.serviceOf(file.service);
    if (!errors) {
      this.untracked++;
      return;
    }
    errors.lines++;
    if (errors.files.size < MAX_FILES_PER_SERVICE) errors.files.add(file.path);
    else if (!errors.files.has(file.path)) errors.filesTruncated = true;
    if (errors.locations.length < this.limits.maxLocationsPerFinding) errors.locations.push({ path: file.path, line: lineNo });
    else errors.locationsTruncated = true;
    if (!tokens.length) return;
    const template = errors.drain.add(tokens);
    if (!template) return;
    if (time?.assumed) errors.timesAssumedUtc = true;
    const iso = time?.iso ?? null;
    let stats = errors.stats[template.id];
    if (!stats) {
      this.templates++;
      stats = { template, firstSeen: iso, lastSeen: iso, example: evidenceOf(file.path, lineNo, text, iso ?? undefined) };
      errors.stats[template.id] = stats;
    } else if (iso) {
      if (stats.firstSeen === null || iso < stats.firstSeen) stats.firstSeen = iso;
      if (stats.lastSeen === null || iso > stats.lastSeen) stats.lastSeen = iso;
    }
  }

  /** Adds another collector's services as if their lines had come after this one's. */
  absorb(other: UnrecognizedCollector): void {
    this.flush();
    other.flush();
    this.untracked += other.untracked;
    for (const theirs of other.services.values()) {
      const errors = this.serviceOf(theirs.service);
      if (!errors) {
        this.untracked += theirs.lines;
        continue;
      }
      errors.lines += theirs.lines;
      for (const path of theirs.files) {
        if (errors.files.size < MAX_FILES_PER_SERVICE) errors.files.add(path);
        else if (!errors.files.has(path)) errors.filesTruncated = true;
      }
      if (theirs.filesTruncated) errors.filesTruncated = true;
      for (const location of theirs.locations) {
        if (errors.locations.length < this.limits.maxLocationsPerFinding) errors.locations.push(location);
        else errors.locationsTruncated = true;
      }
      if (theirs.locationsTruncated) errors.locationsTruncated = true;
      if (theirs.timesAssumedUtc) errors.timesAssumedUtc = true;
      errors.drain.dropped += theirs.drain.dropped;
      for (const template of theirs.drain.templates()) {
        const joined = errors.drain.absorb(template);
        const their = theirs.stats[template.id];
        if (!joined || !their) continue;
        const stats = errors.stats[joined.id];
        if (!stats) {
          this.templates++;
          errors.stats[joined.id] = { template: joined, firstSeen: their.firstSeen, lastSeen: their.lastSeen, example: their.example };
        } else {
          if (their.firstSeen !== null && (stats.firstSeen === null || their.firstSeen < stats.firstSeen)) stats.firstSeen = their.firstSeen;
          if (their.lastSeen !== null && (stats.lastSeen === null || their.lastSeen > stats.lastSeen)) stats.lastSeen = their.lastSeen;
        }
      }
    }
  }

  snapshot(): UnrecognizedSnapshot {
    this.flush();
    return {
      untrackedLines: this.untracked,
      services: [...this.services.values()].map((e) => ({
        service: e.service,
        templates: e.drain.templates().map((t) => ({ id: t.id, tokens: t.tokens, count: t.count })),
        dropped: e.drain.dropped,
        stats: e.stats.map((st) => (st ? { firstSeen: st.firstSeen, lastSeen: st.lastSeen, example: st.example } : null)),
        lines: e.lines,
        files: [...e.files],
        filesTruncated: e.filesTruncated,
        locations: e.locations,
        locationsTruncated: e.locationsTruncated,
        timesAssumedUtc: e.timesAssumedUtc,
      })),
    };
  }

  restore(snapshot: UnrecognizedSnapshot): void {
    this.flush();
    this.untracked = snapshot.untrackedLines;
    for (const s of snapshot.services) {
      const errors = this.serviceOf(s.service);
      if (!errors) throw new RangeError(`stored unrecognised errors exceed the cap of ${this.caps.maxServices} services`);
      errors.drain.restore(s.templates, s.dropped);
      const templates = errors.drain.templates();
      s.stats.forEach((st, id) => {
        if (!st) return;
        this.templates++;
        errors.stats[id] = { template: templates[id]!, ...st };
      });
      Object.assign(errors, {
        lines: s.lines,
        files: new Set(s.files),
        filesTruncated: s.filesTruncated,
        locations: s.locations,
        locationsTruncated: s.locationsTruncated,
        timesAssumedUtc: s.timesAssumedUtc,
      });
    }
  }

  /** Services with unrecognised errors, most lines first. */
  results(): ServiceErrors[] {
    this.flush();
    return [...this.services.values()].filter((s) => s.lines > 0).sort((a, b) => b.lines - a.lines || a.service.localeCompare(b.service));
  }

  /** Error lines of services beyond `maxServices`. */
  get untrackedLines(): number {
    this.flush();
    return this.untracked;
  }

  get templateCount(): number {
    this.flush();
    return this.templates;
  }

  private serviceOf(service: string): ServiceErrors | undefined {
    let errors = this.services.get(service);
    if (errors) return errors;
    if (this.services.size >= this.caps.maxServices) return undefined;
    errors = {
      service,
      drain: new Drain({ ...DEFAULT_DRAIN, maxTemplates: this.caps.maxTemplatesPerService }, () => this.templates < this.caps.maxTemplates),
      stats: [],
      lines: 0,
      files: new Set(),
      filesTruncated: false,
      locations: [],
      locationsTruncated: false,
      timesAssumedUtc: false,
    };
    this.services.set(service, errors);
    return errors;
  }
}
