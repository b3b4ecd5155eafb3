import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileInput, renderMarkdown, reportSchema, triage, type Rule } from '../../functions/triage/index.js';
import { bytesInput, SKIP_WITHOUT_TROUBLESHOOT, TROUBLESHOOT_DIR, TROUBLESHOOT_SUITE } from './helpers.js';

const NOW = () => new Date('2025-03-14T10:00:00Z');
const T = '2025-03-14T09:40:12.318Z';

/** A Nomad client log (hand-collected journal) with unknown errors among known and benign lines. */
const NOMAD_LOG = [
  `${T} [ERROR] client.driver_mgr: failed to fingerprint driver: driver=qemu error="exec: qemu-system-x86_64: not found"`,
  `${T} [ERROR] client.driver_mgr: failed to fingerprint driver: driver=java error="exec: java: not found"`,
  `${T} [INFO]  client.driver_mgr: failed to fingerprint driver is an info line here: driver=raw_exec`,
  `${T} [DEBUG] client: error reading stats, will retry`,
  `${T} [WARN]  client: error heartbeating, retrying`,
  // Claimed by the pack (nomad-client.docker-network-missing family).
  `${T} [ERROR] client.alloc_runner.task_runner: running driver failed: alloc_id=8c1a2b3c-1111-4222-8333-444455556666 task=build error="failed to create container: API error (404): network ci-privileged not found"`,
  // The pack's own benign look-alike (Nomad's update checkpoint from an air-gapped host).
  `${T} [ERROR] agent: failed to check for updates: error="Get \\"https://checkpoint-api.hashicorp.com/v1/check/nomad\\": dial tcp: lookup checkpoint-api.hashicorp.com: no such host"`,
  `${T} [ERROR] client.gc: widget collection stalled: reason=busy`,
].join('\n');

async function run(text: string, extraRules: Rule[] = [], unrecognizedErrors = true) {
  return triage([bytesInput('nomad-client.log', text)], { now: NOW, extraRules, unrecognizedErrors });
}

function unrecognized(report: Awaited<ReturnType<typeof run>>) {
  return report.findings.filter((f) => f.ruleId.startsWith('unrecognized-errors.'));
}

