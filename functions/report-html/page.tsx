import { renderToStaticMarkup } from 'preact-render-to-string';
import type { Report } from '../triage/report/schema.js';
import { CONTENT_SECURITY_POLICY, PAGE_CSS, PAGE_SCRIPT } from './assets.js';
import { parseEnrichment, EnrichmentSection } from './enrichment.js';
import { Findings } from './findings.js';
import { Header } from './header.js';
import { BundleQuality, Cascade, MissingEvidence, NextSteps } from './sections.js';
import { plainVisible, ticketText, utc } from './text.js';
import { Timeline } from './timeline.js';
import type { HtmlPageOptions } from './types.js';

function Ticket({ markdown }: { markdown: string }) {
  return (
    <>
      <div class="actions">
        {/* Shown by the script; without JavaScript the text box below is the way to copy. */}
        <button type="button" id="copy-ticket" hidden>
          Copy ticket (Markdown)
        </button>
        <span id="copy-status" role="status" aria-live="polite" />
      </div>
      <details class="ticket">
        <summary>Ticket (Markdown)</summary>
        <textarea id="ticket-markdown" readonly spellcheck={false} aria-label="Ticket in Markdown" value={ticketText(markdown)} />
      </details>
    </>
  );
}

function Page({ report, options }: { report: Report; options: HtmlPageOptions }) {
  const perFinding = options.evidencePerFinding ?? 6;
  const links = parseEnrichment(report).data?.findingLinks.filter((l) => l.step !== 'authorization-messages') ?? [];
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content={CONTENT_SECURITY_POLICY} />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{plainVisible(`${report.summary.severity.toUpperCase()}: ${report.summary.headline}`.slice(0, 200))}</title>
        <style dangerouslySetInnerHTML={{ __html: PAGE_CSS }} />
      </head>
      <body>
        <main>
          <Header report={report} incident={options.incident} />
          <Ticket markdown={options.ticketMarkdown} />
          <Timeline report={report} />
          <Cascade report={report} />
          <Findings report={report} links={links} perFinding={perFinding} />
          <EnrichmentSection report={report} />
          <MissingEvidence report={report} />
          <BundleQuality report={report} links={links} perFinding={perFinding} />
          <NextSteps report={report} />
          <footer>
            {report.tool.name} {report.tool.version} · rule pack {report.tool.rulePackVersion} · report schema {report.schemaVersion} · generated{' '}
            {utc(report.generatedAt)}
          </footer>
        </main>
        <script dangerouslySetInnerHTML={{ __html: PAGE_SCRIPT }} />
      </body>
    </html>
  );
}

/**
 * The incident page: one self-contained HTML file. Every value from the report goes through
 * Preact's escaping; the only raw markup is the page's own constant style sheet and script,
 * which the Content-Security-Policy allows by hash.
 */
export function renderReportHtml(report: Report, options: HtmlPageOptions): string {
  return `<!doctype html>\n${renderToStaticMarkup(<Page report={report} options={options} />)}\n`;
}
