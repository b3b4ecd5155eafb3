import type { Report } from '../triage/report/schema.js';

export interface TimeWindow {
  start: Date;
  end: Date;
}

const MINUTE = 60_000;
const BEFORE_MS = 60 * MINUTE;
const AFTER_MS = 10 * MINUTE;
const DURATION = /^(\d+(?:\.\d+)?)\s*(m|min|h|d)$/i;
const UNIT_MS: Record<string, number> = { m: MINUTE, min: MINUTE, h: 60 * MINUTE, d: 24 * 60 * MINUTE };

/**
 * The incident window the AWS lookups cover.
 *
 * - `override` `"<start>/<end>"` (ISO 8601; `Z` assumed when no zone is given) is taken as is.
 * - `override` `"90m"`, `"2h"`, `"1d"`: that long before the anchor, to 10 minutes after it; the
 *   anchor is the latest evidence, else the alarm time, else the report time.
 * - no override: 60 minutes before the earliest evidence (or alarm) to 10 minutes after the latest.
 * Throws on an unreadable override so the CLI fails before calling AWS.
 */
export function incidentWindow(report: Report, override?: string): TimeWindow {
  const times = [report.summary.window.start, report.summary.window.end, report.alarm?.time]
    .filter((t): t is string => typeof t === 'string')
    .map(parseTime)
    .filter((d): d is Date => d !== undefined);
  const fallback = parseTime(report.generatedAt) ?? new Date();
  const earliest = times.length > 0 ? new Date(Math.min(...times.map((t) => t.getTime()))) : fallback;
  const latest = times.length > 0 ? new Date(Math.max(...times.map((t) => t.getTime()))) : fallback;

  const spec = override?.trim();
  if (spec === undefined || spec === '') {
    return { start: new Date(earliest.getTime() - BEFORE_MS), end: new Date(latest.getTime() + AFTER_MS) };
  }
  const duration = DURATION.exec(spec);
  if (duration) {
    const ms = Number(duration[1]) * (UNIT_MS[duration[2]!.toLowerCase()] ?? MINUTE);
    if (!(ms > 0)) throw new Error(`--window ${spec}: the duration must be positive`);
    return { start: new Date(latest.getTime() - ms), end: new Date(latest.getTime() + AFTER_MS) };
  }
  const parts = spec.split('/');
  if (parts.length === 2) {
    const start = parseTime(parts[0]!);
    const end = parseTime(parts[1]!);
    if (!start || !end) throw new Error(`--window ${spec}: expected ISO times like 2025-03-14T08:40Z/2025-03-14T09:50Z`);
    if (start.getTime() >= end.getTime()) throw new Error(`--window ${spec}: the start must be before the end`);
    return { start, end };
  }
  throw new Error(`--window ${spec}: expected "<start>/<end>" in ISO 8601 or a duration such as 90m, 2h, 1d`);
}

/** ISO time; a time without zone is read as UTC, as the evidence times are. */
function parseTime(text: string): Date | undefined {
  const t = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(t)) return undefined;
  const zoned = /T.*(Z|[+-]\d{2}:?\d{2})$/i.test(t) || !t.includes('T') ? t : `${t}Z`;
  const d = new Date(zoned);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
