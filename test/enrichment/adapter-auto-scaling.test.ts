import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  DescribeInstanceRefreshesCommand,
  DescribeLifecycleHooksCommand,
  type AutoScalingGroup,
} from '@aws-sdk/client-auto-scaling';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { autoScalingGroups } from '../../functions/enrichment/adapters/auto-scaling.js';
import { noSleep, sdkError } from './sdk-errors.js';

const asgMock = mockClient(AutoScalingClient);
const asg = autoScalingGroups(new AutoScalingClient({ region: 'us-east-1' }), noSleep);

function group(name: string, over: Partial<AutoScalingGroup> = {}): AutoScalingGroup {
  return {
    AutoScalingGroupName: name,
    AutoScalingGroupARN: `arn:aws:autoscaling:us-east-1:210987654321:autoScalingGroup:uuid:autoScalingGroupName/${name}`,
    MinSize: 1,
    MaxSize: 5,
    DesiredCapacity: 2,
    DefaultCooldown: 300,
    AvailabilityZones: ['us-east-1a'],
    HealthCheckType: 'EC2',
    CreatedTime: new Date('2025-01-01T00:00:00Z'),
    Instances: [],
    ...over,
  };
}

describe('autoScalingGroups adapter', () => {
  beforeEach(() => asgMock.reset());

  it('never sends an empty name list, which would describe every group', async () => {
    await expect(asg.describe([])).resolves.toEqual([]);
    await expect(asg.describe([''])).resolves.toEqual([]);
    expect(asgMock.calls()).toHaveLength(0);
  });

  it('batches names by 50 and reads groups, tags and suspended processes', async () => {
    asgMock.on(DescribeAutoScalingGroupsCommand).callsFake((input: { AutoScalingGroupNames?: string[] }) =>
      Promise.resolve({
        AutoScalingGroups: (input.AutoScalingGroupNames ?? [])
          .filter((n) => n === 'n7' || n === 'n60')
          .map((n) =>
            group(n, {
              Tags: [{ Key: 'circleci', Value: 'nomad', ResourceId: n, ResourceType: 'auto-scaling-group', PropagateAtLaunch: true }],
              SuspendedProcesses: [{ ProcessName: 'Terminate', SuspensionReason: 'User suspended' }],
              Instances: [{ InstanceId: 'i-1', AvailabilityZone: 'us-east-1a', LifecycleState: 'InService', HealthStatus: 'Healthy', ProtectedFromScaleIn: false }],
            }),
          ),
      }),
    );
    const names = Array.from({ length: 75 }, (_, i) => `n${i}`);
    const found = await asg.describe([...names, 'n7']);
    const calls = asgMock.commandCalls(DescribeAutoScalingGroupsCommand).map((c) => c.args[0].input.AutoScalingGroupNames?.length);
    expect(calls).toEqual([50, 25]);
    expect(found.map((g) => g.name)).toEqual(['n7', 'n60']);
    expect(found[0]).toMatchObject({ minSize: 1, maxSize: 5, desiredCapacity: 2, instances: 1, tags: { circleci: 'nomad' }, suspendedProcesses: [{ name: 'Terminate', reason: 'User suspended' }] });
  });

  it('lists every group across pages up to a limit', async () => {
    asgMock
      .on(DescribeAutoScalingGroupsCommand)
      .resolvesOnce({ AutoScalingGroups: [group('a'), group('b')], NextToken: 'p2' })
      .resolvesOnce({ AutoScalingGroups: [group('c')] });
    const all = await asg.list(10);
    expect(all).toEqual({ groups: expect.arrayContaining([expect.objectContaining({ name: 'c' })]) as unknown, truncated: false });
    expect(asgMock.commandCalls(DescribeAutoScalingGroupsCommand)[1]!.args[0].input).toMatchObject({ NextToken: 'p2', MaxRecords: 100, AutoScalingGroupNames: undefined });
    asgMock.reset();
    asgMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [group('a'), group('b')], NextToken: 'p2' });
    await expect(asg.list(1)).resolves.toMatchObject({ groups: [{ name: 'a' }], truncated: true });
  });

  it('retries throttling and reports denial with the missing permission', async () => {
    asgMock.on(DescribeAutoScalingGroupsCommand).rejectsOnce(sdkError('Throttling', 'Rate exceeded', 400)).resolves({ AutoScalingGroups: [] });
    await expect(asg.describe(['x'])).resolves.toEqual([]);
    asgMock.on(DescribeLifecycleHooksCommand).rejects(sdkError('AccessDenied', 'not authorized to perform: autoscaling:DescribeLifecycleHooks', 403));
    await expect(asg.lifecycleHooks('x')).rejects.toMatchObject({ kind: 'access-denied', action: 'autoscaling:DescribeLifecycleHooks' });
  });

  it('reads lifecycle hooks', async () => {
    asgMock.on(DescribeLifecycleHooksCommand, { AutoScalingGroupName: 'x' }).resolves({
      LifecycleHooks: [{ LifecycleHookName: 'drain', AutoScalingGroupName: 'x', LifecycleTransition: 'autoscaling:EC2_INSTANCE_TERMINATING', HeartbeatTimeout: 600, DefaultResult: 'CONTINUE' }],
    });
    await expect(asg.lifecycleHooks('x')).resolves.toEqual([
      { name: 'drain', transition: 'autoscaling:EC2_INSTANCE_TERMINATING', heartbeatTimeoutSeconds: 600, defaultResult: 'CONTINUE' },
    ]);
  });

  it('reads the newest instance refreshes of a group, and names the permission when denied', async () => {
    asgMock.on(DescribeInstanceRefreshesCommand, { AutoScalingGroupName: 'x' }).resolves({
      InstanceRefreshes: [
        { InstanceRefreshId: 'r-1', AutoScalingGroupName: 'x', Status: 'InProgress', StartTime: new Date('2026-11-30T08:05:00Z'), PercentageComplete: 40, StatusReason: 'Waiting for instances to warm up' },
        { InstanceRefreshId: 'r-0', AutoScalingGroupName: 'x', Status: 'Successful' },
      ],
    });
    await expect(asg.instanceRefreshes('x')).resolves.toEqual([
      { id: 'r-1', status: 'InProgress', statusReason: 'Waiting for instances to warm up', startTime: '2026-11-30T08:05:00.000Z', percentageComplete: 40 },
      { id: 'r-0', status: 'Successful' },
    ]);
    expect(asgMock.commandCalls(DescribeInstanceRefreshesCommand)[0]!.args[0].input).toEqual({ AutoScalingGroupName: 'x', MaxRecords: 5 });
    asgMock.on(DescribeInstanceRefreshesCommand).rejects(sdkError('AccessDenied', 'not authorized to perform: autoscaling:DescribeInstanceRefreshes', 403));
    await expect(asg.instanceRefreshes('y')).rejects.toMatchObject({ kind: 'access-denied', action: 'autoscaling:DescribeInstanceRefreshes' });
  });
});
