import { describe, expect, it } from 'vitest';
import { fileInput, triage, type Report } from '../../functions/triage/index.js';
import { CIRCLECI_SERVER_RULES } from '../../functions/triage/rules/pack/index.js';
import { loadCorpus } from '../corpus/corpus.js';
import { claim, fileOf } from '../rules/helpers.js';
import { bundle, CORE, NOMAD_SERVER, NS } from './bundle.js';

const lines = Object.fromEntries(loadCorpus(undefined, /^autoscaler-versions\.jsonl$/).map((e) => [e.id, e.text]));
const autoscaler = fileOf('nomad-autoscaler');
const LOG = `cluster-resources/pods/logs/${NS}/nomad-autoscaler-5c6d7e8f9-g5h6i/nomad-autoscaler.log`;
const NOW = new Date('2026-12-02T10:00:00Z');

async function reportFor(autoscalerTag: string, log: string): Promise<Report> {
  const file = await bundle({
    server: autoscalerTag.startsWith('0.3') ? '4.7.6' : '4.10.0',
    pods: [...CORE, NOMAD_SERVER, { name: 'nomad-autoscaler-5c6d7e8f9-g5h6i', image: `hashicorp/nomad-autoscaler:${autoscalerTag}` }],
    files: { [LOG]: log },
  });
  return triage([fileInput(file)], { now: () => NOW });
}

describe('autoscaler 0.4.x instance-refresh rules', () => {
  it('names the missing permission for the 0.4.6 and 0.4.9 shapes of the denial', () => {
    for (const id of ['autoscaler-versions-001', 'autoscaler-versions-002']) {
      const c = claim(autoscaler, lines[id]!);
      expect(c?.id).toBe('nomad-autoscaler.instance-refresh-access-denied');
      expect(c?.captures).toMatchObject({
        action: 'autoscaling:DescribeInstanceRefreshes',
        statusCode: '403',
        errorCode: 'AccessDenied',
        principalArn: 'arn:aws:sts::210987654321:assumed-role/acme-ci-circleci-nomad-clients-autoscaler-irsa-role/aws-go-sdk-1764490443',
      });
    }
    const rule = CIRCLECI_SERVER_RULES.find((r) => r.id === 'nomad-autoscaler.instance-refresh-access-denied')!;
    expect(rule.title).toContain('autoscaling:DescribeInstanceRefreshes');
    expect(rule.remediation[0]).toMatch(/autoscaling:DescribeInstanceRefreshes.*autoscaler >= 0\.4\.0/);
  });

  it('captures the denying policy when the message names it', () => {
    expect(claim(autoscaler, lines['autoscaler-versions-003']!)?.captures).toMatchObject({
      action: 'autoscaling:DescribeInstanceRefreshes',
      policyType: 'scp',
      policyArn: 'arn:aws:organizations::111122223333:policy/o-a1b2c3d4e5/service_control_policy/p-9x8y7z6w',
    });
  });

  it('tells a failed check that is not a denial apart', () => {
    const c = claim(autoscaler, lines['autoscaler-versions-004']!);
    expect(c?.id).toBe('nomad-autoscaler.instance-refresh-check-failed');
    expect(c?.captures.cause).toMatch(/^exceeded maximum number of attempts, 3, .*Throttling: Rate exceeded$/);
  });

  it('claims the generic Auto Scaling denial only when it is not about instance refreshes', () => {
    const other = lines['autoscaler-versions-001']!.replaceAll('DescribeInstanceRefreshes', 'DescribeAutoScalingGroups').replace('failed to describe AWS InstanceRefresh', 'failed to describe AWS Autoscaling Group');
    expect(claim(autoscaler, other)?.id).toBe('nomad-autoscaler.aws-access-denied');
  });

  it('keeps the instance-refresh pause at info with its refresh id and status', async () => {
    const c = claim(autoscaler, lines['autoscaler-versions-005']!);
    expect(c).toEqual({
      id: 'nomad-autoscaler.instance-refresh-in-progress',
      captures: { asgName: 'acme-ci-circleci-nomad-clients-asg', refreshId: '08b91cf7-8fa6-48af-b6a6-d227f40f1b9b', refreshStatus: 'InProgress' },
    });
    // Many pauses in a row are still one benign finding, and never the headline of the report.
    const pauses = Array.from({ length: 40 }, (_, i) => lines['autoscaler-versions-005']!.replace('08:20:03', `08:${String(20 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '33' : '03'}`));
    const report = await reportFor('0.4.9', pauses.join('\n') + '\n');
    const pause = report.findings.find((f) => f.ruleId === 'nomad-autoscaler.instance-refresh-in-progress');
    expect(pause).toMatchObject({ severity: 'info', count: 40 });
    expect(pause?.data.refreshStatus).toEqual(['InProgress']);
    expect(report.findings.filter((f) => f.severity !== 'info' && f.issueType === 'nomad-autoscaler')).toEqual([]);
    expect(report.summary.headline).not.toMatch(/instance refresh/i);
  });

  it('applies to autoscaler 0.4.x only, and to installations whose autoscaler version is unknown', async () => {
    const log = `${lines['autoscaler-versions-002']!}\n`;
    const on049 = await reportFor('0.4.9', log);
    expect(on049.findings.map((f) => f.ruleId)).toContain('nomad-autoscaler.instance-refresh-access-denied');
    expect(on049.findings.find((f) => f.ruleId === 'nomad-autoscaler.instance-refresh-access-denied')?.data.action).toEqual(['autoscaling:DescribeInstanceRefreshes']);
    const on037 = await reportFor('0.3.7', log);
    expect(on037.findings.map((f) => f.ruleId)).not.toContain('nomad-autoscaler.instance-refresh-access-denied');
  });
});
