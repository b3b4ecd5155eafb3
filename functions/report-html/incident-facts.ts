import { COLLECTION_DEADLINE_MINUTES } from '../pipeline/checklist.js';
import type { Finding, Report } from '../triage/report/schema.js';

/** The 10-minute rule, read off the report's alarm and collection times (the same rule the triage flags). */
export type DeadlineState =
  | { state: 'met' | 'missed'; deadline: string; minutesAfterAlarm: number }
  | { state: 'no-alarm' }
  | { state: 'collection-unknown'; deadline: string };

export function collectionDeadline(report: Report): DeadlineState {
  if (!report.alarm) return { state: 'no-alarm' };
  const alarmMs = Date.parse(report.alarm.time);
  if (Number.isNaN(alarmMs)) return { state: 'no-alarm' };
  const deadline = new Date(alarmMs + COLLECTION_DEADLINE_MINUTES * 60_000).toISOString();
  const collected = report.bundle.collectedAt?.utc;
  const collectedMs = collected ? Date.parse(collected) : Number.NaN;
  if (Number.isNaN(collectedMs)) return { state: 'collection-unknown', deadline };
  const minutesAfterAlarm = Math.round((collectedMs - alarmMs) / 60_000);
  return { state: collectedMs <= Date.parse(deadline) ? 'met' : 'missed', deadline, minutesAfterAlarm };
}

export { COLLECTION_DEADLINE_MINUTES };

/**
 * Display order: each cascade finding, then the findings grouped under it, then the rest in the
 * report's order (already by importance). Every finding appears once.
 */
export function cascadeOrder(findings: readonly Finding[]): Finding[] {
  const byId = new Map(findings.map((f) => [f.id, f]));
  const out: Finding[] = [];
  const seen = new Set<string>();
  const add = (f: Finding | undefined) => {
    if (f && !seen.has(f.id)) {
      seen.add(f.id);
      out.push(f);
    }
  };
  for (const root of findings.filter((f) => f.issueType === 'cascade')) {
    add(root);
    for (const id of root.related ?? []) add(byId.get(id));
  }
  for (const f of findings) add(f);
  return out;
}
