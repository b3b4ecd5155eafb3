/** Benchmark bundles, generated once and cached under the OS temp dir keyed by variant, size and seed. */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBundleTarGz, type Variant } from '../fixtures/bundle-generator.js';

export interface BenchBundle {
  file: string;
  uncompressedBytes: number;
  compressedBytes: number;
  /** Seconds spent generating, or null when it came from the cache. */
  generatedSeconds: number | null;
}

export const BENCH_CACHE_DIR = join(tmpdir(), 'incident-pipeline-bench');
/** Bump when the generator's output changes, so stale cached bundles are not reused. */
const GENERATOR_REVISION = 3;

export async function benchBundle(variant: Variant, targetBytes: number, seed: number, unclaimedErrorRate = 0): Promise<BenchBundle> {
  await mkdir(BENCH_CACHE_DIR, { recursive: true });
  const rate = unclaimedErrorRate ? `-u${unclaimedErrorRate}` : '';
  const base = join(BENCH_CACHE_DIR, `${variant}-${targetBytes}-${seed}${rate}-g${GENERATOR_REVISION}`);
  const file = `${base}.tar.gz`;
  const meta = `${base}.json`;
  if (existsSync(file) && existsSync(meta)) {
    const known = JSON.parse(await readFile(meta, 'utf8')) as Omit<BenchBundle, 'file' | 'generatedSeconds'>;
    return { file, ...known, generatedSeconds: null };
  }
  const partial = `${base}.partial.tar.gz`;
  const started = process.hrtime.bigint();
  try {
    const result = await writeBundleTarGz({ variant, targetBytes, seed, ...(unclaimedErrorRate ? { unclaimedErrorRate } : {}) }, partial);
    await rename(partial, file);
    const sizes = { uncompressedBytes: result.uncompressedBytes, compressedBytes: result.compressedBytes };
    await writeFile(meta, JSON.stringify(sizes));
    return { file, ...sizes, generatedSeconds: Number(process.hrtime.bigint() - started) / 1e9 };
  } finally {
    await rm(partial, { force: true });
  }
}
