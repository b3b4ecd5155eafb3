#!/usr/bin/env node
// Bundles the CLI into one ESM file so it starts fast and runs without a TypeScript loader.
import { build } from 'esbuild';

const quiet = process.argv.includes('--quiet');
await build({
  entryPoints: { triage: 'functions/cli/main.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  // CJS dependencies (tar-stream → streamx) call require() at run time.
  banner: { js: "import { createRequire } from 'module';const require = createRequire(import.meta.url);" },
  logLevel: quiet ? 'error' : 'info',
});
