import type { ReadLimits } from '../bundle/limits.js';
import type { FileInfo } from '../model/file-kind.js';
import type { IssueType } from '../model/issue-types.js';
import type { Severity } from '../model/severity.js';
import type { Rule } from '../rules/rule.js';
import type { Evidence, Finding, Location } from '../report/schema.js';
import type { LineTime } from '../scan/timestamps.js';

export { cut, MAX_EVIDENCE_TEXT } from '../report/seal.js';
/**
 * Evidence is kept raw until the report is sealed (masked, then cut to 2,000 characters): masking
 * runs once per evidence line, never per scanned line. This bound only caps memory.
 */
const MAX_RAW_EVIDENCE = 64 * 1024;
const MAX_DATA_VALUES = 20;
const MAX_DATA_VALUE_CHARS = 16_384;
const MAX_DEDUP_KEYS = 100_000;

/** A finding before ids are assigned. */
export type DraftFinding = Omit<Finding, 'id'>;

export interface Hit {
  rule: Rule;
  file: FileInfo;
  lineNo: number;
  /** The line as UTF-8 text. */
  text: string;
  captures: Record<string, string>;
  time?: LineTime;
  /** The whole record when the line opens a multi-line one (stack trace, Vault error block). */
  context?: string;
}

interface Accumulator {
  rule: Rule;
  service: string;
  count: number;
  firstSeen: string | null;
  lastSeen: string | null;
  timesAssumedUtc: boolean;
  evidence: Evidence[];
  /** Fingerprint of each evidence line (null when it had no time), to drop repeats from other inputs. */
  evidencePrints: Array<number | null>;
  /** Newest hit beyond the first samples; masked only when the finding is built. */
  latest: Sample | undefined;
  locations: Location[];
  locationPrints: Array<number | null>;
  locationsTruncated: boolean;
  data: Map<string, Set<string>>;
  seen: Set<number>;
}

/** One kept evidence line with what merging needs to compare it. */
interface Sample {
  evidence: Evidence;
  print: number | null;
}

/** A finding's accumulated state, as stored between uploads (see incremental/state-codec.ts). */
export type AccumulatorSnapshot = Omit<Accumulator, 'rule' | 'latest' | 'data' | 'seen'> & {
  ruleId: string;
  latest: Sample | null;
  data: Array<[string, string[]]>;
  seen: number[];
};

/** FNV-1a, 32 bits, twice with different seeds: a cheap 53-bit fingerprint of a line. */
function fingerprint(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}

export function evidenceOf(path: string, line: number, text: string, time?: string, context?: string): Evidence {
  return {
    path,
    line,
    text: text.slice(0, MAX_RAW_EVIDENCE),
    ...(context !== undefined ? { context: context.slice(0, MAX_RAW_EVIDENCE) } : {}),
    ...(time ? { timestamp: time } : {}),
  };
}

function evidenceOfHit(hit: Hit): Evidence {
  return evidenceOf(hit.file.path, hit.lineNo, hit.text, hit.time?.iso, hit.context);
}

/** Whether a sample at `time` replaces the latest: a timed line beats an untimed one, ties go to the later. */
function isNewer(time: string | undefined, latest: Sample | undefined): boolean {
  if (!latest) return true;
  const latestTime = latest.evidence.timestamp;
  return time === undefined ? latestTime === undefined : latestTime === undefined || time >= latestTime;
}

function keepValue(acc: Accumulator, name: string, value: string): void {
  let values = acc.data.get(name);
  if (!values) acc.data.set(name, (values = new Set()));
  // Masked when the report is sealed.
  if (values.size < MAX_DATA_VALUES) values.add(value);
}

/**
 * Groups rule hits into findings (one per rule and service). The same timestamped line seen
 * twice (a log both inside the bundle and uploaded by hand) counts once.
 */
export class FindingCollector {
  private readonly byKey = new Map<string, Accumulator>();

  constructor(private readonly limits: ReadLimits) {}

