import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fileInput, parseRulePack, triage, type Report } from '../../functions/triage/index.js';
import { satisfies, parseVersion } from '../../functions/triage/installation/versions.js';
import { bundle, CORE, mongo, NOMAD_SERVER, NS, VAULT } from './bundle.js';

const NOW = new Date('2026-12-02T10:00:00Z');
const run = async (file: string, extra: Parameters<typeof triage>[1] = {}): Promise<Report> => triage([fileInput(file)], { now: () => NOW, ...extra });
const ids = (r: Report) => r.findings.map((f) => f.ruleId);

describe('version ranges', () => {
  it('reads versions as bundles state them and compares ranges', () => {
    expect(parseVersion('v4.10.0')).toEqual([4, 10, 0]);
    expect(parseVersion('4.4.15-debian-10-r8')).toEqual([4, 4, 15]);
    expect(satisfies([4, 10, 0], '>=4.10.0')).toBe(true);
    expect(satisfies([4, 9, 5], '>=4.8.0 <4.10.0')).toBe(true);
    expect(satisfies([4, 7, 7], '4.7.7')).toBe(true);
    expect(satisfies([4, 7, 8], '4.7.7')).toBe(false);
    expect(satisfies([4, 8, 12], '4.8')).toBe(true);
    expect(() => satisfies([1, 0, 0], '~4.8')).toThrow(/not a comparator/);
  });
});

describe('support status and known issues by release', () => {
  it.each([
    ['4.7.7', 'broken-release', 'installation.server-broken-release', 'server-4.7.7-broken'],
    ['4.8.12', 'end-of-support', 'installation.server-out-of-support', 'server-4.8-machine-runner-3'],
    ['4.9.5', 'support-ends-soon', 'installation.server-support-ends-soon', 'server-4.9-mongodb-4.4'],
    ['4.10.0', 'supported', undefined, 'server-4.10-mongodb-7.0'],
  ])('Server %s is %s', async (server, status, ruleId, knownIssue) => {
    const kubernetes = server.startsWith('4.7') ? 'v1.32.1' : 'v1.33.4';
    const report = await run(await bundle({ server, kubernetes, pods: [...CORE, NOMAD_SERVER, mongo(server.startsWith('4.10') ? '7.0.15-debian-12-r2' : '4.4.15-debian-10-r8')] }));
    expect(report.installation?.supportStatus.status).toBe(status);
    expect(report.installation?.knownIssues.map((k) => k.id)).toContain(knownIssue);
    const support = report.findings.filter((f) => f.ruleId.startsWith('installation.server-'));
    expect(support.map((f) => f.ruleId)).toEqual(ruleId ? [ruleId] : []);
    for (const f of support) expect(f.evidence[0]).toMatchObject({ path: `server-version/${NS}/frontend-7c9d8b6f4-qx2lm/frontend-stdout.txt`, line: 1, text: `{"version":"${server}"}` });
  });

  it('keeps release facts out of the headline while a failure is found', async () => {
    const files = {
      [`cluster-resources/pods/logs/${NS}/nomad-autoscaler-5c6d7e8f9-g5h6i/nomad-autoscaler.log`]:
        '2026-12-01T09:20:00.000Z [ERROR] policy_eval.worker: failed to evaluate policy: error="failed to get target status: failed to describe AWS Autoscaling Group: expected 1 Autoscaling Group, got 0"\n',
    };
    const report = await run(await bundle({ server: '4.7.7', kubernetes: 'v1.32.1', pods: [...CORE, NOMAD_SERVER, { name: 'nomad-autoscaler-5c6d7e8f9-g5h6i', image: 'hashicorp/nomad-autoscaler:0.3.7' }], files }));
    expect(ids(report)).toContain('installation.server-broken-release');
    expect(report.summary.headline).toMatch(/^Nomad autoscaler cannot find its Auto Scaling Group/);
  });

  it('names the MongoDB 7.0 requirement for a 4.10 bundle running MongoDB 4.4', async () => {
    const report = await run(await bundle({ server: '4.10.0', pods: [...CORE, NOMAD_SERVER, mongo('4.4.15-debian-10-r8')] }));
    const f = report.findings.find((x) => x.ruleId === 'installation.mongodb-below-required');
    expect(f).toMatchObject({ issueType: 'data-store', severity: 'high', data: { requiredMongodb: ['7.0'], mongodbVersion: ['4.4.15'] } });
    expect(f!.title).toBe('MongoDB 4.4.15 is older than the 7.0 that Server 4.10.0 requires');
    expect(f!.evidence[1]!.text).toContain('docker.io/bitnami/mongodb:4.4.15-debian-10-r8');
  });

  it('flags Kubernetes outside the range the release supports', async () => {
    const report = await run(await bundle({ server: '4.10.0', kubernetes: 'v1.30.2', pods: [...CORE, NOMAD_SERVER, mongo('7.0.15')] }));
    expect(report.findings.find((f) => f.ruleId === 'installation.kubernetes-unsupported')?.data.supportedKubernetes).toEqual(['1.33–1.35']);
  });
});

