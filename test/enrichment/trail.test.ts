import { describe, expect, it } from 'vitest';
import { AwsCallError } from '../../functions/enrichment/errors.js';
import { CHANGE_EVENTS, recentChanges } from '../../functions/enrichment/trail/changes.js';
import { findDenials, groupDenials } from '../../functions/enrichment/trail/denials.js';
import { principalsFromReport, usernamesOf } from '../../functions/enrichment/trail/principals.js';
import { incidentReport, ROLE_ARN } from './fixtures.js';
import { fakeTrail, trailEvent } from './fake-ports.js';

const window = { start: new Date('2025-03-14T08:40:00Z'), end: new Date('2025-03-14T09:51:00Z') };

describe('principalsFromReport', () => {
  it('looks up session and role names of evidence ARNs plus configured roles', () => {
    const p = principalsFromReport(incidentReport(), ['acme-ci-machine-provisioner', 'arn:aws:iam::210987654321:role/acme-ci-circleci-nomad-clients-autoscaler-irsa-role']);
    expect(p).toEqual([
      { username: 'aws-go-sdk-1741944012', arn: ROLE_ARN, source: 'evidence' },
      { username: 'acme-ci-circleci-nomad-clients-autoscaler-irsa-role', arn: ROLE_ARN, source: 'evidence' },
      { username: 'acme-ci-machine-provisioner', source: 'configured' },
    ]);
  });

  it('reads user, role and assumed-role ARNs', () => {
    expect(usernamesOf('arn:aws:iam::1:user/ops/alice')).toEqual(['alice']);
    expect(usernamesOf('arn:aws:iam::1:role/r')).toEqual(['r']);
    expect(usernamesOf('arn:aws:sts::1:assumed-role/r/s')).toEqual(['s', 'r']);
  });
});

describe('findDenials', () => {
  it('keeps only authorization failures and groups them by principal, action and code', async () => {
    const trail = fakeTrail([
      trailEvent({ eventId: 'a', errorCode: 'AccessDenied', errorMessage: 'User: x is not authorized', eventTime: '2025-03-14T09:40:00.000Z' }),
      trailEvent({ eventId: 'b', errorCode: 'AccessDenied', eventTime: '2025-03-14T09:45:00.000Z' }),
      trailEvent({ eventId: 'c' }),
      trailEvent({ eventId: 'd', errorCode: 'ThrottlingException' }),
      trailEvent({ eventId: 'e', eventSource: 'ec2.amazonaws.com', eventName: 'RunInstances', errorCode: 'Client.UnauthorizedOperation', readOnly: false }),
    ]);
    const { value, errors } = await findDenials(trail, [{ username: 'aws-go-sdk-1741944012', source: 'evidence' }], window);
    expect(errors).toEqual([]);
    expect(value.groups).toEqual([
      {
        principal: 'arn:aws:iam::210987654321:role/acme-ci-circleci-nomad-clients-autoscaler-irsa-role',
        service: 'autoscaling',
        action: 'autoscaling:DescribeAutoScalingGroups',
        errorCode: 'AccessDenied',
        count: 2,
        firstTime: '2025-03-14T09:40:00.000Z',
        lastTime: '2025-03-14T09:45:00.000Z',
        regions: ['us-east-1'],
        sampleMessage: 'User: x is not authorized',
        eventIds: ['a', 'b'],
      },
      expect.objectContaining({ action: 'ec2:RunInstances', errorCode: 'Client.UnauthorizedOperation', count: 1 }) as unknown,
    ]);
    expect(trail.queries[0]).toMatchObject({ attribute: { key: 'Username', value: 'aws-go-sdk-1741944012' }, start: window.start, end: window.end });
  });

  it('is partial when one lookup fails and fails when all do', async () => {
    const denied = new AwsCallError('cloudtrail:LookupEvents', 'access-denied', 'no', 'AccessDeniedException');
    const some = fakeTrail([], (q) => (q.attribute.value === 'b' ? denied : undefined));
    const partial = await findDenials(some, [{ username: 'a', source: 'evidence' }, { username: 'b', source: 'evidence' }], window);
    expect(partial.errors).toEqual([expect.objectContaining({ missingPermission: 'cloudtrail:LookupEvents' })]);
    const none = fakeTrail([], () => denied);
    await expect(findDenials(none, [{ username: 'a', source: 'evidence' }], window)).rejects.toBe(denied);
  });

  it('de-duplicates events found under two usernames', () => {
    const e = trailEvent({ eventId: 'same', errorCode: 'AccessDenied' });
    expect(groupDenials([e])[0]!.count).toBe(1);
  });
});

describe('recentChanges', () => {
  it('lists write events of the 24 hours before the window end, newest first, IAM looked up globally', async () => {
    const trail = fakeTrail([
      trailEvent({
        eventId: 'u1',
        eventName: 'UpdateAutoScalingGroup',
        readOnly: false,
        eventTime: '2025-03-14T07:02:00.000Z',
        userIdentity: { arn: 'arn:aws:iam::210987654321:user/ops/alice' },
        resources: ['acme-ci-circleci-nomad-clients-asg'],
      }),
      trailEvent({ eventId: 'old', eventName: 'UpdateAutoScalingGroup', readOnly: false, eventTime: '2025-03-12T07:00:00.000Z' }),
      trailEvent({ eventId: 'p1', eventSource: 'iam.amazonaws.com', eventName: 'DetachRolePolicy', readOnly: false, eventTime: '2025-03-14T08:00:00.000Z', resources: ['acme-ci-machine-provisioner'] }),
    ]);
    const { value } = await recentChanges(trail, window);
    expect(value.window.start.toISOString()).toBe('2025-03-13T09:51:00.000Z');
    expect(value.changes.map((c) => [c.eventId, c.principal, c.service, c.eventName])).toEqual([
      ['p1', 'arn:aws:iam::210987654321:role/acme-ci-circleci-nomad-clients-autoscaler-irsa-role', 'iam', 'DetachRolePolicy'],
      ['u1', 'arn:aws:iam::210987654321:user/ops/alice', 'autoscaling', 'UpdateAutoScalingGroup'],
    ]);
    expect(trail.queries).toHaveLength(CHANGE_EVENTS.length);
    expect(trail.queries.find((q) => q.attribute.value === 'PutRolePolicy')?.scope).toBe('global');
    expect(trail.queries.find((q) => q.attribute.value === 'UpdateAutoScalingGroup')?.scope).toBe('regional');
  });
});
