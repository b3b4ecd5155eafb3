import type { Report } from '../triage/report/schema.js';
import type { TrailEvent } from './ports.js';
import type { TextSource } from './sts/extract.js';

/** Every text of the report that can carry an encoded authorization message. */
export function reportTextSources(report: Report): TextSource[] {
  const out: TextSource[] = [];
  for (const f of report.findings) {
    for (const e of f.evidence) {
      out.push({ text: e.text, ref: { path: e.path, line: e.line, findingId: f.id } });
      if (e.context) out.push({ text: e.context, ref: { path: e.path, line: e.line, findingId: f.id } });
    }
    // The rule pack's capture holds the blob alone; give it the anchor so the extractor reads it.
    const at = f.evidence[0] ?? f.locations[0];
    for (const blob of f.data.encodedMessage ?? []) {
      const ref = at ? { path: at.path, line: at.line, findingId: f.id } : { path: 'finding', findingId: f.id };
      out.push({ text: `Encoded authorization failure message: ${blob}`, ref });
    }
  }
  if (report.alarm?.reason) out.push({ text: report.alarm.reason, ref: { path: 'alarm' } });
  return out;
}

/** Denied CloudTrail events whose `errorMessage` carries a blob (EC2 denials do). */
export function trailTextSources(events: readonly TrailEvent[]): TextSource[] {
  return events
    .filter((e) => e.errorMessage !== undefined)
    .map((e) => ({ text: e.errorMessage!, ref: { path: `cloudtrail:${e.eventId}` } }));
}
