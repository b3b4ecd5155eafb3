import { describe, expect, it } from 'vitest';
import { enrich, enrichmentFromPolicyOnly, enrichmentSchema, AwsCallError, type EnrichmentPorts } from '../../functions/enrichment/index.js';
import { BLOB, DECODED_IMPLICIT, incidentReport } from './fixtures.js';
import { fakeDecoder, fakeGroups, fakeTrail, trailEvent } from './fake-ports.js';

const now = (): Date => new Date('2025-03-14T10:05:00Z');
const TRAIL_BLOB = `${BLOB.slice(0, 150)}TrailOnlyBlobPart0123456789`;

function ports(over: Partial<EnrichmentPorts> = {}): EnrichmentPorts {
  return {
    sts: fakeDecoder({ [BLOB]: DECODED_IMPLICIT, [TRAIL_BLOB]: DECODED_IMPLICIT }),
    trail: fakeTrail([
      trailEvent({ eventId: 'd1', errorCode: 'AccessDenied', errorMessage: 'User: x is not authorized to perform: autoscaling:DescribeAutoScalingGroups' }),
      trailEvent({
        eventId: 'd2',
        eventSource: 'ec2.amazonaws.com',
        eventName: 'RunInstances',
        errorCode: 'Client.UnauthorizedOperation',
        errorMessage: `You are not authorized to perform this operation. Encoded authorization failure message: ${TRAIL_BLOB}`,
      }),
      trailEvent({ eventId: 'c1', eventName: 'UpdateAutoScalingGroup', readOnly: false, eventTime: '2025-03-14T07:00:00.000Z' }),
    ]),
    asg: fakeGroups([{ name: 'acme-ci-circleci-nomad-clients-asg', minSize: 1, maxSize: 10, instances: 0, suspendedProcesses: [], tags: {} }]),
    ...over,
  };
}

describe('enrich', () => {
  it('runs every step and links results to the findings', async () => {
    const e = await enrich(incidentReport(), ports(), { now, circleciRoleNames: ['acme-ci-machine-provisioner'] });
    expect(enrichmentSchema.parse(e)).toEqual(e);
    expect(e.steps.map((s) => [s.name, s.status])).toEqual([
      ['autoscaler-policy', 'ok'],
      ['authorization-messages', 'ok'],
      ['cloudtrail-denials', 'ok'],
      ['recent-changes', 'ok'],
      ['asg-verification', 'ok'],
      ['policy-changes', 'ok'],
    ]);
    expect(e.generatedAt).toBe('2025-03-14T10:05:00.000Z');
    // The evidence blob and the one only CloudTrail had are both decoded.
    expect(e.authorizationMessages.map((m) => [m.status, m.sources[0]!.path.startsWith('cloudtrail:') ? 'trail' : 'evidence'])).toEqual([
      ['decoded', 'evidence'],
      ['decoded', 'trail'],
    ]);
    expect(e.cloudTrail.denials.map((d) => d.action)).toEqual(['autoscaling:DescribeAutoScalingGroups', 'ec2:RunInstances']);
    expect(e.cloudTrail.recentChanges.map((c) => c.eventId)).toEqual(['c1']);
    expect(e.autoScalingGroups[0]).toMatchObject({ exists: false, suggestions: [{ name: 'acme-ci-circleci-nomad-clients-asg' }] });
    const linked = e.findingLinks.map((l) => [l.findingId, l.step]);
    expect(linked).toContainEqual(['f-sts', 'authorization-messages']);
    expect(linked).toContainEqual(['f-asg', 'asg-verification']);
    expect(linked).toContainEqual(['f-iam', 'cloudtrail-denials']);
    expect(linked).toContainEqual(['f-sts', 'cloudtrail-denials']);
  });

  it('keeps the other steps when one is denied, naming the missing permission', async () => {
    const denied = new AwsCallError('cloudtrail:LookupEvents', 'access-denied', 'User: arn:aws:sts::1:assumed-role/pipeline/x is not authorized', 'AccessDeniedException');
    const e = await enrich(incidentReport(), ports({ trail: fakeTrail([], () => denied) }), { now });
    const byName = Object.fromEntries(e.steps.map((s) => [s.name, s]));
    expect(byName['cloudtrail-denials']).toMatchObject({ status: 'failed', errors: [{ kind: 'access-denied', missingPermission: 'cloudtrail:LookupEvents' }] });
    expect(byName['recent-changes']!.status).toBe('failed');
    expect(byName['authorization-messages']!.status).toBe('ok');
    expect(byName['asg-verification']!.status).toBe('ok');
    expect(e.authorizationMessages[0]!.status).toBe('decoded');
  });

  it('times a hanging step out without waiting for it', async () => {
    const hanging = fakeGroups([]);
    hanging.describe = () => new Promise(() => undefined);
    // The step never settles: the enrichment only returns because the step timed out.
    const e = await enrich(incidentReport(), ports({ asg: hanging }), { now, stepTimeoutMs: 200 });
    const step = e.steps.find((s) => s.name === 'asg-verification')!;
    expect(step).toMatchObject({ status: 'timed-out', errors: [{ kind: 'timeout' }] });
    expect(e.autoScalingGroups[0]).toMatchObject({ name: 'acme-ci-circleci-nomad-client-asg', exists: null });
  });

  it('does not retry evidence messages whose decode ran out of time, but decodes the CloudTrail ones', async () => {
    const decoder = fakeDecoder({ [TRAIL_BLOB]: DECODED_IMPLICIT });
    decoder.decode = (m) => (m === BLOB ? new Promise(() => undefined) : Promise.resolve(DECODED_IMPLICIT));
    const e = await enrich(incidentReport(), ports({ sts: decoder }), { now, stepTimeoutMs: 300 });
    expect(e.authorizationMessages.map((m) => m.status)).toEqual(['failed', 'decoded']);
    expect(e.steps.find((s) => s.name === 'authorization-messages')!.status).toBe('timed-out');
  });

  it('reports messages STS cannot decode and decoded documents it cannot read', async () => {
    const invalid = new AwsCallError('sts:DecodeAuthorizationMessage', 'invalid-message', 'expired', 'InvalidAuthorizationMessageException');
    const e = await enrich(incidentReport(), ports({ sts: fakeDecoder({ [BLOB]: invalid, [TRAIL_BLOB]: '{"allowed":' }) }), { now });
    expect(e.authorizationMessages.map((m) => m.status)).toEqual(['undecodable', 'failed']);
    expect(e.authorizationMessages[0]!.reason).toMatch(/expired, damaged, or encoded for another AWS account/);
    expect(e.authorizationMessages[1]!.reason).toMatch(/not valid JSON/);
  });
});

describe('enrichmentFromPolicyOnly', () => {
  it('checks the policy and lists messages without calling AWS', async () => {
    const e = await enrichmentFromPolicyOnly(incidentReport());
    expect(enrichmentSchema.parse(e)).toEqual(e);
    expect(e.mode).toBe('offline');
    expect(e.steps.filter((s) => s.status === 'skipped').map((s) => s.name)).toEqual(['authorization-messages', 'cloudtrail-denials', 'recent-changes', 'asg-verification', 'policy-changes']);
    expect(e.autoscaler.policies[0]!.asgName).toBe('acme-ci-circleci-nomad-client-asg');
    expect(e.autoScalingGroups).toEqual([expect.objectContaining({ name: 'acme-ci-circleci-nomad-client-asg', exists: null }) as unknown]);
    expect(e.authorizationMessages).toEqual([expect.objectContaining({ status: 'not-attempted', length: BLOB.length }) as unknown]);
  });
});
