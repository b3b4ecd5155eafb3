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
  /** Newest hit beyond the first samples; masked only when the finding is built. */
  latest: Hit | undefined;
  locations: Location[];
  locationsTruncated: boolean;
  data: Map<string, Set<string>>;
  seen: Set<number>;
}

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

/**
 * Groups rule hits into findings (one per rule and service). The same timestamped line seen
 * twice (a log both inside the bundle and uploaded by hand) counts once.
 */
export class FindingCollector {
  private readonly byKey = new Map<string, Accumulator>();

  constructor(private readonly limits: ReadLimits) {}

  add(hit: Hit): void {
    const service = hit.rule.service ?? hit.file.service;
    const key = `${hit.rule.id}\u0000${service}`;
    let acc = this.byKey.get(key);
    if (!acc) {
      acc = {
        rule: hit.rule,
        service,
        count: 0,
        firstSeen: null,
        lastSeen: null,
        timesAssumedUtc: false,
        evidence: [],
        latest: undefined,
        locations: [],
        locationsTruncated: false,
        data: new Map(),
        seen: new Set(),
      };
      this.byKey.set(key, acc);
    }
    if (hit.time && acc.seen.size < MAX_DEDUP_KEYS) {
      // Two records can share a first line and a time; the record text tells them apart.
      const print = fingerprint(`${hit.time.iso} ${hit.context ?? hit.text}`);
      if (acc.seen.has(print)) return;
      acc.seen.add(print);
    }
    acc.count++;
    if (acc.locations.length < this.limits.maxLocationsPerFinding) acc.locations.push({ path: hit.file.path, line: hit.lineNo });
    else acc.locationsTruncated = true;
    const time = hit.time?.iso;
    if (time) {
      if (acc.firstSeen === null || time < acc.firstSeen) acc.firstSeen = time;
      if (acc.lastSeen === null || time > acc.lastSeen) acc.lastSeen = time;
      if (hit.time?.assumed) acc.timesAssumedUtc = true;
    }
    if (acc.evidence.length < this.limits.maxEvidencePerFinding - 1) {
      acc.evidence.push(evidenceOf(hit.file.path, hit.lineNo, hit.text, time, hit.context));
    } else {
      const latestTime = acc.latest?.time?.iso;
      const newer = time === undefined ? latestTime === undefined : latestTime === undefined || time >= latestTime;
      if (!acc.latest || newer) acc.latest = hit;
    }
    for (const [name, value] of Object.entries(hit.captures)) {
      let values = acc.data.get(name);
      if (!values) acc.data.set(name, (values = new Set()));
      // Masked when the report is sealed.
      if (values.size < MAX_DATA_VALUES) values.add(value.slice(0, MAX_DATA_VALUE_CHARS));
    }
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
      evidence: acc.latest ? [...acc.evidence, evidenceOfHit(acc.latest)] : acc.evidence,
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
