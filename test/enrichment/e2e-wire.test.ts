import { describe, expect, it } from 'vitest';
import { awsEnrichmentPorts, enrich, enrichmentSchema, renderEnrichmentMarkdown } from '../../functions/enrichment/index.js';
import { BLOB, DECODED_EXPLICIT, incidentReport, trailRecord, TYPO_POLICY } from './fixtures.js';
import type { FakeAwsState } from './fake-aws-server.js';
import { useFakeAws } from './fake-aws-env.js';

/**
 * `enrich` through the real SDK clients (built by awsEnrichmentPorts from the environment) against
 * a loopback server speaking the services' wire protocols.
 */
const state: FakeAwsState = {
  decoded: { [BLOB]: DECODED_EXPLICIT },
  groups: [
    { name: 'acme-ci-circleci-nomad-clients-asg', minSize: 1, maxSize: 6, desired: 2, instances: 2, tags: { 'circleci:component': 'nomad-clients' } },
    { name: 'acme-ci-circleci-nomad-clients-asg-old', minSize: 0, maxSize: 0, desired: 0, instances: 0 },
    { name: 'billing-api', minSize: 2, maxSize: 4, desired: 2, instances: 2, suspended: [{ name: 'AZRebalance', reason: 'User suspended at 2025-03-01T00:00:00Z' }] },
  ],
  hooks: {},
  events: [
    ...[1, 2, 3].map((i) => ({
      id: `deny-${i}`,
      time: `2025-03-14T09:4${i}:00Z`,
      source: 'autoscaling.amazonaws.com',
      name: 'DescribeAutoScalingGroups',
      username: 'aws-go-sdk-1741944012',
      readOnly: true,
      record: trailRecord({ eventID: `deny-${i}` }),
    })),
    {
      id: 'ok-1',
      time: '2025-03-14T09:30:00Z',
      source: 'autoscaling.amazonaws.com',
      name: 'DescribeScalingActivities',
      username: 'aws-go-sdk-1741944012',
      readOnly: true,
      record: trailRecord({ eventID: 'ok-1', errorCode: undefined, errorMessage: undefined }),
    },
    {
      id: 'change-1',
      time: '2025-03-14T07:02:00Z',
      source: 'autoscaling.amazonaws.com',
      name: 'UpdateAutoScalingGroup',
      username: 'alice',
      readOnly: false,
      record: trailRecord({
        userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::210987654321:user/ops/alice', userName: 'alice' },
        requestParameters: { autoScalingGroupName: 'acme-ci-circleci-nomad-clients-asg', maxSize: 6 },
        errorCode: undefined,
        errorMessage: undefined,
        readOnly: false,
      }),
    },
  ],
  denied: new Set(),
  throttleCloudTrail: 1,
};

const fakeAws = useFakeAws(state);

