import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketText } from '../../functions/report-html/text.js';
import { triage } from '../../functions/triage/index.js';
import { bytesInput } from '../triage/helpers.js';
import { Browser, type PageRun } from './browser.js';
import { HOSTILE_LINE, hostileReport, renderPage, samplePage, type RenderedPage } from './sample.js';

/** Screenshots are test artifacts: under the temp root, never in the repository. */
const SHOTS = join(tmpdir(), 'incident-page-screenshots');

function clean(run: PageRun) {
  expect(run.errors).toEqual([]);
  expect(run.requests).toEqual([]);
}

describe('incident page in Chromium', () => {
  let browser: Browser;
  let sample: RenderedPage;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    [browser, sample] = await Promise.all([Browser.launch(), samplePage()]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders the sample incident with no console error and no request, every finding title visible', async () => {
    const run = await browser.open(sample.html);
    for (const f of sample.report.findings) {
      const heading = run.page.locator(`#finding-${f.id} h3`);
      await expect.poll(() => heading.isVisible()).toBe(true);
      expect(await heading.innerText()).toContain(f.title);
    }
    expect(await run.page.locator('h1').innerText()).toBe(sample.report.summary.headline);
    expect(await run.page.locator('[data-deadline]').getAttribute('data-deadline')).toBe('met');
    // The first screen, as the operator sees it; a full-page capture costs seconds.
    await run.page.screenshot({ path: join(SHOTS, 'sample-1280.png') });
    clean(run);
    await run.page.close();
  });

  it('draws one timeline mark per finding with events in the window, plus the four time markers', async () => {
    const run = await browser.open(sample.html);
    const dated = sample.report.findings.filter((f) => f.firstSeen).map((f) => f.id);
    for (const [width, layout] of [
      [1280, 'timeline-wide'],
      [390, 'timeline-compact'],
    ] as const) {
      await run.page.setViewportSize({ width, height: 900 });
      // One drawing is shown per screen width; the other is display:none.
      const svg = run.page.locator('#timeline svg:visible');
      expect(await svg.count()).toBe(1);
      expect(await svg.getAttribute('class')).toBe(layout);
      const marks = await svg.locator('rect.mark').evaluateAll((els) => els.map((e) => e.getAttribute('data-finding')));
      expect(marks.sort()).toEqual([...dated].sort());
      const markers = await svg.locator('[data-marker]').evaluateAll((els) => els.map((e) => e.getAttribute('data-marker')));
      expect(markers.sort()).toEqual(['alarm', 'collected', 'deadline', 'first-error']);
      // Every mark and every time marker is on screen, without scrolling sideways.
      const box = (await svg.boundingBox())!;
      for (const el of [...(await svg.locator('rect.mark').all()), ...(await svg.locator('[data-marker] line').all())]) {
        const m = (await el.boundingBox())!;
        expect(m.x).toBeGreaterThanOrEqual(box.x - 0.5);
        expect(m.x + m.width).toBeLessThanOrEqual(Math.min(box.x + box.width, width) + 0.5);
      }
    }
    clean(run);
    await run.page.close();
  });

  it('shows a hostile log line as inert text', async () => {
    const { html } = renderPage(hostileReport(sample.report));
    const run = await browser.open(html);
    const page = run.page;
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await page.locator('a:not([href^="#"])').count()).toBe(0);
    const evidence = page.locator('#finding-F1 .evidence pre').nth(1);
    const shown = await evidence.innerText();
    expect(shown).toContain('<script>window.__pwned=1</script>');
    expect(shown).toContain('<img src=x onerror="window.__pwned=2">');
    expect(shown).toContain('\\u202Etxt.exe\\u0000nul\\u0007bell\\u001B[31mred\\u0008');
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(shown).not.toMatch(/[\u202e\u0000-\u0008\u000b-\u001f]/);
    expect(await page.locator('#finding-F1 .evidence .context').first().innerText()).toBe('record starts: <script>window.__pwned=4</script>');
    expect(await page.locator('h1').innerText()).toContain('</textarea></pre></template>');
    clean(run);
    await page.close();
  });

  it('copies the Markdown ticket with the copy button', async () => {
    const run = await browser.open(sample.html);
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(run.page.url()).origin });
    await run.page.locator('#copy-ticket').click();
    await expect.poll(() => run.page.locator('body').getAttribute('data-copied')).toBe('Copied');
    const copied = await run.page.evaluate(() => navigator.clipboard.readText());
    // The sample ticket has no control characters, so the copy is the ticket byte for byte.
    expect(ticketText(sample.markdown)).toBe(sample.markdown);
    expect(copied).toBe(sample.markdown);
    clean(run);
    await run.page.close();
  });

  it('copies a hostile ticket with its control characters made visible', async () => {
    const hostile = renderPage(hostileReport(sample.report));
    const run = await browser.open(hostile.html);
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(run.page.url()).origin });
    await run.page.locator('#copy-ticket').click();
    await expect.poll(() => run.page.locator('body').getAttribute('data-copied')).toBe('Copied');
    const copied = await run.page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(ticketText(hostile.markdown));
    expect(copied).toContain('<script>window.__pwned=1</script>');
    expect(copied).not.toContain('\u202e');
    clean(run);
    await run.page.close();
  });

  it('fits a 390 px phone: no sideways scrolling outside the timeline', async () => {
    const run = await browser.open(sample.html, { width: 390, height: 844 });
    const overflow = await run.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await run.page.screenshot({ path: join(SHOTS, 'sample-390.png') });
    await run.page.locator('#timeline').screenshot({ path: join(SHOTS, 'sample-390-timeline.png') });
    clean(run);
    await run.page.close();
  });

  it('prints: the copy controls are hidden and every finding stays', async () => {
    const run = await browser.open(sample.html);
    await run.page.emulateMedia({ media: 'print' });
    expect(await run.page.locator('#copy-ticket').isVisible()).toBe(false);
    expect(await run.page.locator('article.card').count()).toBe(sample.report.findings.length);
    const pdf = await run.page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    clean(run);
    await run.page.close();
  });

  it('renders an empty report and a hostile headline without errors', async () => {
    const empty = await triage([bytesInput('empty.log', '')]);
    for (const report of [empty, { ...empty, summary: { ...empty.summary, headline: HOSTILE_LINE } }]) {
      const run = await browser.open(renderPage(report).html);
      expect(await run.page.locator('#findings').innerText()).toContain('No known CircleCI Server failure pattern matched.');
      clean(run);
      await run.page.close();
    }
  });
});

describe('incident page without JavaScript', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await Browser.launch({ javaScriptEnabled: false });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows every finding and keeps the ticket selectable; the copy button stays hidden', async () => {
    const sample = await samplePage();
    const run = await browser.open(sample.html);
    expect(await run.page.locator('#copy-ticket').isVisible()).toBe(false);
    for (const f of sample.report.findings) expect(await run.page.locator(`#finding-${f.id} h3`).isVisible()).toBe(true);
    await run.page.locator('.ticket summary').click();
    expect(await run.page.locator('#ticket-markdown').inputValue()).toBe(sample.markdown);
    clean(run);
    await run.page.close();
  });
});
