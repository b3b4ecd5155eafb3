import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../functions/report-html/index.js';
import { cascadeOrder, collectionDeadline } from '../../functions/report-html/incident-facts.js';
import { timelineModel } from '../../functions/report-html/timeline-model.js';
import { triage, type Finding, type Report } from '../../functions/triage/index.js';
import { bytesInput } from '../triage/helpers.js';
import { HOSTILE_LINE, hostileReport, renderPage, samplePage, type RenderedPage } from './sample.js';

const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

function inlineBlocks(html: string, tag: 'style' | 'script'): string[] {
  return [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!);
}

describe('incident page markup', () => {
  let sample: RenderedPage;
  beforeAll(async () => {
    sample = await samplePage();
  });

  it('allows exactly its own inline style and script by hash, and nothing else', () => {
    const styles = inlineBlocks(sample.html, 'style');
    const scripts = inlineBlocks(sample.html, 'script');
    expect(styles).toHaveLength(1);
    expect(scripts).toHaveLength(1);
    expect(CONTENT_SECURITY_POLICY).toContain(`style-src ${hash(styles[0]!)}`);
    expect(CONTENT_SECURITY_POLICY).toContain(`script-src ${hash(scripts[0]!)}`);
    expect(CONTENT_SECURITY_POLICY).toMatch(/^default-src 'none'/);
    expect(sample.html).toContain(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}"/>`);
    // No reference to anything outside the file.
    expect(sample.html).not.toMatch(/\b(?:src|href)="(?!#)/);
    expect(sample.html).not.toMatch(/style="/);
  });

  it('escapes log text: the hostile line adds no element and no attribute', () => {
    const { html } = renderPage(hostileReport(sample.report));
    expect(inlineBlocks(html, 'script')).toHaveLength(1);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>window');
    expect(html).not.toContain('href="javascript:');
    expect(html).not.toContain('</textarea></pre>');
    expect(html).toContain('&lt;script>window.__pwned=1&lt;/script>');
    // Bidi override and C0 controls never reach the page raw; they show as escapes.
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(html).not.toMatch(/[\u202e\u0000\u0007\u001b\u0008]/);
    expect(html).toContain('\\u202E');
    expect(html).toContain('\\u0000');
  });

  it('embeds the Markdown ticket escaped inside its text box', () => {
    const { html, markdown } = renderPage(hostileReport(sample.report));
    expect(markdown).toContain('</textarea>');
    const box = /<textarea id="ticket-markdown"[^>]*>([\s\S]*?)<\/textarea>/.exec(html);
    expect(box?.[1]).toContain('&lt;/textarea>');
  });

  it('renders a report with no findings and no bundle facts', async () => {
    const report = await triage([bytesInput('empty.log', '')]);
    const { html } = renderPage(report);
    expect(html).toContain('No known CircleCI Server failure pattern matched.');
    expect(html).toContain('no timeline');
    expect(html).toContain('deadline n/a: no alarm');
  });

  it('states whether the bundle was collected inside the 10-minute window', async () => {
    expect(collectionDeadline(sample.report)).toEqual({ state: 'met', deadline: '2025-03-14T09:43:12.000Z', minutesAfterAlarm: 8 });
    const late = await samplePage({ name: 'a', time: new Date('2025-03-14T09:30:00Z') });
    expect(collectionDeadline(late.report)).toMatchObject({ state: 'missed', minutesAfterAlarm: 11 });
    expect(late.html).toContain('data-deadline="missed"');
    const noCollection = structuredClone(sample.report);
    noCollection.bundle.collectedAt = null;
    expect(collectionDeadline(noCollection).state).toBe('collection-unknown');
  });
});

function finding(id: string, patch: Partial<Finding>): Finding {
  return {
    id,
    ruleId: `rule.${id}`,
    issueType: 'docker-executor',
    severity: 'high',
    service: 'distributor',
    title: `title ${id}`,
    explanation: '',
    remediation: [],
    count: 1,
    firstSeen: null,
    lastSeen: null,
    timesAssumedUtc: false,
    evidence: [],
    locations: [],
    locationsTruncated: false,
    data: {},
    ...patch,
  };
}

describe('timeline model', () => {
  let base: Report;
  beforeAll(async () => {
    base = (await samplePage()).report;
  });

  it('has one row per finding with a time and marks alarm, first error, deadline and collection', () => {
    const model = timelineModel(base)!;
    const dated = base.findings.filter((f) => f.firstSeen);
    expect(model.rows.map((r) => r.finding.id).sort()).toEqual(dated.map((f) => f.id).sort());
    expect(model.undated.length + model.rows.length).toBe(base.findings.length);
    expect(model.markers.map((m) => m.kind).sort()).toEqual(['alarm', 'collected', 'deadline', 'first-error']);
    for (const r of model.rows) expect(r.start).toBeGreaterThanOrEqual(model.start);
    expect(model.end).toBeGreaterThanOrEqual(Date.parse('2025-03-14T09:43:12Z'));
  });

  it('puts the cascade root first and its downstream findings right after it', () => {
    const report = structuredClone(base);
    report.findings = [
      finding('F1', { severity: 'critical', firstSeen: '2025-03-14T09:00:00Z', lastSeen: '2025-03-14T09:10:00Z' }),
      finding('F2', { firstSeen: '2025-03-14T09:01:00Z', lastSeen: '2025-03-14T09:02:00Z', groupedUnder: 'F3' }),
      finding('F3', { issueType: 'cascade', service: 'contexts-service', related: ['F2'], firstSeen: '2025-03-14T08:59:00Z', lastSeen: '2025-03-14T09:10:00Z' }),
      finding('F4', {}),
    ];
    expect(cascadeOrder(report.findings).map((f) => f.id)).toEqual(['F3', 'F2', 'F1', 'F4']);
    const model = timelineModel(report)!;
    expect(model.rows.map((r) => r.finding.id)).toEqual(['F3', 'F2', 'F1']);
    expect(model.undated.map((f) => f.id)).toEqual(['F4']);
  });

  it('renders the cascade root with its downstream findings grouped by service, and the same order in the timeline', () => {
    const report = structuredClone(base);
    report.findings = [
      finding('F1', { severity: 'critical', service: 'execution-gateway', firstSeen: '2025-03-14T09:00:00Z', lastSeen: '2025-03-14T09:10:00Z', groupedUnder: 'F3' }),
      finding('F2', { service: 'distributor', firstSeen: '2025-03-14T09:01:00Z', lastSeen: '2025-03-14T09:02:00Z', groupedUnder: 'F3' }),
      finding('F3', { issueType: 'cascade', severity: 'critical', service: 'contexts-service', title: 'Shared backend problem', related: ['F1', 'F2'], firstSeen: '2025-03-14T08:59:00Z', lastSeen: '2025-03-14T09:10:00Z' }),
    ];
    const { html } = renderPage(report);
    const cascade = /<section id="cascade"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(cascade).toContain('data-cascade="F3"');
    expect(cascade.indexOf('execution-gateway')).toBeGreaterThan(cascade.indexOf('Shared backend problem'));
    expect(cascade).toContain('href="#finding-F2"');
    const wide = html.slice(html.indexOf('class="timeline-wide"'), html.indexOf('class="timeline-compact"'));
    const rows = [...wide.matchAll(/<g class="row" data-finding="(F\d+)"/g)].map((m) => m[1]);
    expect(rows).toEqual(['F3', 'F1', 'F2']);
  });

  it('is absent when no finding has a time', () => {
    const report = structuredClone(base);
    report.findings = [finding('F1', {})];
    expect(timelineModel(report)).toBeUndefined();
  });

  it('does not trust a hostile time stamp', () => {
    const report = structuredClone(base);
    report.findings = [finding('F1', { firstSeen: `not a time ${HOSTILE_LINE}`, lastSeen: null })];
    expect(timelineModel(report)).toBeUndefined();
  });
});
