import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fileInput, renderMarkdown, reportSchema, triage } from '../../functions/triage/index.js';
import { writeBundleTarGz } from '../fixtures/bundle-generator.js';
import { bytesInput, finding, SKIP_WITHOUT_TROUBLESHOOT, tempDir, TROUBLESHOOT_DIR, TROUBLESHOOT_SUITE } from './helpers.js';

const NOW = () => new Date('2025-03-14T10:00:00Z');

describe.skipIf(SKIP_WITHOUT_TROUBLESHOOT)(`${TROUBLESHOOT_SUITE}: no CircleCI content`, () => {
  it.each(['support-bundle.tar.gz', 'baseline.tar.gz', 'missing-version.tar.gz'])('reads %s without error and says it holds no CircleCI content', async (name) => {
    const report = await triage([fileInput(join(TROUBLESHOOT_DIR, name))], { now: NOW });
    expect(report.inputs[0]).toMatchObject({ status: 'ok', kind: 'bundle-archive' });
    expect(report.bundle.circleciContent).toBe(false);
    expect(finding(report, 'bundle-quality.no-circleci-content')).toBeDefined();
    expect(report.summary.headline).toMatch(/No CircleCI Server content/);
    // Real error lines of non-CircleCI software may surface only as unrecognised errors.
    expect(report.findings.filter((f) => f.issueType !== 'bundle-quality' && !f.ruleId.startsWith('unrecognized-errors.'))).toEqual([]);
    expect(reportSchema.safeParse(report).success).toBe(true);
  });

  it('follows PAX symlink targets and old JSON shapes in the oldest sample', async () => {
    const report = await triage([fileInput(join(TROUBLESHOOT_DIR, 'support-bundle.tar.gz'))], { now: NOW });
    expect(report.bundle.kubernetesVersion).toMatch(/k3s/);
    expect(report.bundle.namespaces).toEqual(expect.arrayContaining(['default', 'kube-system']));
    expect(finding(report, 'bundle-quality.symlink-loop')).toBeUndefined();
    expect(report.bundle.stats.logFiles).toBeGreaterThan(10);
  });
});

