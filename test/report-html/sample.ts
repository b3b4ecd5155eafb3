import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { enrichmentFromPolicyOnly } from '../../functions/enrichment/offline.js';
import { renderEnrichmentMarkdown } from '../../functions/enrichment/render/markdown.js';
import { renderReportHtml } from '../../functions/report-html/index.js';
import { fileInput, renderMarkdown, triage, type Report } from '../../functions/triage/index.js';
import { REPO_ROOT } from '../triage/helpers.js';

/** The alarm of events/alarms/eventbridge-alarm-state-change.json. */
export const SAMPLE_ALARM = { name: 'circleci-server-nomad-autoscaler-asg-capacity', time: new Date('2025-03-14T09:33:12Z') };

export function sampleInputs(): string[] {
  const dir = (d: string) => readdirSync(join(REPO_ROOT, 'events', d)).map((f) => join(REPO_ROOT, 'events', d, f));
  return [...dir('bundles'), ...dir('logs')];
}

export interface RenderedPage {
  report: Report;
  markdown: string;
  html: string;
}

export function renderPage(report: Report): RenderedPage {
  const markdown = renderMarkdown(report, { sections: [renderEnrichmentMarkdown] });
  return { report, markdown, html: renderReportHtml(report, { ticketMarkdown: markdown, incident: { id: 'inc-sample', status: 'open', reportVersion: 1 } }) };
}

/** The sample incident as the pipeline sees it: bundle + extra logs, alarm, offline enrichment. */
export async function samplePage(alarm: { name: string; time: Date } = SAMPLE_ALARM): Promise<RenderedPage> {
  const report = await triage(sampleInputs().map(fileInput), { alarm, now: () => new Date('2025-03-14T10:00:00Z') });
  report.enrichment = await enrichmentFromPolicyOnly(report);
  return renderPage(report);
}

/** A log line an attacker controls, as it would appear in evidence. */
export const HOSTILE_LINE =
  '2025-03-14T09:40:00Z ERROR <script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> <a href="javascript:window.__pwned=3">click</a> ' +
  'evil\u202Etxt.exe\u0000nul\u0007bell\u001b[31mred\u0008 </textarea></pre></template>--> ]]>';

/** The sample report with the hostile line planted in every place log text can reach. */
export function hostileReport(report: Report): Report {
  const r = structuredClone(report);
  r.summary.headline = `${r.summary.headline} ${HOSTILE_LINE}`;
  const f = r.findings[0]!;
  f.evidence.unshift({ path: 'pods/logs/<b>evil</b>.log', line: 7, text: HOSTILE_LINE, context: `<script>window.__pwned=4</script>`, timestamp: '2025-03-14T09:40:00.000Z' });
  f.data = { ...f.data, asgName: [HOSTILE_LINE] };
  f.title = `${f.title} <img src=x onerror="window.__pwned=5">`;
  return r;
}