describe('enrich over the AWS wire protocols', () => {
  it('decodes, looks up CloudTrail with paging and a throttling retry, and verifies the ASG', async () => {
    const report = incidentReport();
    const ports = awsEnrichmentPorts({ lookupEventsPerSecond: 200 });
    expect(awsEnrichmentPorts({ lookupEventsPerSecond: 200 })).toBe(ports);

    const e = await enrich(report, ports, { now: () => new Date('2025-03-14T10:05:00Z'), stepTimeoutMs: 20_000 });
    expect(enrichmentSchema.parse(e)).toEqual(e);
    expect(e.steps.map((s) => [s.name, s.status])).toEqual([
      ['autoscaler-policy', 'ok'],
      ['authorization-messages', 'ok'],
      ['cloudtrail-denials', 'ok'],
      ['recent-changes', 'ok'],
      ['asg-verification', 'ok'],
      ['policy-changes', 'ok'],
    ]);

    expect(e.authorizationMessages[0]).toMatchObject({ status: 'decoded', decoded: { explicitDeny: true, action: 'RunInstances' } });
    expect(e.authorizationMessages[0]!.explanation).toMatch(/^Explicit deny in policy statement "DenyLargeInstances" blocks ec2:RunInstances/);

    expect(e.cloudTrail.denials).toEqual([
      expect.objectContaining({
        principal: 'arn:aws:iam::210987654321:role/acme-ci-circleci-nomad-clients-autoscaler-irsa-role',
        action: 'autoscaling:DescribeAutoScalingGroups',
        errorCode: 'AccessDenied',
        count: 3,
        firstTime: '2025-03-14T09:41:00.000Z',
        lastTime: '2025-03-14T09:43:00.000Z',
      }) as unknown,
    ]);
    expect(e.cloudTrail.recentChanges).toEqual([
      expect.objectContaining({ eventName: 'UpdateAutoScalingGroup', principal: 'arn:aws:iam::210987654321:user/ops/alice', resources: ['acme-ci-circleci-nomad-clients-asg'] }) as unknown,
    ]);

    expect(e.autoScalingGroups).toEqual([
      expect.objectContaining({
        name: 'acme-ci-circleci-nomad-client-asg',
        exists: false,
        suggestions: [
          { name: 'acme-ci-circleci-nomad-clients-asg', distance: 1, circleciTagged: true },
          { name: 'acme-ci-circleci-nomad-clients-asg-old', distance: 5, circleciTagged: false },
        ],
      }) as unknown,
    ]);

    // The wire saw: a throttled LookupEvents retried, several pages with one token each, and a
    // listing of all groups across pages after the exact-name lookup found none.
    const trailCalls = fakeAws().calls.filter((c) => c.service === 'cloudtrail');
    expect(trailCalls[0]!.status).toBe(400);
    expect(trailCalls.filter((c) => typeof c.params.NextToken === 'string').length).toBeGreaterThan(0);
    expect(trailCalls.every((c) => c.status === 200 || c === trailCalls[0])).toBe(true);
    const describes = fakeAws().calls.filter((c) => c.action === 'DescribeAutoScalingGroups');
    expect(describes[0]!.params).toMatchObject({ 'AutoScalingGroupNames.member.1': 'acme-ci-circleci-nomad-client-asg' });
    expect(describes.filter((c) => c.params['AutoScalingGroupNames.member.1'] === undefined).map((c) => c.params.NextToken)).toEqual([undefined, '2']);

    const md = renderEnrichmentMarkdown({ ...report, enrichment: e })!;
    expect(md).toContain('| arn:aws:iam::210987654321:role/acme-ci-circleci-nomad-clients-autoscaler-irsa-role | autoscaling:DescribeAutoScalingGroups | AccessDenied | 3 |');
  });

  it('names the permission the pipeline lacks when AWS denies our own call', async () => {
    state.denied = new Set(['autoscaling:DescribeLifecycleHooks', 'sts:DecodeAuthorizationMessage']);
    state.refreshes = { 'acme-ci-circleci-nomad-clients-asg': [{ id: '08b91cf7-8fa6-48af-b6a6-d227f40f1b9b', status: 'InProgress', start: '2026-11-30T08:05:00Z', percent: 40 }] };
    const report = incidentReport();
    report.bundle.autoscalerPolicies = [{ source: 'cm#nomad-autoscaler/cluster.hcl', name: 'cluster.hcl', text: TYPO_POLICY.replace('nomad-client-asg', 'nomad-clients-asg') }];
    const e = await enrich(report, awsEnrichmentPorts({ lookupEventsPerSecond: 200 }), { stepTimeoutMs: 20_000 });
    const byName = Object.fromEntries(e.steps.map((s) => [s.name, s]));
    expect(byName['asg-verification']).toMatchObject({ status: 'partial', errors: [{ kind: 'access-denied', missingPermission: 'autoscaling:DescribeLifecycleHooks' }] });
    expect(byName['authorization-messages']).toMatchObject({ status: 'partial', errors: [{ missingPermission: 'sts:DecodeAuthorizationMessage' }] });
    expect(byName['cloudtrail-denials']!.status).toBe('ok');
    expect(e.autoScalingGroups[0]).toMatchObject({ exists: true, group: { minSize: 1, maxSize: 6, instances: 2, terminationHooks: null } });
    expect(e.autoScalingGroups[0]!.issues.map((i) => i.code)).toEqual(['policy-max-above-asg-max', 'instance-refresh-active']);
    expect(e.autoScalingGroups[0]!.issues[1]!.message).toMatch(/^Scaling is paused while instance refresh 08b91cf7-8fa6-48af-b6a6-d227f40f1b9b runs \(InProgress, started 2026-11-30T08:05:00.000Z, 40% complete\)/);
    expect(fakeAws().calls.find((c) => c.action === 'DescribeInstanceRefreshes')?.params).toMatchObject({ AutoScalingGroupName: 'acme-ci-circleci-nomad-clients-asg', MaxRecords: '5' });
    expect(e.authorizationMessages[0]!.status).toBe('failed');
  });
});