describe('extra files merged into one report', () => {
  it('adds hand-collected Nomad client evidence to the bundle report and notices what is still missing', async () => {
    const dir = tempDir('merge');
    const { file } = await writeBundleTarGz({ variant: 'happy' }, join(dir, 'bundle.tar.gz'));
    const networks = 'NETWORK ID     NAME      DRIVER    SCOPE\n1a2b3c4d5e6f   bridge    bridge    local\n7a8b9c0d1e2f   host      host      local\n';
    const journal = [
      '-- Journal begins at Fri 2025-03-14 08:00:00 UTC. --',
      'Mar 14 09:39:01 ip-10-0-12-34 nomad[1234]: 2025-03-14T09:39:01.118Z [ERROR] client.driver_mgr.docker: failed to create container: driver=docker error="Error response from daemon: network ci-privileged not found"',
      'Mar 14 09:39:02 ip-10-0-12-34 nomad[1234]: 2025-03-14T09:39:02.001Z [INFO]  client: node registration complete',
      '',
    ].join('\n');
    const report = await triage([fileInput(file), bytesInput('docker-networks.txt', networks), bytesInput('nomad-client.log', journal)], { now: NOW });
    expect(report.inputs.map((i) => i.kind)).toEqual(['bundle-archive', 'log-file', 'log-file']);
    const absent = finding(report, 'nomad-client.ci-privileged-absent');
    expect(absent?.evidence[0]).toMatchObject({ path: 'docker-networks.txt', line: 1 });
    const clientFindings = report.findings.filter((f) => f.service === 'nomad-client' && f.issueType === 'nomad-client');
    expect(clientFindings.some((f) => f.evidence.some((e) => e.path === 'nomad-client.log' && e.line === 2))).toBe(true);
    expect(report.missingEvidence.map((m) => m.evidence)).not.toContain('docker-network-ls');
    expect(report.missingEvidence.map((m) => m.evidence)).not.toContain('nomad-client-logs');
  });

  it('lists the job from a job details JSON in the ticket facts', async () => {
    const details = JSON.stringify({ build_num: 4242, build_url: 'https://circleci.example.com/gh/acme/api/4242', status: 'infrastructure_fail', outcome: 'infrastructure_fail' }, null, 2);
    const report = await triage([bytesInput('job-details.json', details)], { now: NOW });
    expect(report.bundle.jobs).toEqual([{ id: '4242', url: 'https://circleci.example.com/gh/acme/api/4242', status: 'infrastructure_fail', source: 'job-details.json' }]);
  });

  it('does not raise the absent-network finding when ci-privileged exists', async () => {
    const networks = 'NETWORK ID     NAME            DRIVER    SCOPE\n1a2b3c4d5e6f   bridge          bridge    local\n9f8e7d6c5b4a   ci-privileged   bridge    local\n';
    const report = await triage([bytesInput('docker-networks.txt', networks)], { now: NOW });
    expect(finding(report, 'nomad-client.ci-privileged-absent')).toBeUndefined();
  });

  it('counts a line once when the same timestamped log arrives twice (bundle and hand-collected copy)', async () => {
    const line = '2025-03-14T09:40:12.318Z [WARN]  policy_manager.policy_handler: failed to get target status: policy_id=3d0b6c1e-8f2a-4e57-9a41-2c7d5be0f913 error="failed to describe AWS Autoscaling Group: expected 1 Autoscaling Group, got 0"\n';
    const report = await triage([bytesInput('nomad-autoscaler-logs.txt', line), bytesInput('nomad-autoscaler-logs-again.txt', line)], { now: NOW });
    const f = finding(report, 'nomad-autoscaler.asg-not-found');
    expect(f?.count).toBe(1);
  });

  it('keeps the bundle-collection notice out of a report on loose logs alone', async () => {
    // Synthetic: a host log with nothing of CircleCI in it.
    const report = await triage([bytesInput('messages.txt', 'Mar 14 09:39:01 web-1 systemd[1]: Started Daily apt upgrade and clean activities.\n')], { now: NOW });
    expect(report.bundle.circleciContent).toBe(false);
    expect(finding(report, 'bundle-quality.no-circleci-content')).toBeUndefined();
  });

  it('reads a gzipped log file as text', async () => {
    const line = '2025-03-14T09:40:12.318Z [WARN]  policy_manager.policy_handler: failed to get target status: error="failed to describe AWS Autoscaling Group: expected 1 Autoscaling Group, got 0"\n';
    const report = await triage([bytesInput('nomad-autoscaler.log.gz', gzipSync(line))], { now: NOW });
    expect(report.inputs[0]?.kind).toBe('log-file');
    expect(finding(report, 'nomad-autoscaler.asg-not-found')?.evidence[0]?.path).toBe('nomad-autoscaler.log');
  });
});

describe('ticket header', () => {
  it('states recent changes from the enrichment when its CloudTrail lookup ran, and unknown otherwise', async () => {
    const report = await triage([bytesInput('x.log', 'nothing here\n')], { now: NOW });
    expect(renderMarkdown(report)).toMatch(/\| Recent changes \| unknown: no CloudTrail lookup in this run/);
    report.enrichment = { steps: [{ name: 'recent-changes', status: 'ok' }], cloudTrail: { recentChanges: [{}, {}] } };
    expect(renderMarkdown(report)).toMatch(/\| Recent changes \| 2 write change\(s\)/);
    report.enrichment = { steps: [{ name: 'recent-changes', status: 'timed-out' }], cloudTrail: { recentChanges: [] } };
    expect(renderMarkdown(report)).toMatch(/did not complete \(timed-out\)/);
  });
});

describe('secrets never leave', () => {
  it('masks tokens and keys in evidence, data, Markdown and JSON, keeping the collector\'s own marks', async () => {
    const secret = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';
    const awsKey = 'AKIAIOSFODNN7EXAMPLE';
    const lines = [
      `2025-03-14T09:40:12Z level=error msg="infra_fail" job=abc token=${secret} password=***HIDDEN***`,
      `{"level":"error","msg":"UnauthorizedOperation: You are not authorized to perform this operation. Encoded authorization failure message: ${'A'.repeat(120)}","aws_access_key_id":"${awsKey}","url":"https://user:hunter2pass@example.com/x"}`,
      '',
    ].join('\n');
    const report = await triage([bytesInput('machine-provisioner-logs.txt', lines)], { now: NOW });
    const json = JSON.stringify(report);
    const md = renderMarkdown(report);
    expect(report.findings.some((f) => f.issueType !== 'bundle-quality')).toBe(true);
    for (const out of [json, md]) {
      expect(out).not.toContain(secret);
      expect(out).not.toContain(awsKey);
      expect(out).not.toContain('hunter2pass');
    }
    expect(json).toContain('***HIDDEN***');
    expect(json).toMatch(/\*\*\*MASKED:[0-9a-f]{6}\*\*\*/);
  });
});

