#!/usr/bin/env node
// Bundles the CLI into one ESM file so it starts fast and runs without a TypeScript loader.
// `--if-stale` skips the work when dist/ was built from the current sources (see build-inputs.mjs).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assembleWasmModules } from './assemble-wasm.mjs';
import { buildIsStale, inputsFingerprint, STAMP_FILE } from './build-inputs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Builds dist/ from the sources; returns false when `ifStale` found nothing to do. */
export async function buildCli({ quiet = false, ifStale = false, outdir = 'dist' } = {}) {
  if (ifStale && !buildIsStale(root)) return false;
  // Fingerprint first: a source edited during the build makes the next launch rebuild.
  await assembleWasmModules(root, { quiet });
  const fingerprint = inputsFingerprint(root);
  const { build } = await import('esbuild');
  await build({
    absWorkingDir: root,
    entryPoints: { triage: 'functions/cli/main.ts' },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    sourcemap: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    // CJS dependencies (tar-stream → streamx) call require() at run time.
    banner: { js: "import { createRequire } from 'module';const require = createRequire(import.meta.url);" },
    logLevel: quiet ? 'error' : 'info',
  });
  // Only dist/ is what the launcher runs; another output folder (tests) gets no stamp.
  if (outdir === 'dist') writeFileSync(join(root, STAMP_FILE), `${fingerprint}\n`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outdirAt = process.argv.indexOf('--outdir');
  await buildCli({
    quiet: process.argv.includes('--quiet'),
    ifStale: process.argv.includes('--if-stale'),
    ...(outdirAt > 0 && process.argv[outdirAt + 1] ? { outdir: process.argv[outdirAt + 1] } : {}),
  });
}
