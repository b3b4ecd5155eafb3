import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { run } from '../../functions/cli/run.js';
import { parseRulePack, type Report } from '../../functions/triage/index.js';
import { matchLine, RuleSet } from '../../functions/triage/rules/compile.js';
import { tempDir } from '../triage/helpers.js';

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough() as unknown as NodeJS.WriteStream;
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  (stderr as unknown as PassThrough).on('data', (c: Buffer) => err.push(c));
  return { io: { stdout, stderr, env: {} }, out: () => Buffer.concat(out).toString(), err: () => Buffer.concat(err).toString() };
}

const T = '2025-03-14T09:40:12.318Z';
const LOG = [
  `${T} [ERROR] client.driver_mgr: failed to fingerprint driver: driver=qemu error="exec: qemu-system-x86_64: not found"`,
  `${T} [ERROR] client.driver_mgr: failed to fingerprint driver: driver=java error="exec: java: not found"`,
  '{"level":"error","ts":"2025-03-14T09:40:13.000Z","caller":"x/y.go:12","msg":"widget sync failed","error":"context \\"deadline\\" exceeded","id":42}',
  'E0314 09:40:14.318412       1 proxier.go:1565] "Failed to execute iptables-restore" err="exit status 1" password=hunter2secret',
  `${T} [ERROR] <*> 42`,
].join('\n');

describe('incident-triage rules suggest', () => {
  let dir: string;
  let reportPath: string;
  let report: Report;

  beforeAll(async () => {
    dir = tempDir('suggest');
    const log = join(dir, 'nomad-client.log');
    writeFileSync(log, `${LOG}\n`);
    reportPath = join(dir, 'report.json');
    expect(await run([log, '--format', 'json', '--out', reportPath, '--quiet'], io().io)).toBe(0);
    report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
  });

  it('prints a rule file the loader accepts, whose rules claim their template evidence lines', async () => {
    const t = io();
    expect(await run(['rules', 'suggest', reportPath], t.io)).toBe(0);
    const rules = parseRulePack(parseYaml(t.out()), 'suggested');
    const templates = report.findings.flatMap((f) => f.templates ?? []);
    expect(templates.length).toBe(4);
    // The all-variable template has no constant text: it is named, not drafted.
    expect(rules.length).toBe(3);
    expect(t.out()).toContain('write this rule by hand');
    const set = new RuleSet(rules);
    const file = { path: 'nomad-client.log', kind: 'journald' as const, service: 'nomad-client', input: 'nomad-client.log' };
    const lineRules = set.forFile(file).lineRules;
    for (const template of templates.filter((x) => !x.template.startsWith('<*>'))) {
      const claimed = matchLine(lineRules, template.example.text);
      expect(claimed?.rule.rule.title, template.template).toContain('nomad-client: ');
    }
    expect(t.out()).not.toContain('hunter2secret');
  });

  it('prints only the chosen template with --template N, and the rule claims it on a rerun', async () => {
    const t = io();
    expect(await run(['rules', 'suggest', reportPath, '--template', '1'], t.io)).toBe(0);
    const rules = parseRulePack(parseYaml(t.out()), 'suggested');
    expect(rules.length).toBe(1);
    const rulePath = join(dir, 'rule.yaml');
    writeFileSync(rulePath, t.out());
    const rerun = io();
    expect(await run([join(dir, 'nomad-client.log'), '--rules', rulePath, '--format', 'json', '--quiet'], rerun.io)).toBe(0);
    const again = JSON.parse(rerun.out()) as Report;
    expect(again.findings.find((f) => f.ruleId === rules[0]!.id)?.count).toBe(2);
  });

  it.each([
    [['rules'], 2, /missing rules command/],
    [['rules', 'frobnicate', 'x'], 2, /unknown rules command/],
    [['rules', 'suggest'], 2, /needs a JSON report/],
    [['rules', 'suggest', 'REPORT', '--template', 'zero'], 2, /--template expects/],
    [['rules', 'suggest', 'REPORT', '--template', '99'], 2, /no template 99 .* \(it has 4\)/],
    [['rules', 'suggest', '/nonexistent/report.json'], 3, /cannot read/],
    [['rules', 'suggest', 'LOG'], 3, /is not JSON/],
  ])('%j exits %i with a clear message', async (argv, code, message) => {
    const t = io();
    const args = argv.map((a) => (a === 'REPORT' ? reportPath : a === 'LOG' ? join(dir, 'nomad-client.log') : a));
    expect(await run(args, t.io)).toBe(code);
    expect(t.err()).toMatch(message);
    expect(t.err().trim().split('\n').length).toBe(1);
  });

  it('rejects JSON that is not a triage report and says nothing to suggest for a report without templates', async () => {
    const other = join(dir, 'other.json');
    writeFileSync(other, '{"hello":1}');
    const t = io();
    expect(await run(['rules', 'suggest', other], t.io)).toBe(3);
    expect(t.err()).toMatch(/is not a triage report/);
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, JSON.stringify({ ...report, findings: report.findings.filter((f) => !f.templates) }));
    const e = io();
    expect(await run(['rules', 'suggest', empty], e.io)).toBe(0);
    expect(e.err()).toMatch(/nothing to suggest/);
    expect(e.out()).toBe('');
  });
});
