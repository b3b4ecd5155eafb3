import { beforeAll, describe, expect, it } from 'vitest';
import { editDistance } from '../../functions/enrichment/asg/distance.js';
import { suggestGroups } from '../../functions/enrichment/asg/suggest.js';
import { asgTargets, verifyGroups } from '../../functions/enrichment/asg/verify.js';
import { AwsCallError } from '../../functions/enrichment/errors.js';
import type { AutoScalingGroupInfo, AutoScalingGroups, InstanceRefreshInfo, LifecycleHookInfo } from '../../functions/enrichment/ports.js';
import { analysePolicies } from '../../functions/enrichment/policy/analyse.js';
import { incidentReport } from './fixtures.js';

function group(name: string, over: Partial<AutoScalingGroupInfo> = {}): AutoScalingGroupInfo {
  return { name, minSize: 1, maxSize: 10, desiredCapacity: 2, instances: 2, suspendedProcesses: [], tags: {}, ...over };
}

function fakeAsg(
  groups: AutoScalingGroupInfo[],
  hooks: Record<string, LifecycleHookInfo[] | Error> = {},
  refreshes: Record<string, InstanceRefreshInfo[] | Error> = {},
): AutoScalingGroups & { described: string[][] } {
  const described: string[][] = [];
  return {
    described,
    describe: (names) => {
      described.push(names);
      return Promise.resolve(groups.filter((g) => names.includes(g.name)));
    },
    list: (limit) => Promise.resolve({ groups: groups.slice(0, limit), truncated: groups.length > limit }),
    lifecycleHooks: (name) => {
      const h = hooks[name];
      return h instanceof Error ? Promise.reject(h) : Promise.resolve(h ?? []);
    },
    instanceRefreshes: (name) => {
      const r = refreshes[name];
      return r instanceof Error ? Promise.reject(r) : Promise.resolve(r ?? []);
    },
  };
}

describe('editDistance and suggestions', () => {
  it('computes Levenshtein distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('acme-ci-circleci-nomad-client-asg', 'acme-ci-circleci-nomad-clients-asg')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('ranks by distance, CircleCI-tagged first on a tie, and drops unrelated groups', () => {
    const s = suggestGroups('acme-nomad-asg', [
      group('billing-workers'),
      group('acme-nomad-asg2'),
      group('acme-nomad-asg1', { tags: { 'circleci:component': 'nomad-clients' } }),
    ]);
    expect(s).toEqual([
      { name: 'acme-nomad-asg1', distance: 1, circleciTagged: true },
      { name: 'acme-nomad-asg2', distance: 1, circleciTagged: false },
    ]);
  });
});

