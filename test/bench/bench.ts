/**
 * npm run bench [-- --sizes 200MB,1GB] [--smoke] [--variant asg-typo] [--seed N] [--runs N] [--rebuild]
 *                [--unrecognized-size 200MB | --no-unrecognized-case]
 *                [--uploads 30 --upload-size 4MB | --no-incremental-case]
 *
 * Times the built triage CLI and the documented `npm run triage` (whole process) against Node's
 * own gunzip, gzip -dc and tar|grep / tar|rg baselines on generated bundles
 * and prints a table with the project's throughput and memory targets. Targets are reported, not
 * asserted: the exit code is non-zero only when triage itself fails (or the rule pack is missing).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildIsStale } from '../../bin/build-inputs.mjs';
import { DEFAULT_SEED, VARIANTS, type Variant } from '../fixtures/bundle-generator.js';
import { formatSize, parseSize } from '../fixtures/size.js';
import { BENCH_CACHE_DIR, benchBundle, type BenchBundle } from './bench-bundles.js';
import { measureCommand, measureShell, type Measurement } from './measure.js';
import { rulePatternFile, type PatternRule } from './posix-ere.js';
import { DOCUMENTED, NODE_GUNZIP, printReport, type SizeResult, type ToolResult } from './report.js';
import { parseStatsLine } from './triage-stats.js';
import { runUnrecognizedCase } from './unrecognized-case.js';
import { printIncrementalCase, runIncrementalCase } from './incremental-case.js';

const TRIAGE_CLI = 'dist/triage.mjs';

class BenchSetupError extends Error {}

async function loadRules(): Promise<readonly PatternRule[]> {
  try {
    const pack = (await import('../../functions/triage/rules/circleci-server.js')) as { CIRCLECI_SERVER_RULES?: unknown };
    const rules = pack.CIRCLECI_SERVER_RULES;
    if (!Array.isArray(rules) || rules.length === 0) throw new Error('CIRCLECI_SERVER_RULES is missing or empty');
    return rules as readonly PatternRule[];
  } catch (error) {
    throw new BenchSetupError(
      `cannot load the rule pack (functions/triage/rules/circleci-server.ts exporting CIRCLECI_SERVER_RULES): ${(error as Error).message}`,
    );
  }
}

function ensureTriageBuilt(rebuild: boolean): void {
  // The same staleness check as the launcher: never time a CLI older than the sources.
  if (existsSync(TRIAGE_CLI) && !rebuild && !buildIsStale(process.cwd())) return;
  const build = spawnSync(process.execPath, ['bin/build.mjs', '--quiet'], { stdio: 'inherit' });
  if (build.status !== 0 || !existsSync(TRIAGE_CLI)) throw new BenchSetupError(`building ${TRIAGE_CLI} failed (node bin/build.mjs --quiet)`);
}

const hasRipgrep = (): boolean => spawnSync('rg', ['--version'], { stdio: 'ignore' }).status === 0;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function repeat(runs: number, once: () => Promise<ToolResult>): Promise<ToolResult> {
  const results: ToolResult[] = [];
  for (let i = 0; i < runs; i++) results.push(await once());
  const failed = results.find((r) => r.error);
  if (failed) return failed;
  const rss = results.map((r) => r.peakRssBytes).filter((v): v is number => v !== null);
  const cpu = results.map((r) => r.cpuSeconds).filter((v): v is number => v != null);
  return {
    ...(results[0] as ToolResult),
    seconds: median(results.map((r) => r.seconds)),
    cpuSeconds: cpu.length ? median(cpu) : null,
    peakRssBytes: rss.length ? Math.max(...rss) : null,
  };
}

function fromMeasurement(tool: string, m: Measurement, okCodes: number[] = [0]): ToolResult {
  const ok = okCodes.includes(m.exitCode);
  return {
    tool,
    seconds: m.seconds,
    peakRssBytes: m.peakRssBytes,
    cpuSeconds: m.cpuSeconds,
    detail: m.stdout.trim().split('\n').pop() ?? '',
    ...(ok ? {} : { error: `exit ${m.exitCode}: ${m.stderr.trim().split('\n').slice(-3).join(' | ')}` }),
  };
}

async function triage(bundle: BenchBundle): Promise<ToolResult> {
  // The young-generation size the package binary and `npm run triage` start with.
  const m = await measureCommand(process.execPath, ['--max-semi-space-size=4', TRIAGE_CLI, bundle.file, '--format', 'json', '--out', '/dev/null', '--stats']);
  const stats = parseStatsLine(m.stderr);
  const result = fromMeasurement('triage', m);
  if (!stats && !result.error) result.error = 'no {"stats"…} line on stderr';
  return { ...result, peakRssBytes: stats?.maxRssBytes ?? null, detail: stats?.bytesScanned !== undefined ? `scanned ${formatSize(stats.bytesScanned)}` : '' };
}

/** The README's command as a user types it: npm, the launcher, the build check and the CLI, one process tree. */
async function documentedCommand(bundle: BenchBundle): Promise<ToolResult> {
  return fromMeasurement(DOCUMENTED, await measureShell('npm run -s triage -- "$1" --format json --out /dev/null', [bundle.file]));
}