  add(hit: Hit): void {
    const service = hit.rule.service ?? hit.file.service;
    const acc = this.accumulator(hit.rule, service);
    let print: number | null = null;
    if (hit.time && acc.seen.size < MAX_DEDUP_KEYS) {
      // Two records can share a first line and a time; the record text tells them apart.
      print = fingerprint(`${hit.time.iso} ${hit.context ?? hit.text}`);
      if (acc.seen.has(print)) return;
      acc.seen.add(print);
    }
    acc.count++;
    this.keepLocation(acc, { path: hit.file.path, line: hit.lineNo }, print);
    const time = hit.time?.iso;
    if (time) {
      if (acc.firstSeen === null || time < acc.firstSeen) acc.firstSeen = time;
      if (acc.lastSeen === null || time > acc.lastSeen) acc.lastSeen = time;
      if (hit.time?.assumed) acc.timesAssumedUtc = true;
    }
    // The evidence object is only built for kept samples and for a newer latest.
    if (acc.evidence.length < this.limits.maxEvidencePerFinding - 1 || isNewer(time, acc.latest)) {
      this.keepSample(acc, { evidence: evidenceOfHit(hit), print });
    }
    for (const [name, value] of Object.entries(hit.captures)) keepValue(acc, name, value.slice(0, MAX_DATA_VALUE_CHARS));
  }

  /**
   * Adds what another collector gathered (an input read on its own, or the stored state of earlier
   * uploads) as if its hits had come after this collector's: timestamped lines already seen here
   * count once, samples fill the free evidence slots in order, the newest stays the latest.
   */
  absorb(other: FindingCollector): void {
    for (const theirs of other.byKey.values()) {
      const acc = this.accumulator(theirs.rule, theirs.service);
      const known = acc.seen;
      const repeated = (print: number | null) => print !== null && known.has(print);
      let repeats = 0;
      for (const print of theirs.seen) if (known.has(print)) repeats++;
      acc.count += theirs.count - repeats;
      theirs.locations.forEach((location, i) => {
        const print = theirs.locationPrints[i] ?? null;
        if (!repeated(print)) this.keepLocation(acc, location, print);
      });
      if (theirs.locationsTruncated) acc.locationsTruncated = true;
      theirs.evidence.forEach((evidence, i) => {
        const print = theirs.evidencePrints[i] ?? null;
        if (!repeated(print)) this.keepSample(acc, { evidence, print });
      });
      if (theirs.latest && !repeated(theirs.latest.print)) this.keepSample(acc, theirs.latest);
      if (theirs.firstSeen !== null && (acc.firstSeen === null || theirs.firstSeen < acc.firstSeen)) acc.firstSeen = theirs.firstSeen;
      if (theirs.lastSeen !== null && (acc.lastSeen === null || theirs.lastSeen > acc.lastSeen)) acc.lastSeen = theirs.lastSeen;
      if (theirs.timesAssumedUtc) acc.timesAssumedUtc = true;
      for (const [name, values] of theirs.data) for (const value of values) keepValue(acc, name, value);
      for (const print of theirs.seen) if (known.size < MAX_DEDUP_KEYS) known.add(print);
    }
  }

  snapshot(): AccumulatorSnapshot[] {
    return [...this.byKey.values()].map((acc) => ({
      ruleId: acc.rule.id,
      service: acc.service,
      count: acc.count,
      firstSeen: acc.firstSeen,
      lastSeen: acc.lastSeen,
      timesAssumedUtc: acc.timesAssumedUtc,
      evidence: acc.evidence,
      evidencePrints: acc.evidencePrints,
      latest: acc.latest ?? null,
      locations: acc.locations,
      locationPrints: acc.locationPrints,
      locationsTruncated: acc.locationsTruncated,
      data: [...acc.data].map(([name, values]) => [name, [...values]]),
      seen: [...acc.seen],
    }));
  }

