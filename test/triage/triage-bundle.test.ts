import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fileInput, reportSchema, triage, type Report } from '../../functions/triage/index.js';
import { POLICY_ID, TYPO_ASG_NAME, writeBundleDirectory, writeBundleTarGz } from '../fixtures/bundle-generator.js';
import { finding, lineAt, tempDir } from './helpers.js';

const NOW = () => new Date('2025-03-14T10:00:00Z');

describe('triage of a generated CircleCI Server bundle (ASG name typo)', () => {
  let archive: Report;
  let directory: Report;
  let root: string;

  beforeAll(async () => {
    const dir = tempDir('bundle');
    const { file } = await writeBundleTarGz({ variant: 'asg-typo' }, join(dir, 'support-bundle-2025-03-14T09_41_07.tar.gz'));
    ({ root } = await writeBundleDirectory({ variant: 'asg-typo' }, join(dir, 'extracted')));
    archive = await triage([fileInput(file)], { now: NOW });
    directory = await triage([fileInput(root)], { now: NOW });
  });

  it('produces a report that matches the published schema', () => {
    expect(reportSchema.safeParse(archive).success).toBe(true);
    expect(archive.schemaVersion).toBe('1.1');
  });

  it('finds the missing Auto Scaling Group with its policy id and a critical severity', () => {
    const asg = finding(archive, 'nomad-autoscaler.asg-not-found');
    expect(asg).toBeDefined();
    expect(asg!.severity).toBe('critical');
    expect(asg!.issueType).toBe('nomad-autoscaler');
    expect(asg!.data.policyId).toContain(POLICY_ID);
    expect(asg!.data.gotCount).toEqual(['0']);
    expect(archive.summary.severity).toBe('critical');
    expect(archive.summary.issueTypes[0]).toBe('nomad-autoscaler');
    expect(archive.summary.headline).toMatch(/Auto Scaling Group/);
  });

  it('gives evidence whose path and 1-based line hold exactly the quoted text', () => {
    for (const f of directory.findings.filter((x) => x.issueType !== 'bundle-quality')) {
      for (const e of f.evidence) {
        expect(lineAt(root, e.path, e.line), `${f.ruleId} ${e.path}:${e.line}`).toBe(e.text);
      }
    }
  });

  it('records every match location and orders times', () => {
    const asg = finding(archive, 'nomad-autoscaler.asg-not-found')!;
    expect(asg.locations).toHaveLength(asg.count);
    expect(asg.firstSeen! <= asg.lastSeen!).toBe(true);
    expect(asg.locations.some((l) => l.path.endsWith('nomad-autoscaler-previous.log'))).toBe(true);
  });

  it('reads an extracted folder (with real symlinks) exactly like the archive: each log once', () => {
    const counts = (r: Report) => Object.fromEntries(r.findings.map((f) => [`${f.ruleId}/${f.service}`, f.count]));
    expect(counts(directory)).toEqual(counts(archive));
    const asg = finding(directory, 'nomad-autoscaler.asg-not-found')!;
    expect(asg.locations.every((l) => l.path.startsWith('cluster-resources/pods/logs/'))).toBe(true);
  });

  it('extracts the bundle facts for the ticket header', () => {
    const b = archive.bundle;
    expect(b.name).toBe('support-bundle-2025-03-14T09_41_07');
    expect(b.collectedAt?.local).toBe('2025-03-14T09:41:07');
    expect(b.collectedAt?.offsetSource).toBe('inferred-from-logs');
    expect(b.kubernetesVersion).toMatch(/^v1\.\d+/);
    expect(b.autoscalerVersion).toBe('0.3.7');
    expect(b.serverVersion.value).toMatch(/^\d+\.\d+\.\d+/);
    expect(b.namespaces).toContain('circleci-server');
    expect(b.circleciContent).toBe(true);
    expect(b.restartingPods.some((p) => p.pod.startsWith('nomad-autoscaler') && p.previousLogPresent)).toBe(true);
    expect(b.stats.linesScanned).toBeGreaterThan(100);
  });

  it('finds the autoscaler policy by content and ignores the agent config beside it', () => {
    const policies = archive.bundle.autoscalerPolicies;
    expect(policies.length).toBeGreaterThan(0);
    expect(policies.every((p) => /scaling|aws_asg_name/.test(p.text))).toBe(true);
    expect(policies.some((p) => p.text.includes(TYPO_ASG_NAME))).toBe(true);
    expect(policies.some((p) => p.name === 'config.hcl')).toBe(false);
  });

  it('flags the bundle as late when it was collected more than 10 minutes after the alarm', async () => {
    const dir = tempDir('late');
    const { file } = await writeBundleTarGz({ variant: 'happy' }, join(dir, 'b.tar.gz'));
    const late = await triage([fileInput(file)], { now: NOW, alarmTime: new Date('2025-03-14T09:00:00Z'), collectorUtcOffsetMinutes: 0 });
    expect(finding(late, 'bundle-quality.collected-late')?.title).toMatch(/41 minutes after the alarm/);
    const timely = await triage([fileInput(file)], { now: NOW, alarmTime: new Date('2025-03-14T09:35:00Z'), collectorUtcOffsetMinutes: 0 });
    expect(finding(timely, 'bundle-quality.collected-late')).toBeUndefined();
  });
});