describe('verifyGroups', () => {
  const report = incidentReport();
  let targets: ReturnType<typeof asgTargets>;
  beforeAll(async () => {
    targets = asgTargets(await analysePolicies(report));
  });

  it('reports a missing group with the closest existing name and explains the got-0 finding', async () => {
    const asg = fakeAsg([group('acme-ci-circleci-nomad-clients-asg', { tags: { Name: 'circleci-nomad-client' } }), group('unrelated-web')]);
    const { value, errors } = await verifyGroups(asg, targets, report);
    expect(errors).toEqual([]);
    const [check] = value.checks;
    expect(check).toMatchObject({ name: 'acme-ci-circleci-nomad-client-asg', exists: false, referencedBy: ['circleci-nomad-clients'] });
    expect(check!.suggestions[0]).toEqual({ name: 'acme-ci-circleci-nomad-clients-asg', distance: 1, circleciTagged: true });
    expect(check!.findingIds).toContain('f-asg');
    expect(value.links).toEqual([
      {
        findingId: 'f-asg',
        step: 'asg-verification',
        text: 'Explained: policy "circleci-nomad-clients" points at ASG "acme-ci-circleci-nomad-client-asg", which does not exist; the existing group is probably "acme-ci-circleci-nomad-clients-asg".',
      },
    ]);
  });

  it('compares an existing group with the policy, its suspended processes and drain hook', async () => {
    const asg = fakeAsg([
      group('acme-ci-circleci-nomad-client-asg', { minSize: 3, maxSize: 6, suspendedProcesses: [{ name: 'Launch', reason: 'User suspended at 2025-03-14T08:00:00Z' }] }),
    ]);
    const { value } = await verifyGroups(asg, targets, report);
    const check = value.checks[0]!;
    expect(check.exists).toBe(true);
    expect(check.issues.map((i) => [i.level, i.code])).toEqual([
      ['warning', 'policy-max-above-asg-max'],
      ['warning', 'policy-min-below-asg-min'],
      ['error', 'process-suspended'],
      ['info', 'no-drain-hook'],
    ]);
    expect(check.group?.terminationHooks).toEqual([]);
    expect(value.links).toEqual([]);
  });

  it('accepts a termination hook as the drain hook', async () => {
    const asg = fakeAsg([group('acme-ci-circleci-nomad-client-asg', { minSize: 2, maxSize: 8 })], {
      'acme-ci-circleci-nomad-client-asg': [
        { name: 'launch', transition: 'autoscaling:EC2_INSTANCE_LAUNCHING' },
        { name: 'drain-nomad', transition: 'autoscaling:EC2_INSTANCE_TERMINATING', heartbeatTimeoutSeconds: 900, defaultResult: 'CONTINUE' },
      ],
    });
    const { value } = await verifyGroups(asg, targets, report);
    expect(value.checks[0]!.issues).toEqual([]);
    expect(value.checks[0]!.group?.terminationHooks).toEqual([{ name: 'drain-nomad', heartbeatTimeoutSeconds: 900, defaultResult: 'CONTINUE' }]);
  });

  it('records a denied hook lookup as a missing permission and keeps the rest', async () => {
    const denied = new AwsCallError('autoscaling:DescribeLifecycleHooks', 'access-denied', 'not authorized', 'AccessDenied');
    const asg = fakeAsg([group('acme-ci-circleci-nomad-client-asg')], { 'acme-ci-circleci-nomad-client-asg': denied });
    const { value, errors } = await verifyGroups(asg, targets, report);
    expect(errors[0]).toMatchObject({ kind: 'access-denied', missingPermission: 'autoscaling:DescribeLifecycleHooks' });
    expect(value.checks[0]!.exists).toBe(true);
    expect(value.checks[0]!.group?.terminationHooks).toBeNull();
  });

  it('warns about an active instance refresh, and says when the autoscaler pauses for it', async () => {
    const name = 'acme-ci-circleci-nomad-client-asg';
    const asg = fakeAsg([group(name, { minSize: 2, maxSize: 8 })], { [name]: [{ name: 'drain', transition: 'autoscaling:EC2_INSTANCE_TERMINATING' }] }, {
      [name]: [
        { id: '08b91cf7-8fa6-48af-b6a6-d227f40f1b9b', status: 'InProgress', startTime: '2026-11-30T08:05:00.000Z', percentageComplete: 40 },
        { id: 'c3d2e1f0-0000-4aaa-8bbb-111122223333', status: 'RollbackInProgress' },
        { id: 'old-1', status: 'Successful' },
        { id: 'old-2', status: 'Cancelled' },
      ],
    });
    const { value, errors } = await verifyGroups(asg, targets, report);
    expect(errors).toEqual([]);
    const check = value.checks[0]!;
    expect(check.issues.map((i) => [i.level, i.code])).toEqual([
      ['warning', 'instance-refresh-active'],
      ['warning', 'instance-refresh-active'],
    ]);
    expect(check.issues[0]!.message).toMatch(/^Scaling is paused while instance refresh 08b91cf7-8fa6-48af-b6a6-d227f40f1b9b runs \(InProgress, started 2026-11-30T08:05:00.000Z, 40% complete\)/);
    expect(check.issues[1]!.message).not.toMatch(/paused/);
    expect(check.group?.activeRefreshes?.map((r) => r.status)).toEqual(['InProgress', 'RollbackInProgress']);
  });

  it('records a denied refresh lookup as a missing permission and leaves the refresh state unknown', async () => {
    const name = 'acme-ci-circleci-nomad-client-asg';
    const denied = new AwsCallError('autoscaling:DescribeInstanceRefreshes', 'access-denied', 'not authorized', 'AccessDenied');
    const { value, errors } = await verifyGroups(fakeAsg([group(name)], {}, { [name]: denied }), targets, report);
    expect(errors).toEqual([expect.objectContaining({ kind: 'access-denied', missingPermission: 'autoscaling:DescribeInstanceRefreshes' }) as unknown]);
    expect(value.checks[0]!.group?.activeRefreshes).toBeNull();
  });

  it('does not call AWS when there is no ASG name', async () => {
    const asg = fakeAsg([]);
    const { value, note } = await verifyGroups(asg, [], report);
    expect(value.checks).toEqual([]);
    expect(note).toMatch(/no ASG name/);
    expect(asg.described).toEqual([]);
  });
});
