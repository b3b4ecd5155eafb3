import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium; no browser is downloaded. */
export const CHROMIUM = '/usr/bin/chromium';
/** The page is served from a made-up https origin so clipboard permissions apply; nothing else may load. */
export const PAGE_URL = 'https://incident-page.test/report.html';

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface PageRun {
  page: Page;
  /** Every request the page made besides the document itself. */
  requests: string[];
  /** Console errors and uncaught page errors (CSP violations show up here). */
  errors: string[];
}

export class Browser {
  private constructor(
    readonly context: BrowserContext,
    private readonly profile: string,
  ) {}

  /** One fresh profile per test file: no cache, no state shared with other runs. */
  static async launch(options: { javaScriptEnabled?: boolean } = {}): Promise<Browser> {
    const profile = mkdtempSync(join(tmpdir(), 'incident-page-profile-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      viewport: { width: 1280, height: 900 },
      javaScriptEnabled: options.javaScriptEnabled ?? true,
    });
    return new Browser(context, profile);
  }

  async open(html: string, viewport: { width: number; height: number } = { width: 1280, height: 900 }): Promise<PageRun> {
    const page = await this.context.newPage();
    await page.setViewportSize(viewport);
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => {
      errors.push(`dialog opened: ${d.message()}`);
      void d.dismiss();
    });
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      if (url === PAGE_URL) {
        await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
        return;
      }
      requests.push(url);
      await route.abort('blockedbyclient');
    });
    await page.goto(PAGE_URL, { waitUntil: 'load' });
    return { page, requests, errors };
  }

  async close(): Promise<void> {
    await this.context.close();
    rmSync(this.profile, { recursive: true, force: true });
  }
}
