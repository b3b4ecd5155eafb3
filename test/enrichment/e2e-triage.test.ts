import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileInput, triage } from '../../functions/triage/index.js';
import { awsEnrichmentPorts, enrich, enrichmentFromPolicyOnly, enrichmentSchema, renderEnrichmentMarkdown } from '../../functions/enrichment/index.js';
import { REAL_ASG_NAME, TYPO_ASG_NAME, writeBundleTarGz } from '../fixtures/bundle-generator.js';
import { DECODED_IMPLICIT, trailRecord } from './fixtures.js';
import type { FakeAwsState } from './fake-aws-server.js';
import { useFakeAws } from './fake-aws-env.js';

/** triage a generated bundle, then enrich it through the real SDK clients and the loopback server. */
const state: FakeAwsState = {
  decoded: {},
  groups: [{ name: REAL_ASG_NAME, minSize: 2, maxSize: 8, desired: 2, instances: 2, tags: { 'circleci:component': 'nomad-clients' } }],
  hooks: { [REAL_ASG_NAME]: [{ name: 'drain-nomad-client', transition: 'autoscaling:EC2_INSTANCE_TERMINATING', heartbeat: 900, result: 'CONTINUE' }] },
  events: [],
  denied: new Set(),
  throttleCloudTrail: 0,
};

const dir = mkdtempSync(join(tmpdir(), 'enrichment-e2e-'));
useFakeAws(state);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('triage --aws on generated bundles', () => {
  it('iam-denied: decodes every blob, finds the role denials, and verifies the ASG with its drain hook', async () => {
    const file = join(dir, 'iam-denied.tar.gz');
    await writeBundleTarGz({ variant: 'iam-denied' }, file);
    const report = await triage([fileInput(file)], { now: () => new Date('2025-03-14T10:00:00Z') });
    const blobs = report.findings.flatMap((f) => f.data.encodedMessage ?? []);
    const principal = report.findings.flatMap((f) => f.data.principalArn ?? [])[0]!;
    expect(blobs.length).toBeGreaterThan(0);
    // STS knows the messages the EC2 calls produced; CloudTrail recorded the autoscaler's denials.
    for (const b of blobs) state.decoded[b] = DECODED_IMPLICIT;
    const session = principal.split('/').at(-1)!;
    state.events = [0, 1].map((i) => ({
      id: `trail-${i}`,
      time: `2025-03-14T09:3${i}:00Z`,
      source: 'autoscaling.amazonaws.com',
      name: 'DescribeAutoScalingGroups',
      username: session,
      readOnly: true,
      record: trailRecord({ eventID: `trail-${i}`, userIdentity: { ...(trailRecord().userIdentity as object), arn: principal } }),
    }));

    const e = await enrich(report, awsEnrichmentPorts({ lookupEventsPerSecond: 200 }), { stepTimeoutMs: 20_000 });
    expect(enrichmentSchema.parse(e)).toEqual(e);
    expect(e.steps.every((s) => s.status === 'ok')).toBe(true);
    expect(e.authorizationMessages.length).toBe(new Set(blobs).size);
    expect(e.authorizationMessages.every((m) => m.status === 'decoded')).toBe(true);
    expect(e.cloudTrail.principals.map((p) => p.username)).toContain(session);
    expect(e.cloudTrail.denials).toEqual([expect.objectContaining({ action: 'autoscaling:DescribeAutoScalingGroups', count: 2 }) as unknown]);
    expect(e.autoScalingGroups).toEqual([
      expect.objectContaining({ name: REAL_ASG_NAME, exists: true, issues: [], group: expect.objectContaining({ terminationHooks: [{ name: 'drain-nomad-client', heartbeatTimeoutSeconds: 900, defaultResult: 'CONTINUE' }] }) as unknown }) as unknown,
    ]);
    const linked = new Set(e.findingLinks.map((l) => l.findingId));
    for (const f of report.findings.filter((x) => x.data.encodedMessage)) expect(linked).toContain(f.id);
    expect(renderEnrichmentMarkdown({ ...report, enrichment: e })).toContain('No policy allows ec2:RunInstances');
  });

  it('asg-typo offline: the policy check names the ASG the autoscaler cannot find', async () => {
    const file = join(dir, 'asg-typo.tar.gz');
    await writeBundleTarGz({ variant: 'asg-typo' }, file);
    const report = await triage([fileInput(file)]);
    const e = await enrichmentFromPolicyOnly(report);
    expect(e.autoscaler.policies.map((p) => p.asgName)).toEqual([TYPO_ASG_NAME]);
    expect(e.autoScalingGroups).toEqual([expect.objectContaining({ name: TYPO_ASG_NAME, exists: null }) as unknown]);
  });
});