describe('topology', () => {
  it('a Tink bundle without Vault pods is not missing Vault, and Vault-only rules do not apply', async () => {
    const rules = parseRulePack(
      parse([
        'rules:',
        '  - id: local.vault-sealed',
        '    title: Vault is sealed',
        '    issueType: data-store',
        '    severity: high',
        '    appliesTo: { topology: { secrets: vault } }',
        '    patterns: ["local vault probe"]',
        '    explanation: Vault is sealed.',
        '    remediation: [Unseal it.]',
      ].join('\n')),
      'local.yaml',
    );
    const report = await run(
      await bundle({
        server: '4.10.0',
        pods: [...CORE, NOMAD_SERVER, mongo('7.0.15')],
        files: {
          [`cluster-resources/pods/logs/${NS}/contexts-service-5d8f9c7b5-a1b2c/contexts-service.log`]: '2026-12-01T09:20:00Z ERROR Vault is sealed\n2026-12-01T09:21:00Z ERROR local vault probe: Vault is sealed\n',
        },
      }),
      { extraRules: rules },
    );
    expect(report.bundle.topology?.secrets).toMatchObject({ value: 'tink', basis: expect.stringContaining('no Vault pod') as unknown });
    expect(ids(report).filter((id) => id.includes('vault'))).toEqual([]);
    expect(report.installation?.scopedOut.map((s) => s.ruleId)).toEqual(['vault.sealed']);
    expect(report.installation?.scopedOut[0]?.reason).toContain('secrets vault; the installation uses tink');
    expect(report.missingEvidence.map((m) => m.label).join('\n')).not.toMatch(/vault/i);
  });

  it('with external Nomad servers, says where the server logs live instead of calling them missing', async () => {
    const report = await run(
      await bundle({
        server: '4.10.0',
        pods: [...CORE, VAULT, mongo('7.0.15'), { name: 'nomad-autoscaler-5c6d7e8f9-g5h6i', image: 'hashicorp/nomad-autoscaler:0.4.9' }],
        files: {
          [`cluster-resources/pods/logs/${NS}/nomad-autoscaler-5c6d7e8f9-g5h6i/nomad-autoscaler.log`]:
            '2026-12-01T09:20:00.000Z [ERROR] policy_eval.worker: failed to evaluate policy: error="failed to get target status: failed to describe AWS Autoscaling Group: expected 1 Autoscaling Group, got 0"\n',
        },
      }),
    );
    expect(report.bundle.topology?.nomadServers.value).toBe('external');
    const server = report.missingEvidence.find((m) => m.evidence === 'nomad-server-logs');
    if (server) {
      expect(server.elsewhere).toMatch(/external Nomad servers/);
      expect(server.collect).toMatch(/journalctl -u nomad/);
    }
    expect(report.installation?.cannotTell.map((c) => c.issueType)).toContain('nomad-autoscaler');
  });

  it('a version-scoped rule in a --rules file is validated and dropped outside its range', async () => {
    expect(() => parseRulePack(parse('rules:\n  - {id: x, title: x, issueType: runner, severity: low, appliesTo: {versions: {server: "~4"}}, patterns: [x], explanation: x, remediation: [x]}\n'), 'bad.yaml')).toThrow(/version range/);
    const rules = parseRulePack(
      parse('rules:\n  - {id: local.old-shape, title: Old shape, issueType: runner, severity: low, appliesTo: {versions: {server: "<4.9.0"}}, patterns: ["legacy task claim failure"], explanation: x, remediation: [x]}\n'),
      'scoped.yaml',
    );
    const files = { [`cluster-resources/pods/logs/${NS}/frontend-7c9d8b6f4-qx2lm/frontend.log`]: '2026-12-01T09:20:00Z ERROR legacy task claim failure\n' };
    const newer = await run(await bundle({ server: '4.10.0', pods: [...CORE, NOMAD_SERVER], files }), { extraRules: rules });
    expect(ids(newer)).not.toContain('local.old-shape');
    const older = await run(await bundle({ server: '4.8.3', pods: [...CORE, NOMAD_SERVER], files }), { extraRules: rules });
    expect(ids(older)).toContain('local.old-shape');
  });
});