describe('hostile and broken inputs', () => {
  it('rejects a .tar.gz that is not gzip with one clear line', async () => {
    const report = await triage([bytesInput('bundle.tar.gz', 'this is not a bundle\n')], { now: NOW });
    expect(report.inputs[0]).toMatchObject({ status: 'unusable', kind: 'unusable' });
    expect(report.inputs[0]?.error).toMatch(/^bundle\.tar\.gz: not gzip-compressed/);
    const unreadable = finding(report, 'bundle-quality.unreadable');
    expect(unreadable?.evidence.map((e) => e.text)).toEqual([report.inputs[0]!.error]);
    expect(unreadable?.evidence[0]?.path).toBe('bundle.tar.gz');
  });

  it('rejects gzip data that is not a tar archive', async () => {
    const report = await triage([bytesInput('bundle.tar.gz', gzipSync(Buffer.alloc(4096, 7)))], { now: NOW });
    expect(report.inputs[0]?.error).toMatch(/not a tar archive/);
  });

  it('rejects binary data that is neither bundle nor log', async () => {
    const report = await triage([bytesInput('core.dump', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3]))], { now: NOW });
    expect(report.inputs[0]?.error).toMatch(/binary data/);
  });

  it('reports a truncated archive as partial and keeps what was read', async () => {
    const dir = tempDir('truncated');
    const { file } = await writeBundleTarGz({ variant: 'asg-typo', targetBytes: 2_000_000 }, join(dir, 'b.tar.gz'));
    const bytes = readFileSync(file);
    const cut = join(dir, 'cut.tar.gz');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const report = await triage([fileInput(cut)], { now: NOW });
    expect(report.inputs[0]?.status).toBe('partial');
    expect(finding(report, 'bundle-quality.truncated')?.severity).toBe('high');
    expect(report.bundle.stats.files).toBeGreaterThan(0);
  });

  it('stops a decompression bomb at the configured limit', async () => {
    const bomb = gzipSync(Buffer.concat([tarHeader('bomb/zeros.log', 64 * 1024 * 1024), Buffer.alloc(64 * 1024 * 1024)]));
    const report = await triage([bytesInput('bomb.tar.gz', bomb)], { now: NOW, limits: { maxUncompressedBytes: 8 * 1024 * 1024 } });
    expect(report.inputs[0]?.status).toBe('partial');
    expect(finding(report, 'bundle-quality.decompression-bomb')?.evidence[0]?.text).toMatch(/maxUncompressedBytes/);
  });

  it('cuts a 100 MB line without holding it in memory', async () => {
    function* chunks() {
      yield Buffer.from('2025-03-14T09:40:12Z ERROR expected 1 Autoscaling Group, got 0 ');
      for (let i = 0; i < 100; i++) yield Buffer.alloc(1024 * 1024, 0x78);
      yield Buffer.from('\nnext line\n');
    }
    const before = process.memoryUsage().rss;
    const report = await triage([bytesInput('nomad-autoscaler.log', chunks())], { now: NOW });
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
    expect(finding(report, 'bundle-quality.long-line')?.evidence[0]?.text).toMatch(/longer than 1048576 bytes/);
    expect(report.bundle.stats.linesScanned).toBe(2);
  });

  it('stops reading after the entry limit and says so', async () => {
    const dir = tempDir('entries');
    const { file } = await writeBundleTarGz({ variant: 'happy' }, join(dir, 'b.tar.gz'));
    const report = await triage([fileInput(file)], { now: NOW, limits: { maxEntries: 10 } });
    expect(report.inputs[0]?.status).toBe('partial');
    const limit = finding(report, 'bundle-quality.entry-limit');
    expect(limit?.evidence[0]?.text).toMatch(/stopped after 10 entries \(limit maxEntries\)/);
    expect(report.bundle.stats.files).toBeLessThanOrEqual(10);
  });
});

/** A minimal ustar header for one regular file. */
function tarHeader(name: string, size: number): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0);
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(size.toString(8).padStart(11, '0') + '\0', 124);
  h.write('00000000000\0', 136);
  h.write('        ', 148);
  h.write('0', 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return h;
}
