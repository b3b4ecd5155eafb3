import { describe, expect, it } from 'vitest';
import { analysePolicies } from '../../functions/enrichment/policy/analyse.js';
import { checkPolicy } from '../../functions/enrichment/policy/checks.js';
import { parsePolicyDocument, type ParsedScaling } from '../../functions/enrichment/policy/parse.js';
import { AGENT_CONFIG, finding, incidentReport, TYPO_POLICY } from './fixtures.js';

async function only(name: string, text: string): Promise<ParsedScaling> {
  const r = await parsePolicyDocument(name, text);
  if (!r.ok) throw new Error(r.error);
  expect(r.scalings).toHaveLength(1);
  return r.scalings[0]!;
}

const codes = (p: ReturnType<typeof checkPolicy>): string[] => p.issues.map((i) => i.code);

describe('parsePolicyDocument', () => {
  it('reads nested blocks of native HCL', async () => {
    const s = await only('cluster.hcl', TYPO_POLICY);
    expect(s).toMatchObject({ name: 'circleci-nomad-clients', format: 'hcl', enabled: true, min: 2, max: 8 });
    expect(s.checks).toEqual([{ name: 'cpu_share', source: 'nomad-apm', query: 'percentage-allocated_cpu' }]);
    expect(s.targets[0]).toMatchObject({ plugin: 'aws-asg', config: { aws_asg_name: 'acme-ci-circleci-nomad-client-asg', node_class: 'linux-64bit' } });
  });

  it('reads HCL-JSON with labelled blocks as nested objects', async () => {
    const json = JSON.stringify({
      scaling: {
        'circleci-nomad-clients': {
          min: 1,
          max: 5,
          policy: { check: { cpu: { query: 'percentage-allocated_cpu' } }, target: { 'aws-asg': { aws_asg_name: 'acme-asg' } } },
        },
      },
    });
    const s = await only('cluster.json', json);
    expect(s).toMatchObject({ format: 'hcl-json', min: 1, max: 5, targets: [{ plugin: 'aws-asg', config: { aws_asg_name: 'acme-asg' } }] });
  });

  it('finds no scaling block in agent config and reports syntax errors', async () => {
    expect(await parsePolicyDocument('config.hcl', AGENT_CONFIG)).toEqual({ ok: true, scalings: [] });
    expect(await parsePolicyDocument('bad.hcl', 'scaling "x" { min = ')).toMatchObject({ ok: false, error: expect.stringMatching(/invalid HCL/) as unknown });
    expect(await parsePolicyDocument('bad.json', '{"scaling": ')).toMatchObject({ ok: false, error: expect.stringMatching(/invalid HCL-JSON/) as unknown });
  });
});

describe('checkPolicy', () => {
  it('passes a sound policy', async () => {
    const p = checkPolicy('src', await only('c.hcl', TYPO_POLICY.replace('nomad-client-asg', 'nomad-clients-asg')));
    expect(p).toMatchObject({ type: 'cluster', min: 2, max: 8, asgName: 'acme-ci-circleci-nomad-clients-asg', usesNomadApm: true, dryRun: false, enabled: true });
    expect(p.issues).toEqual([]);
  });

  it('flags min greater than max as a silently dropped policy', async () => {
    const p = checkPolicy('src', await only('c.hcl', TYPO_POLICY.replace('min     = 2', 'min = 9').replace('max     = 8', 'max = 4')));
    expect(p.issues[0]).toMatchObject({ level: 'error', code: 'min-greater-than-max' });
    expect(p.issues[0]!.message).toMatch(/silently drops/);
  });

  it('flags a missing max, a missing aws_asg_name, min 0 with the Nomad APM, and dry-run', async () => {
    const text = `scaling "p" {
  policy {
    check "c" { query = "percentage-allocated_memory" }
    target "aws-asg" { dry-run = "true" }
  }
}`;
    expect(codes(checkPolicy('src', await only('p.hcl', text)))).toEqual(['max-missing', 'min-below-one', 'asg-name-missing', 'dry-run']);
  });

  it('flags a policy that points at the Nomad servers ASG, not the clients', async () => {
    for (const name of ['acme-ci-circleci-nomad-servers-asg', 'acme-ci-circleci-nomad-server-asg']) {
      const p = checkPolicy('src', await only('c.hcl', TYPO_POLICY.replace('acme-ci-circleci-nomad-client-asg', name)));
      expect(p.issues).toEqual([expect.objectContaining({ level: 'error', code: 'asg-is-nomad-servers' }) as unknown]);
      expect(p.issues[0]!.message).toMatch(/must target the Nomad clients ASG/);
    }
    for (const name of ['acme-ci-circleci-nomad-clients-asg', 'acme-nomad-servers-and-clients-asg', 'nomad-server-pool']) {
      const p = checkPolicy('src', await only('c.hcl', TYPO_POLICY.replace('acme-ci-circleci-nomad-client-asg', name)));
      expect(codes(p)).not.toContain('asg-is-nomad-servers');
    }
  });

  it('does not ask for min >= 1 on horizontal policies, and notes non-ASG targets', async () => {
    const text = `scaling "h" {
  type = "horizontal"
  min = 0
  max = 3
  policy {
    target "gce-mig" { mig_name = "x" }
  }
}`;
    expect(codes(checkPolicy('src', await only('h.hcl', text)))).toEqual(['no-aws-asg-target']);
  });
});

describe('analysePolicies', () => {
  it('checks every scaling block of the bundle and skips agent config', async () => {
    const a = await analysePolicies(incidentReport());
    expect(a.policies.map((p) => [p.name, p.asgName])).toEqual([['circleci-nomad-clients', 'acme-ci-circleci-nomad-client-asg']]);
    expect(a.unparsed).toEqual([]);
  });

  it('falls back to ASG names from finding data and autoscaler log lines', async () => {
    const report = incidentReport({
      findings: [
        finding({ id: 'a', data: { asgName: ['from-data-asg'] } }),
        finding({ id: 'b', evidence: [{ path: 'x.log', line: 1, text: 'policy loaded: aws_asg_name="quoted-asg" node_class=linux' }] }),
        finding({
          id: 'c',
          evidence: [
            { path: 'x.log', line: 2, text: '[DEBUG] policy_manager.policy_handler: policy target config: config="map[aws_asg_name:map-asg dry-run:false]"' },
            { path: 'x.log', line: 3, text: '[INFO]  internal_plugin.aws-asg: successfully performed and verified scaling out: action=scale_out asg_name=plugin-asg desired_count=4' },
          ],
        }),
      ],
    });
    expect((await analysePolicies(report)).asgNamesFromLogs).toEqual(['from-data-asg', 'map-asg', 'plugin-asg', 'quoted-asg']);
  });

  it('lists unparsable documents instead of failing', async () => {
    const report = incidentReport();
    report.bundle.autoscalerPolicies = [{ source: 's#k/p.hcl', name: 'p.hcl', text: 'scaling "x" {' }];
    expect((await analysePolicies(report)).unparsed).toEqual([{ source: 's#k/p.hcl', error: expect.stringMatching(/invalid HCL/) as unknown }]);
  });
});
