import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { reportSchema, type Report } from '../triage/report/schema.js';
import { suggestionYaml, suggestRules } from '../triage/unrecognized/suggest.js';
import { EXIT, UsageError } from './exit-codes.js';

export const RULES_USAGE = `Usage: incident-triage rules suggest <report.json> [--template N] [--out FILE]

Prints a draft YAML rule for each unrecognised error template of a JSON report (made with
--format json), or for template N only (the # column of the ticket's "Unrecognised errors").
Edit the draft and pass it to the triage with --rules FILE.`;

interface SuggestOptions {
  report: string;
  template?: number;
  out?: string;
}

function parse(argv: string[]): SuggestOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { template: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.values.help) return 'help';
  const [command, report, ...rest] = parsed.positionals;
  if (command !== 'suggest') throw new UsageError(command ? `unknown rules command "${command}" (known: suggest)` : 'missing rules command (known: suggest)');
  if (!report) throw new UsageError('rules suggest needs a JSON report file');
  if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
  const raw = parsed.values.template;
  let template: number | undefined;
  if (raw !== undefined) {
    template = Number(raw);
    if (!Number.isInteger(template) || template < 1) throw new UsageError(`--template expects a template number (1, 2, …), got "${raw}"`);
  }
  return { report, ...(template !== undefined ? { template } : {}), ...(parsed.values.out !== undefined ? { out: parsed.values.out } : {}) };
}

class ReportFileError extends Error {}

async function readReport(path: string): Promise<Report> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ReportFileError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new ReportFileError(`${path} is not JSON: make the report with --format json`);
  }
  const parsed = reportSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ReportFileError(`${path} is not a triage report (at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'})`);
  }
  return parsed.data;
}

/** `incident-triage rules …`: returns the exit code; the YAML goes to stdout (or --out). */
export async function runRules(argv: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }): Promise<number> {
  let options: SuggestOptions | 'help';
  try {
    options = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`incident-triage: error: ${error.message} (see incident-triage rules --help)\n`);
    return EXIT.usage;
  }
  if (options === 'help') {
    io.stdout.write(`${RULES_USAGE}\n`);
    return EXIT.ok;
  }
  let report: Report;
  try {
    report = await readReport(options.report);
  } catch (error) {
    if (!(error instanceof ReportFileError)) throw error;
    io.stderr.write(`incident-triage: error: ${error.message}\n`);
    return EXIT.unusableInput;
  }
  const suggestions = suggestRules(report, options.template);
  if (!suggestions.length) {
    const all = suggestRules(report).length;
    io.stderr.write(
      options.template !== undefined && all
        ? `incident-triage: error: no template ${options.template} in ${options.report} (it has ${all})\n`
        : `incident-triage: the report holds no unrecognised error templates; nothing to suggest\n`,
    );
    return options.template !== undefined && all ? EXIT.usage : EXIT.ok;
  }
  const yaml = suggestionYaml(suggestions);
  if (options.out) await writeFile(options.out, yaml);
  else io.stdout.write(yaml);
  return EXIT.ok;
}