  /** Restores a snapshot; rules are looked up by id (a rule no longer known is an error). */
  restore(snapshot: readonly AccumulatorSnapshot[], ruleById: (id: string) => Rule | undefined): void {
    for (const s of snapshot) {
      const rule = ruleById(s.ruleId);
      if (!rule) throw new RangeError(`stored finding names rule ${s.ruleId}, which the rule pack does not hold`);
      const acc = this.accumulator(rule, s.service);
      Object.assign(acc, {
        count: s.count,
        firstSeen: s.firstSeen,
        lastSeen: s.lastSeen,
        timesAssumedUtc: s.timesAssumedUtc,
        evidence: s.evidence,
        evidencePrints: s.evidencePrints,
        latest: s.latest ?? undefined,
        locations: s.locations,
        locationPrints: s.locationPrints,
        locationsTruncated: s.locationsTruncated,
        data: new Map(s.data.map(([name, values]) => [name, new Set(values)])),
        seen: new Set(s.seen),
      });
    }
  }

  private accumulator(rule: Rule, service: string): Accumulator {
    const key = `${rule.id}\u0000${service}`;
    let acc = this.byKey.get(key);
    if (!acc) {
      acc = {
        rule,
        service,
        count: 0,
        firstSeen: null,
        lastSeen: null,
        timesAssumedUtc: false,
        evidence: [],
        evidencePrints: [],
        latest: undefined,
        locations: [],
        locationPrints: [],
        locationsTruncated: false,
        data: new Map(),
        seen: new Set(),
      };
      this.byKey.set(key, acc);
    }
    return acc;
  }

  private keepLocation(acc: Accumulator, location: Location, print: number | null): void {
    if (acc.locations.length < this.limits.maxLocationsPerFinding) {
      acc.locations.push(location);
      acc.locationPrints.push(print);
    } else acc.locationsTruncated = true;
  }

  /** The first samples are kept in order; past them only the newest one is. */
  private keepSample(acc: Accumulator, sample: Sample): void {
    if (acc.evidence.length < this.limits.maxEvidencePerFinding - 1) {
      acc.evidence.push(sample.evidence);
      acc.evidencePrints.push(sample.print);
    } else if (isNewer(sample.evidence.timestamp, acc.latest)) acc.latest = sample;
  }

  drafts(): DraftFinding[] {
    return [...this.byKey.values()].map((acc) => ({
      ruleId: acc.rule.id,
      issueType: acc.rule.issueType,
      severity: acc.rule.severity,
      service: acc.service,
      title: acc.rule.title,
      explanation: acc.rule.explanation,
      remediation: acc.rule.remediation,
      count: acc.count,
      firstSeen: acc.firstSeen,
      lastSeen: acc.lastSeen,
      timesAssumedUtc: acc.timesAssumedUtc,
      evidence: acc.latest ? [...acc.evidence, acc.latest.evidence] : acc.evidence,
      locations: acc.locations,
      locationsTruncated: acc.locationsTruncated,
      data: Object.fromEntries([...acc.data].map(([k, v]) => [k, [...v]])),
    }));
  }
}

/** A finding the analysis derives itself (bundle quality, cascade), in the same shape. */
export function draftFinding(fields: {
  ruleId: string;
  issueType: IssueType;
  severity: Severity;
  service: string;
  title: string;
  explanation: string;
  remediation: string[];
  evidence: Evidence[];
  count?: number;
  data?: Record<string, string[]>;
  firstSeen?: string | null;
  lastSeen?: string | null;
}): DraftFinding {
  return {
    ruleId: fields.ruleId,
    issueType: fields.issueType,
    severity: fields.severity,
    service: fields.service,
    title: fields.title,
    explanation: fields.explanation,
    remediation: fields.remediation,
    count: fields.count ?? Math.max(1, fields.evidence.length),
    firstSeen: fields.firstSeen ?? null,
    lastSeen: fields.lastSeen ?? null,
    timesAssumedUtc: false,
    evidence: fields.evidence,
    locations: fields.evidence.map((e) => ({ path: e.path, line: e.line })),
    locationsTruncated: false,
    data: fields.data ?? {},
  };
}
