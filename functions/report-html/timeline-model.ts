import type { Finding, Report } from '../triage/report/schema.js';
import { cascadeOrder, collectionDeadline } from './incident-facts.js';

export interface TimelineRow {
  finding: Finding;
  start: number;
  end: number;
  /** Times of the evidence lines the report keeps (a sample of the matches). */
  samples: number[];
}

export type MarkerKind = 'alarm' | 'first-error' | 'collected' | 'deadline';

export interface TimelineMarker {
  kind: MarkerKind;
  at: number;
  label: string;
}

export interface TimelineModel {
  start: number;
  end: number;
  rows: TimelineRow[];
  markers: TimelineMarker[];
  /** Findings without any time (facts, job details, bundle quality): listed, not plotted. */
  undated: Finding[];
}

function ms(iso: string | null | undefined): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

/** Rows and markers of the incident timeline, all read from the report; undefined when nothing has a time. */
export function timelineModel(report: Report): TimelineModel | undefined {
  const rows: TimelineRow[] = [];
  const undated: Finding[] = [];
  for (const finding of cascadeOrder(report.findings)) {
    const first = ms(finding.firstSeen);
    const last = ms(finding.lastSeen) ?? first;
    if (first === undefined || last === undefined) {
      undated.push(finding);
      continue;
    }
    const samples = finding.evidence.map((e) => ms(e.timestamp)).filter((t): t is number => t !== undefined);
    rows.push({ finding, start: Math.min(first, last), end: Math.max(first, last), samples });
  }

  const markers: TimelineMarker[] = [];
  const add = (kind: MarkerKind, at: number | undefined, label: string) => {
    if (at !== undefined) markers.push({ kind, at, label });
  };
  add('first-error', ms(report.summary.window.start), 'first error');
  add('alarm', ms(report.alarm?.time), 'alarm');
  const deadline = collectionDeadline(report);
  if (deadline.state !== 'no-alarm') add('deadline', ms(deadline.deadline), 'collect-by deadline');
  add('collected', ms(report.bundle.collectedAt?.utc), 'bundle collected');

  const times = [...rows.flatMap((r) => [r.start, r.end]), ...markers.map((m) => m.at)];
  if (rows.length === 0 || times.length === 0) return undefined;
  let start = Math.min(...times);
  let end = Math.max(...times);
  // A single instant still needs a visible span; pad the edges so marks do not sit on the frame.
  if (end - start < 60_000) {
    start -= 30_000;
    end += 30_000;
  }
  const pad = (end - start) * 0.02;
  return { start: start - pad, end: end + pad, rows, markers, undated };
}