describe('triage of other bundle variants', () => {
  async function run(variant: Parameters<typeof writeBundleTarGz>[0]['variant']): Promise<Report> {
    const dir = tempDir(`variant-${variant}`);
    const { file } = await writeBundleTarGz({ variant }, join(dir, 'bundle.tar.gz'));
    return triage([fileInput(file)], { now: NOW });
  }

  it('groups distributor and execution-gateway failures under a shared-backend cascade', async () => {
    const report = await run('cascade');
    const cascade = report.findings.find((f) => f.issueType === 'cascade');
    expect(cascade?.ruleId).toBe('cascade.shared-backend');
    expect(['postgresql', 'contexts-service']).toContain(cascade?.service);
    expect(report.findings[0]).toBe(cascade);
    const grouped = report.findings.filter((f) => f.groupedUnder === cascade?.id);
    expect(grouped.map((f) => f.service)).toEqual(expect.arrayContaining(['distributor-external', 'execution-gateway']));
    expect(cascade?.related?.sort()).toEqual(grouped.map((f) => f.id).sort());
    expect(cascade?.explanation).toMatch(/retr/);
  });

  it('names kube-proxy as the root when cluster networking fails under RabbitMQ errors', async () => {
    const report = await run('kube-proxy');
    const cascade = report.findings.find((f) => f.issueType === 'cascade');
    expect(cascade?.ruleId).toBe('cascade.cluster-networking');
    expect(cascade?.service).toBe('kube-proxy');
    expect(report.findings.some((f) => f.groupedUnder === cascade?.id && f.service.startsWith('rabbitmq'))).toBe(true);
  });

  it('reports min > max from the hclog continuation line with its record header as context', async () => {
    const report = await run('min-gt-max');
    const f = report.findings.find((x) => x.ruleId === 'nomad-autoscaler.policy-min-greater-than-max');
    expect(f?.severity).toBe('critical');
    expect(f?.evidence[0]?.context).toMatch(/encountered an error monitoring policy IDs/);
    expect(f?.firstSeen).not.toBeNull();
  });

  it('captures the encoded authorization message and the denied principal for the enrichment', async () => {
    const report = await run('iam-denied');
    const data = report.findings.flatMap((f) => Object.entries(f.data));
    expect(data.some(([k, v]) => k === 'encodedMessage' && v.every((m) => /^[A-Za-z0-9_-]{100,}$/.test(m)))).toBe(true);
    expect(data.some(([k, v]) => k === 'principalArn' && v.some((a) => a.includes(':assumed-role/')))).toBe(true);
    expect(report.summary.issueTypes).toContain('cloud-permissions');
  });

  it('raises nothing but bundle-quality notes and info hints on a healthy bundle', async () => {
    const report = await run('happy');
    expect(report.findings.filter((f) => f.issueType !== 'bundle-quality' && f.severity !== 'info')).toEqual([]);
    expect(report.summary.headline).toMatch(/No known CircleCI Server failure patterns/);
  });
});
