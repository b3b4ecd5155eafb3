import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildIsStale, inputsFingerprint, STAMP_FILE } from '../../bin/build-inputs.mjs';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fakeCheckout(): string {
  const root = mkdtempSync(join(tmpdir(), 'launcher-'));
  dirs.push(root);
  mkdirSync(join(root, 'functions', 'cli'), { recursive: true });
  mkdirSync(join(root, 'dist'));
  writeFileSync(join(root, 'functions', 'cli', 'main.ts'), 'export {};\n');
  writeFileSync(join(root, 'package.json'), '{}\n');
  writeFileSync(join(root, STAMP_FILE), `${inputsFingerprint(root)}\n`);
  return root;
}

describe('build staleness', () => {
  it('is fresh right after a build and stale without a stamp', () => {
    const root = fakeCheckout();
    expect(buildIsStale(root)).toBe(false);
    rmSync(join(root, STAMP_FILE));
    expect(buildIsStale(root)).toBe(true);
  });

  it('turns stale when a source changes, even to an older mtime, or a file is added', () => {
    const root = fakeCheckout();
    const main = join(root, 'functions', 'cli', 'main.ts');
    utimesSync(main, new Date(2001, 0, 1), new Date(2001, 0, 1));
    expect(buildIsStale(root)).toBe(true);
    writeFileSync(join(root, STAMP_FILE), `${inputsFingerprint(root)}\n`);
    writeFileSync(join(root, 'functions', 'cli', 'extra.ts'), 'export {};\n');
    expect(buildIsStale(root)).toBe(true);
  });
});

/** The machine's own Node when it is older than 24 (the launcher then re-runs itself on the project's Node). */
function oldSystemNode(): string | undefined {
  for (const node of ['/usr/bin/node', '/usr/local/bin/node']) {
    const r = spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' });
    if (r.status === 0 && Number(r.stdout.split('.')[0]) < 24) return node;
  }
  return undefined;
}

describe('bin/incident-triage.mjs on an older system Node', () => {
  const node = oldSystemNode();
  it.skipIf(!node)('re-runs on the project Node 24, passing arguments and the exit code', () => {
    const r = spawnSync(node!, ['bin/incident-triage.mjs', '--no-such-option'], { encoding: 'utf8' });
    expect(r.stderr).toMatch(/--no-such-option/);
    expect(r.status).not.toBe(0);
    const help = spawnSync(node!, ['bin/incident-triage.mjs', '--help'], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/incident-triage|usage/i);
  });

  it.skipIf(!node)('states the requirement when no Node 24 can be found', () => {
    const r = spawnSync(node!, ['bin/incident-triage.mjs', '--help'], { encoding: 'utf8', env: { ...process.env, INCIDENT_TRIAGE_REEXEC: '1' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/needs Node\.js 24 or newer/);
  });
});