describe('unrecognised errors in a triage', () => {
  it('reports only error-level lines no rule claims and no pattern marks benign, as templates', async () => {
    const report = await run(NOMAD_LOG);
    const [finding, ...others] = unrecognized(report);
    expect(others).toEqual([]);
    expect(finding).toMatchObject({ ruleId: 'unrecognized-errors.nomad-client', issueType: 'nomad-client', severity: 'low', service: 'nomad-client', count: 3 });
    expect(finding!.templates!.map((t) => [t.index, t.count, t.template])).toEqual([
      [1, 2, 'client.driver_mgr: failed to fingerprint driver: <*> error="exec: <*> not found"'],
      [2, 1, 'client.gc: widget collection stalled: reason=busy'],
    ]);
    expect(finding!.data.template).toEqual(['client.driver_mgr: failed to fingerprint driver: <*> error="exec: <*> not found"']);
    expect(finding!.evidence.map((e) => e.line)).toEqual([1, 8]);
    expect(finding!.locations.map((l) => l.line)).toEqual([1, 2, 8]);
    expect(finding!.firstSeen).toBe(T);
    const texts = finding!.evidence.map((e) => e.text).join('\n');
    expect(texts).not.toMatch(/INFO|DEBUG|WARN|ci-privileged|checkpoint-api/);
    expect(reportSchema.safeParse(report).success).toBe(true);
  });

  it('never lets unrecognised errors set the headline, the severity or a cascade', async () => {
    const unknownOnly = NOMAD_LOG.split('\n').filter((l) => /driver_mgr: failed|widget/.test(l)).join('\n');
    const on = await run(unknownOnly);
    const off = await run(unknownOnly, [], false);
    expect(unrecognized(on).length).toBe(1);
    expect(on.summary.severity).toBe(off.summary.severity);
    expect(on.summary.headline).toBe(`${off.summary.headline}; unrecognised error lines in 1 service`);
    expect(on.findings.some((f) => f.issueType === 'cascade')).toBe(false);
  });

  it('keeps lines of an ignore rule out of both the findings and the pass', async () => {
    const ignore: Rule = {
      id: 'local.fingerprint-noise',
      title: 'Driver fingerprint noise',
      issueType: 'nomad-client',
      severity: 'info',
      patterns: ['failed to fingerprint driver'],
      ignore: true,
      explanation: 'Drivers this fleet does not install.',
      remediation: ['Nothing to do.'],
    };
    const report = await run(NOMAD_LOG, [ignore]);
    expect(report.findings.find((f) => f.ruleId === 'local.fingerprint-noise')).toBeUndefined();
    expect(unrecognized(report)[0]!.templates!.map((t) => t.template)).toEqual(['client.gc: widget collection stalled: reason=busy']);
  });

  it('sends a line a rule defers to another rule to the pass when no rule claims it, and keeps an unless line out', async () => {
    const line = `${T} [ERROR] client.gc: widget collection stalled: reason=busy`;
    const rule = (field: 'unless' | 'defer'): Rule => ({
      id: `local.widget-${field}`,
      title: 'Widget collection stalled',
      issueType: 'nomad-client',
      severity: 'medium',
      patterns: ['widget collection stalled'],
      [field]: ['reason=busy'],
      explanation: 'The widget collector stalled on this client.',
      remediation: ['Restart the widget collector.'],
    });
    const deferred = await run(line, [rule('defer')]);
    expect(deferred.findings.map((f) => f.ruleId)).not.toContain('local.widget-defer');
    expect(unrecognized(deferred).map((f) => f.count)).toEqual([1]);
    const excused = await run(line, [rule('unless')]);
    expect(excused.findings.map((f) => f.ruleId)).not.toContain('local.widget-unless');
    expect(unrecognized(excused)).toEqual([]);
  });

  it("keeps the Nomad docker driver's unknown errors in the pass (no rule's scoping marks them benign)", async () => {
    const report = await run(`${T} [ERROR] client.driver_mgr.docker: zorblax frobnication went sideways: driver=docker code=400`);
    expect(unrecognized(report).map((f) => [f.ruleId, f.count])).toEqual([['unrecognized-errors.nomad-client', 1]]);
  });

  it('raises severity to medium with volume', async () => {
    const lines = Array.from({ length: 120 }, (_, i) => `${T} [ERROR] client.gc: widget collection stalled: reason=busy${i}`);
    expect(unrecognized(await run(lines.join('\n')))[0]!.severity).toBe('medium');
  });

  it('adds nothing when the pass is off or nothing is unclaimed', async () => {
    expect(unrecognized(await run(NOMAD_LOG, [], false))).toEqual([]);
    expect(unrecognized(await run(`${T} [INFO]  client: started\n${T} [ERROR] agent: failed to check for updates: error="checkpoint-api.hashicorp.com"`))).toEqual([]);
  });

  it('masks secrets in templates and evidence', async () => {
    const report = await run(`${T} [ERROR] vault.client: login failed: token=hvs.CAESIJ2vQx0aFbZkq8Yt3nR7sWmLpD4uE6gH1jK9oXcV5zNb url=https://user:hunter2secret@vault.example.com/v1`);
    const json = JSON.stringify(unrecognized(report));
    expect(json).not.toContain('hunter2secret');
    expect(json).not.toContain('CAESIJ2vQx0aFbZkq8Yt3nR7sWmLpD4uE6gH1jK9oXcV5zNb');
  });

  it('renders a short Unrecognised errors section, outside the findings', async () => {
    const md = renderMarkdown(await run(NOMAD_LOG));
    const section = md.slice(md.indexOf('## Unrecognised errors'), md.indexOf('## Missing evidence'));
    expect(section).toContain('| 1 | nomad-client | 2 |');
    expect(section).toContain('rules suggest');
    expect(md.slice(md.indexOf('## Findings'), md.indexOf('## Unrecognised errors'))).not.toContain('unrecognized-errors.');
  });

  it.skipIf(SKIP_WITHOUT_TROUBLESHOOT)(`finds the real i/o timeouts of a real troubleshoot bundle (k3s traefik, klog; ${TROUBLESHOOT_SUITE})`, async () => {
    const report = await triage([fileInput(join(TROUBLESHOOT_DIR, 'support-bundle.tar.gz'))], { now: NOW });
    const templates = unrecognized(report).flatMap((f) => f.templates ?? []);
    expect(templates.some((t) => /^reflector\.go:<\*>\] .*Failed to watch .*dial tcp <\*>: i\/o timeout$/.test(t.template))).toBe(true);
    expect(reportSchema.safeParse(report).success).toBe(true);
  });
});