/** Node's zlib alone on the same file, with the triage's output chunk size: what any Node reader must pay. */
const NODE_GUNZIP_SCRIPT = [
  "const { createReadStream } = require('node:fs');",
  "const { createGunzip } = require('node:zlib');",
  'let n = 0;',
  "createReadStream(process.argv[1]).pipe(createGunzip({ chunkSize: 128 * 1024 })).on('data', (c) => (n += c.length)).on('end', () => console.log(`${n} bytes`));",
].join('\n');

async function nodeGunzip(bundle: BenchBundle): Promise<ToolResult> {
  return fromMeasurement(NODE_GUNZIP, await measureShell('"$1" -e "$2" "$3"', [process.execPath, NODE_GUNZIP_SCRIPT, bundle.file]));
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: '300MB,1GB' },
      smoke: { type: 'boolean', default: false },
      variant: { type: 'string', default: 'asg-typo' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      runs: { type: 'string', default: '1' },
      rebuild: { type: 'boolean', default: false },
      'unrecognized-size': { type: 'string' },
      'no-unrecognized-case': { type: 'boolean', default: false },
      uploads: { type: 'string', default: '30' },
      'upload-size': { type: 'string', default: '4MB' },
      'no-incremental-case': { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!(VARIANTS as readonly string[]).includes(values.variant)) throw new BenchSetupError(`unknown --variant ${values.variant}`);
  const variant = values.variant as Variant;
  const seed = Number(values.seed);
  const runs = Math.max(1, Number(values.runs));
  const sizes = values.smoke ? [20_000_000] : values.sizes.split(',').map(parseSize);

  const rules = await loadRules();
  ensureTriageBuilt(values.rebuild);
  const { lines, ignoreCase } = rulePatternFile(rules);
  const patterns = join(BENCH_CACHE_DIR, 'patterns.ere');
  const bundles: BenchBundle[] = [];
  for (const size of sizes) {
    const bundle = await benchBundle(variant, size, seed);
    console.log(
      `bundle ${formatSize(size)}: ${bundle.file} (${formatSize(bundle.uncompressedBytes)} → ${formatSize(bundle.compressedBytes)}` +
        `${bundle.generatedSeconds === null ? ', cached' : `, generated in ${bundle.generatedSeconds.toFixed(1)} s`})`,
    );
    bundles.push(bundle);
  }
  await writeFile(patterns, `${lines.join('\n')}\n`);
  const caseFlag = ignoreCase ? '-i' : '';
  const cLocale = { ...process.env, LC_ALL: 'C' };
  const ripgrep = hasRipgrep();
  console.log(`${rules.length} rules, ${lines.length} patterns as POSIX ERE in ${patterns}${ignoreCase ? ' (case-insensitive)' : ''}; ${runs} run(s) each, median`);

  const results: SizeResult[] = [];
  for (const [index, bundle] of bundles.entries()) {
    const tools: ToolResult[] = [];
    tools.push(await repeat(runs, () => triage(bundle)));
    tools.push(await repeat(runs, () => documentedCommand(bundle)));
    // (Further triage modes, such as an incremental upload, add their rows here.)
    tools.push(await repeat(runs, () => nodeGunzip(bundle)));
    tools.push(await repeat(runs, async () => fromMeasurement('gunzip', await measureShell('gzip -dc "$1" > /dev/null', [bundle.file]))));
    // grep -c exits 1 when no line matched; that is still a valid count.
    const grepScript = `tar -xzOf "$1" | grep -E -c ${caseFlag} -f "$2"; s=("\${PIPESTATUS[@]}"); [ "\${s[0]}" = 0 ] && [ "\${s[1]}" -le 1 ]`;
    tools.push(await repeat(runs, async () => fromMeasurement('tar|grep', await measureShell(grepScript, [bundle.file, patterns], cLocale))));
    if (ripgrep) {
      const rgScript = `tar -xzOf "$1" | rg -c ${caseFlag} -f "$2"; s=("\${PIPESTATUS[@]}"); [ "\${s[0]}" = 0 ] && [ "\${s[1]}" -le 1 ]`;
      tools.push(await repeat(runs, async () => fromMeasurement('tar|rg', await measureShell(rgScript, [bundle.file, patterns], cLocale))));
    }
    results.push({ targetBytes: sizes[index] as number, uncompressedBytes: bundle.uncompressedBytes, tools });
  }
  printReport(results, { ripgrep });
  if (!values['no-unrecognized-case']) {
    const size = values['unrecognized-size'] ? parseSize(values['unrecognized-size']) : (sizes[0] as number);
    await runUnrecognizedCase(TRIAGE_CLI, variant, size, seed, Math.max(3, runs));
  }
  if (!values['no-incremental-case']) {
    const uploads = values.smoke ? 10 : Math.max(2, Number(values.uploads));
    printIncrementalCase(await runIncrementalCase(uploads, values.smoke ? 1_000_000 : parseSize(values['upload-size'])));
  }
  const triageFailed = results.some((r) => r.tools.find((t) => t.tool === 'triage')?.error);
  return triageFailed ? 1 : 0;
}

main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = error instanceof BenchSetupError ? 2 : 1;
  });
