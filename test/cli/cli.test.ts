import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../functions/cli/run.js';
import { reportSchema } from '../../functions/triage/index.js';
import { writeBundleTarGz } from '../fixtures/bundle-generator.js';
import { REPO_ROOT, tempDir } from '../triage/helpers.js';

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough() as unknown as NodeJS.WriteStream;
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  (stderr as unknown as PassThrough).on('data', (c: Buffer) => err.push(c));
  return { io: { stdout, stderr, env: {} }, out: () => Buffer.concat(out).toString(), err: () => Buffer.concat(err).toString() };
}

describe('incident-triage CLI', () => {
  let bundle: string;
  let dir: string;

  beforeAll(async () => {
    dir = tempDir('cli');
    ({ file: bundle } = await writeBundleTarGz({ variant: 'asg-typo' }, join(dir, 'support-bundle-2025-03-14T09_41_07.tar.gz')));
  });

  it('prints the Markdown ticket to stdout and exits 0', async () => {
    const t = io();
    expect(await run([bundle], t.io)).toBe(0);
    expect(t.out()).toMatch(/^# CircleCI Server incident: /);
    expect(t.out()).toContain('| CircleCI Server version |');
    expect(t.out()).toContain('nomad-autoscaler.asg-not-found');
    expect(t.err()).toBe('');
  });

  it('writes schema-valid JSON to --out and nothing to stdout', async () => {
    const t = io();
    const out = join(dir, 'report.json');
    expect(await run([bundle, '--format', 'json', '--out', out], t.io)).toBe(0);
    expect(t.out()).toBe('');
    const report: unknown = JSON.parse(readFileSync(out, 'utf8'));
    expect(reportSchema.safeParse(report).success).toBe(true);
  });

  it('loads extra rules from a YAML file and applies them', async () => {
    const rules = join(dir, 'rules.yaml');
    writeFileSync(
      rules,
      [
        'rules:',
        '  - id: local.autoscaler-agent-start',
        '    title: Autoscaler agent started',
        '    issueType: nomad-autoscaler',
        '    severity: info',
        '    appliesTo: { services: [nomad-autoscaler] }',
        "    patterns: ['Starting Nomad Autoscaler agent']",
        '    explanation: The agent (re)started.',
        '    remediation: [Nothing to do.]',
        '',
      ].join('\n'),
    );
    const t = io();
    expect(await run([bundle, '--format', 'json', '--rules', rules], t.io)).toBe(0);
    const report = JSON.parse(t.out()) as { findings: { ruleId: string; count: number }[] };
    expect(report.findings.find((f) => f.ruleId === 'local.autoscaler-agent-start')?.count).toBeGreaterThan(0);
  });

  it.each([
    [['--format', 'xml', 'x'], /--format must be md, json or html/],
    [[], /no input given/],
    [['--bogus', 'x'], /Unknown option/],
    [['--fail-on', 'urgent', 'x'], /--fail-on must be one of/],
    [['--max-locations', '10', 'x'], /at least 1000/],
  ])('exits 2 with one line for bad usage %j', async (args, message) => {
    const t = io();
    expect(await run(args, t.io)).toBe(2);
    expect(t.err()).toMatch(message);
    expect(t.err().trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 with the rule and field named for an invalid rule file', async () => {
    const rules = join(dir, 'bad-rules.yaml');
    writeFileSync(rules, 'rules:\n  - id: Bad Id\n    title: x\n');
    const t = io();
    expect(await run([bundle, '--rules', rules], t.io)).toBe(2);
    expect(t.err()).toMatch(/invalid rule file at rules\.0\.id/);
  });

  it('exits 3 when no input can be read', async () => {
    const bad = join(dir, 'bundle.tar.gz');
    writeFileSync(bad, 'not a bundle');
    const t = io();
    expect(await run([bad], t.io)).toBe(3);
    expect(t.err()).toMatch(/^incident-triage: error: .*not gzip-compressed/);
    const missing = io();
    expect(await run([join(dir, 'nope.tar.gz')], missing.io)).toBe(3);
  });

  it('exits 1 with --fail-on when a finding reaches that severity', async () => {
    const t = io();
    expect(await run([bundle, '--fail-on', 'critical', '--out', join(dir, 'x.md')], t.io)).toBe(1);
  });

  it('runs as the built CLI: only the report on a pipe, stats on request', () => {
    // Built into the test's temp folder, not dist/: the test leaves the source tree as it was.
    const outdir = join(dir, 'dist');
    execFileSync('node', ['bin/build.mjs', '--quiet', '--outdir', outdir], { cwd: REPO_ROOT });
    const result = spawnSync('node', [join(outdir, 'triage.mjs'), bundle, '--format', 'json', '--stats'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(() => JSON.parse(result.stdout) as unknown).not.toThrow();
    const stats = JSON.parse(result.stderr.trim().split('\n').at(-1)!) as { stats: { maxRssBytes: number; bytesScanned: number } };
    expect(stats.stats.bytesScanned).toBeGreaterThan(0);
    expect(stats.stats.maxRssBytes).toBeGreaterThan(0);
  });
});
