import { describe, expect, it } from 'vitest';
import { AwsCallError } from '../../functions/enrichment/errors.js';
import { denyingPolicies, likelyCause, policyChanges } from '../../functions/enrichment/trail/policy-changes.js';
import { finding, incidentReport } from './fixtures.js';
import { fakeTrail, trailEvent } from './fake-ports.js';

const SCP_ARN = 'arn:aws:organizations::111122223333:policy/o-a1b2c3d4e5/service_control_policy/p-9x8y7z6w';
const IAM_ARN = 'arn:aws:iam::210987654321:policy/acme-ci-nomad-autoscaler';
const WINDOW = { start: new Date('2025-03-14T09:30:00Z'), end: new Date('2025-03-14T10:00:00Z') };
const ADMIN = { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/ops/alice', userName: 'alice' };

/** A finding as the cloud-permission rules produce it when the message names the denying policy. */
const scpDenied = finding({ id: 'f-scp', data: { action: ['autoscaling:DescribeInstanceRefreshes'], policyType: ['service control policy'], policyArn: [SCP_ARN] } });

describe('denyingPolicies', () => {
  it('reads the policy ARN and type from the findings, with the Organizations policy id', () => {
    const report = incidentReport({ findings: [scpDenied, finding({ id: 'f-iam', data: { policyType: ['identity-based policy'], policyArn: [IAM_ARN] } }), finding({ id: 'f-scp-2', data: { policyArn: [SCP_ARN] } })] });
    expect(denyingPolicies(report)).toEqual([
      { arn: SCP_ARN, type: 'service control policy', orgPolicyId: 'p-9x8y7z6w', findingIds: ['f-scp', 'f-scp-2'] },
      { arn: IAM_ARN, type: 'identity-based policy', orgPolicyId: null, findingIds: ['f-iam'] },
    ]);
  });

  it('finds nothing to look up when no finding names a policy', () => {
    expect(denyingPolicies(incidentReport({ findings: [finding({ id: 'f', data: { action: ['ec2:RunInstances'] } })] }))).toEqual([]);
  });
});

describe('policyChanges', () => {
  const update = trailEvent({
    eventId: 'org-1',
    eventTime: '2025-03-14T09:12:00.000Z',
    eventSource: 'organizations.amazonaws.com',
    eventName: 'UpdatePolicy',
    readOnly: false,
    username: 'alice',
    userIdentity: ADMIN,
    resources: ['p-9x8y7z6w'],
  });

  it('finds who changed the SCP in the 24 hours before the window end, and says it is the likely cause', async () => {
    const trail = fakeTrail([
      update,
      { ...update, eventId: 'org-read', eventName: 'DescribePolicy', readOnly: true },
      { ...update, eventId: 'org-other', resources: ['p-00000000'] },
      { ...update, eventId: 'org-old', eventTime: '2025-03-12T09:00:00.000Z' },
    ]);
    const { value, errors } = await policyChanges(trail, denyingPolicies(incidentReport({ findings: [scpDenied] })), WINDOW);
    expect(errors).toEqual([]);
    expect(value.changes).toEqual([
      { policyArn: SCP_ARN, policyType: 'service control policy', eventName: 'UpdatePolicy', principal: ADMIN.arn, time: '2025-03-14T09:12:00.000Z', eventId: 'org-1', errorCode: null, findingId: 'f-scp' },
    ]);
    expect(likelyCause(value.changes[0]!)).toBe(`Likely cause: ${ADMIN.arn} changed service control policy ${SCP_ARN} at 2025-03-14T09:12:00.000Z (UpdatePolicy).`);
    // Global lookups: by the ARN, by the policy id, and by the Organizations event names.
    expect(trail.queries.every((q) => q.scope === 'global' && q.start.toISOString() === '2025-03-13T10:00:00.000Z')).toBe(true);
    expect(trail.queries.map((q) => `${q.attribute.key}=${q.attribute.value}`)).toEqual([
      `ResourceName=${SCP_ARN}`,
      'ResourceName=p-9x8y7z6w',
      'EventName=UpdatePolicy',
      'EventName=AttachPolicy',
      'EventName=DetachPolicy',
    ]);
  });

  it('matches IAM policy events by the policy ARN only', async () => {
    const version = trailEvent({ eventId: 'iam-1', eventTime: '2025-03-14T09:20:00.000Z', eventSource: 'iam.amazonaws.com', eventName: 'CreatePolicyVersion', readOnly: false, userIdentity: ADMIN, resources: [IAM_ARN] });
    const trail = fakeTrail([version]);
    const report = incidentReport({ findings: [finding({ id: 'f-iam', data: { policyType: ['identity-based policy'], policyArn: [IAM_ARN] } })] });
    const { value } = await policyChanges(trail, denyingPolicies(report), WINDOW);
    expect(value.changes.map((c) => [c.eventName, c.findingId])).toEqual([['CreatePolicyVersion', 'f-iam']]);
    expect(trail.queries).toHaveLength(1);
  });

  it('matches an inline role policy change by the role name when the denial names the role', async () => {
    const role = 'arn:aws:iam::210987654321:role/acme-ci-circleci-nomad-clients-autoscaler-irsa-role';
    const put = trailEvent({ eventId: 'iam-2', eventTime: '2025-03-14T09:25:00.000Z', eventSource: 'iam.amazonaws.com', eventName: 'PutRolePolicy', readOnly: false, userIdentity: ADMIN, resources: [role, 'acme-ci-circleci-nomad-clients-autoscaler-irsa-role', 'autoscaler'] });
    const other = { ...put, eventId: 'iam-3', resources: [role.replace('irsa-role', 'other-role'), 'acme-ci-circleci-nomad-clients-autoscaler-other-role'] };
    const report = incidentReport({ findings: [finding({ id: 'f-role', data: { policyType: ['identity-based policy'], policyArn: [role] } })] });
    const { value } = await policyChanges(fakeTrail([put, other]), denyingPolicies(report), WINDOW);
    expect(value.changes.map((c) => c.eventId)).toEqual(['iam-2']);
  });

  it('says where to look when nothing changed, and makes no call without a named policy', async () => {
    const none = await policyChanges(fakeTrail([]), denyingPolicies(incidentReport({ findings: [scpDenied] })), WINDOW);
    expect(none.value.changes).toEqual([]);
    expect(none.note).toMatch(/management account/);
    const trail = fakeTrail([update]);
    const skipped = await policyChanges(trail, [], WINDOW);
    expect(skipped.note).toBe('no finding names the denying policy');
    expect(trail.queries).toEqual([]);
  });

  it('keeps what it found when some lookups are denied, and fails when all are', async () => {
    const denied = new AwsCallError('cloudtrail:LookupEvents', 'access-denied', 'not authorized', 'AccessDenied');
    const policies = denyingPolicies(incidentReport({ findings: [scpDenied] }));
    const partial = await policyChanges(fakeTrail([update], (q) => (q.attribute.key === 'ResourceName' ? denied : undefined)), policies, WINDOW);
    expect(partial.value.changes.map((c) => c.eventId)).toEqual(['org-1']);
    expect(partial.errors[0]).toMatchObject({ kind: 'access-denied', missingPermission: 'cloudtrail:LookupEvents' });
    await expect(policyChanges(fakeTrail([update], () => denied), policies, WINDOW)).rejects.toBe(denied);
  });
});
