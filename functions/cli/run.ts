import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { Enrichment } from '../enrichment/index.js';
import { fileInput, loadRuleFile, renderMarkdown, RuleFileError, sealBody, sealReport, sealText, triage, type Report, type Rule } from '../triage/index.js';
import { severityRank } from '../triage/model/severity.js';
import { parseCli, USAGE, type CliOptions } from './args.js';
import { EXIT, UsageError } from './exit-codes.js';
import { ProgressBar } from './progress.js';
import { TOOL_VERSION } from '../triage/analysis/build-report.js';
import { runRules } from './rules-suggest.js';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
  env: Record<string, string | undefined>;
}

function fail(io: CliIo, message: string): void {
  io.stderr.write(`${sealText(`incident-triage: error: ${message.split('\n')[0]}`)}\n`);
}

async function loadRules(paths: string[]): Promise<Rule[]> {
  const rules: Rule[] = [];
  for (const path of paths) rules.push(...(await loadRuleFile(path)));
  return rules;
}

/**
 * Loaded after the scan, and the SDK clients only with --aws: neither they nor the HCL parser
 * need to sit in memory (or cost start-up time) while the scan runs.
 */
async function enrichment(report: Report, options: CliOptions): Promise<Enrichment> {
  if (!options.aws) {
    const { enrichmentFromPolicyOnly } = await import('../enrichment/offline.js');
    return enrichmentFromPolicyOnly(report);
  }
  const { awsEnrichmentPorts, enrich, incidentWindow } = await import('../enrichment/index.js');
  let window: ReturnType<typeof incidentWindow>;
  let ports: ReturnType<typeof awsEnrichmentPorts>;
  try {
    // A bad --window or region is the caller's mistake, reported before any AWS call.
    window = incidentWindow(report, options.window);
    ports = awsEnrichmentPorts(options.region ? { region: options.region } : {});
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return enrich(report, ports, { window, circleciRoleNames: options.circleciRoles });
}

function statsLine(report: Report, started: number): string {
  return JSON.stringify({
    stats: {
      wallMs: Date.now() - started,
      // CPU time (user + system, all threads) is steadier than wall time on a busy machine.
      cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      bytesScanned: report.bundle.stats.bytesScanned,
      linesScanned: report.bundle.stats.linesScanned,
      files: report.bundle.stats.files,
      findings: report.findings.length,
    },
  });
}

async function writeOutput(body: string, options: CliOptions, io: CliIo): Promise<void> {
  if (options.out) await writeFile(options.out, body);
  else io.stdout.write(body);
}

async function renderOutput(report: Report, format: CliOptions['format']): Promise<string> {
  // The enrichment was added after triage: the final masking step covers it, then the text.
  const sealed = sealReport(report);
  if (format === 'json') return `${sealBody(JSON.stringify(sealed, null, 2), 'application/json')}\n`;
  const { renderEnrichmentMarkdown } = await import('../enrichment/render/markdown.js');
  const markdown = sealText(renderMarkdown(sealed, { sections: [renderEnrichmentMarkdown] }));
  if (format === 'md') return markdown;
  const { renderReportHtml } = await import('../report-html/index.js');
  return renderReportHtml(sealed, { ticketMarkdown: markdown });
}

/** Triage of the inputs, with a progress bar on a terminal. */
async function triageWithProgress(present: string[], extraRules: Rule[], options: CliOptions, io: CliIo): Promise<Report> {
  const totalBytes = present.reduce((sum, p) => sum + (statSync(p).isFile() ? statSync(p).size : 0), 0);
  const bar = ProgressBar.enabled(io.stderr, totalBytes, options.quiet) ? new ProgressBar(io.stderr, totalBytes) : undefined;
  const done = new Map<string, number>();
  const report = await triage(present.map(fileInput), {
    extraRules,
    unrecognizedErrors: options.unrecognizedErrors,
    limits: options.limits,
    // Recorded as the report's alarm so every format shows it (and the page marks the deadline).
    ...(options.alarmTime ? { alarm: { name: 'given with --alarm-time', time: options.alarmTime } } : {}),
    ...(options.collectorUtcOffsetMinutes !== undefined ? { collectorUtcOffsetMinutes: options.collectorUtcOffsetMinutes } : {}),
    ...(bar
      ? {
          onProgress: (p) => {
            done.set(p.input, p.bytesRead);
            bar.update([...done.values()].reduce((a, b) => a + b, 0), p.input);
          },
        }
      : {}),
  });
  bar?.done();
  return report;
}

/** Runs the CLI and returns its exit code; nothing but the report goes to stdout. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const started = Date.now();
  if (argv[0] === 'rules') return runRules(argv.slice(1), io);
  let options: CliOptions;
  try {
    options = parseCli(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      fail(io, `${error.message} (see --help)`);
      return EXIT.usage;
    }
    throw error;
  }
  if (options.help) {
    io.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (options.version) {
    io.stdout.write(`${TOOL_VERSION}\n`);
    return EXIT.ok;
  }
  const missing = options.inputs.filter((p) => !existsSync(p));
  if (missing.length === options.inputs.length) {
    fail(io, `no such file or folder: ${missing.join(', ')}`);
    return EXIT.unusableInput;
  }
  for (const path of missing) io.stderr.write(`incident-triage: warning: no such file or folder, skipped: ${path}\n`);

  let extraRules: Rule[];
  try {
    extraRules = await loadRules(options.rules);
  } catch (error) {
    if (error instanceof RuleFileError) {
      fail(io, error.message);
      return EXIT.usage;
    }
    throw error;
  }

  const present = options.inputs.filter((p) => !missing.includes(p));
  const report = await triageWithProgress(present, extraRules, options, io);

  if (report.inputs.every((i) => i.status === 'unusable')) {
    fail(io, report.inputs.map((i) => i.error ?? `${i.name}: unusable`).join('; '));
    // The page is what an operator opens: it shows why nothing could be read. Scripts reading md/json keep an empty stdout.
    if (options.format === 'html') await writeOutput(await renderOutput(report, 'html'), options, io);
    return EXIT.unusableInput;
  }

  try {
    report.enrichment = await enrichment(report, options);
  } catch (error) {
    fail(io, (error as Error).message);
    return error instanceof UsageError ? EXIT.usage : EXIT.internal;
  }

  await writeOutput(await renderOutput(report, options.format), options, io);
  if (options.stats) io.stderr.write(`${statsLine(report, started)}\n`);
  for (const input of report.inputs) {
    if (input.status !== 'ok') io.stderr.write(sealText(`incident-triage: warning: ${input.name}: ${input.status}: ${input.error ?? ''}`) + '\n');
  }
  if (options.failOn && report.findings.some((f) => severityRank(f.severity) <= severityRank(options.failOn!))) return EXIT.findings;
  return EXIT.ok;
}
