/** Runs one benchmarked command and records wall time and, where measurable, peak RSS. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Measurement {
  seconds: number;
  /** Largest single process of the command (GNU time %M), or null when unavailable. */
  peakRssBytes: number | null;
  /** User + system CPU seconds of the whole process tree (GNU time), or null: steadier than wall time on a busy machine. */
  cpuSeconds: number | null;
  exitCode: number;
  stdout: string;
  stderr: string;
}

const GNU_TIME = '/usr/bin/time';

export const hasGnuTime = (): boolean => existsSync(GNU_TIME);

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ exitCode: number; stdout: string; stderr: string; seconds: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-256 * 1024)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ exitCode: code ?? 1, stdout, stderr, seconds: Number(process.hrtime.bigint() - started) / 1e9 }));
  });
}

/** A shell pipeline, wrapped in GNU time when present. `$1`, `$2`… are taken from `args`. */
export async function measureShell(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Measurement> {
  if (!hasGnuTime()) {
    const r = await run('bash', ['-o', 'pipefail', '-c', script, 'bench', ...args], env);
    return { ...r, peakRssBytes: null, cpuSeconds: null };
  }
  const dir = await mkdtemp(join(tmpdir(), 'bench-time-'));
  try {
    const out = join(dir, 'rss');
    const r = await run(GNU_TIME, ['-f', '%M %U %S', '-o', out, 'bash', '-o', 'pipefail', '-c', script, 'bench', ...args], env);
    const [kb, user, system] = ((await readFile(out, 'utf8')).trim().split('\n').pop() ?? '').split(' ').map(Number);
    const cpu = (user ?? NaN) + (system ?? NaN);
    return { ...r, peakRssBytes: Number.isFinite(kb) ? kb! * 1024 : null, cpuSeconds: Number.isFinite(cpu) ? cpu : null };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A plain command; the caller reads peak RSS from the command itself (CPU time from GNU time when present). */
export async function measureCommand(command: string, args: string[]): Promise<Measurement> {
  const m = await measureShell('exec "$@"', [command, ...args]);
  return { ...m, peakRssBytes: null };
}
