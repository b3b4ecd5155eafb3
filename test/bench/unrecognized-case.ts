/**
 * Bench case of the unrecognised-error pass: the same bundle with and without 1 % of its lines
 * replaced by error lines no rule claims, and the 1 % bundle with the pass switched off. Prints
 * the pass's share of triage time (target < 10 %).
 */
import type { Variant } from '../fixtures/bundle-generator.js';
import { formatSize } from '../fixtures/size.js';
import { benchBundle } from './bench-bundles.js';
import { measureCommand } from './measure.js';
import { parseStatsLine } from './triage-stats.js';

export const UNCLAIMED_ERROR_RATE = 0.01;
const PASS_COST_TARGET = 0.1;

export interface UnrecognizedCaseResult {
  withoutErrors: number;
  withErrors: number;
  passOff: number;
  /** (with errors − pass off) / with errors: the pass's own share of triage time. */
  passShare: number;
  /** (with errors − without errors) / with errors: what 1 % unclaimed errors add. */
  errorsShare: number;
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

async function seconds(cli: string, file: string, extra: string[], runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const m = await measureCommand(process.execPath, [cli, file, '--format', 'json', '--out', '/dev/null', '--stats', ...extra]);
    if (m.exitCode !== 0) throw new Error(`triage failed on ${file}: ${m.stderr.trim().split('\n').pop() ?? ''}`);
    const stats = parseStatsLine(m.stderr);
    const ms = stats?.cpuMs ?? stats?.wallMs;
    times.push(ms !== undefined ? ms / 1000 : m.seconds);
  }
  return median(times);
}

export async function runUnrecognizedCase(cli: string, variant: Variant, size: number, seed: number, runs: number): Promise<UnrecognizedCaseResult> {
  const base = await benchBundle(variant, size, seed);
  const noisy = await benchBundle(variant, size, seed, UNCLAIMED_ERROR_RATE);
  // Interleaved, so drift in machine load hits all three alike.
  const a: number[] = [];
  const b: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(await seconds(cli, base.file, [], 1));
    b.push(await seconds(cli, noisy.file, [], 1));
    c.push(await seconds(cli, noisy.file, ['--no-unrecognized'], 1));
  }
  const [withoutErrors, withErrors, passOff] = [median(a), median(b), median(c)];
  const result = { withoutErrors, withErrors, passOff, passShare: (withErrors - passOff) / withErrors, errorsShare: (withErrors - withoutErrors) / withErrors };
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  console.log('');
  console.log(`Unrecognised-error pass, ${formatSize(size)} ${variant} bundle, ${UNCLAIMED_ERROR_RATE * 100} % unclaimed error lines, median of ${runs}, CPU seconds of the triage process:`);
  console.log(`  triage, no unclaimed errors        ${withoutErrors.toFixed(2)} s`);
  console.log(`  triage, 1 % unclaimed errors       ${withErrors.toFixed(2)} s`);
  console.log(`  same bundle, --no-unrecognized     ${passOff.toFixed(2)} s`);
  console.log(`  pass cost (1 % vs pass off)        ${pct(result.passShare)} of triage time (target < ${pct(PASS_COST_TARGET)}) ${result.passShare < PASS_COST_TARGET ? 'OK' : 'MISSED'}`);
  console.log(`  1 % vs 0 % unclaimed errors        ${pct(result.errorsShare)} of triage time`);
  return result;
}
