import { describe, expect, it } from 'vitest';
import { enrichmentHighlights, latestChange } from '../../functions/adapters/enrichment-runner.js';
import type { Enrichment } from '../../functions/enrichment/index.js';

function change(time: string, eventName: string) {
  return { time, service: 'autoscaling', eventName, principal: 'arn:aws:iam::210987654321:user/ops/alice', resources: [], region: 'us-east-1', errorCode: null, eventId: eventName };
}

/** Changes in the order the CloudTrail step returns them: newest first. */
const CHANGES = [change('2025-03-14T09:30:00Z', 'UpdateAutoScalingGroup'), change('2025-03-14T08:00:00Z', 'PutRolePolicy'), change('2025-03-13T22:00:00Z', 'CreateLaunchTemplateVersion')];

function enrichment(recentChanges: ReturnType<typeof change>[]): Enrichment {
  return {
    autoScalingGroups: [],
    cloudTrail: { backend: 'lookup-events', principals: [], denials: [], recentChanges, changesWindow: null, truncated: false },
    authorizationMessages: [],
    steps: [],
  } as unknown as Enrichment;
}

describe('enrichment highlights', () => {
  it('names the newest write event as the latest, in the order the lookup returns them', () => {
    const line = enrichmentHighlights(enrichment(CHANGES)).find((l) => l.includes('write event'));
    expect(line).toBe('3 AWS write event(s) in the 24 h before the incident; latest UpdateAutoScalingGroup by arn:aws:iam::210987654321:user/ops/alice at 2025-03-14T09:30:00Z');
  });

  it('finds the newest change whatever the order', () => {
    expect(latestChange([...CHANGES].reverse())?.eventName).toBe('UpdateAutoScalingGroup');
    expect(latestChange([])).toBeUndefined();
  });

  it('leads with the change to the denying policy and names an active instance refresh', () => {
    const e = enrichment(CHANGES);
    e.cloudTrail.policyChanges = [
      { policyArn: 'arn:aws:organizations::210987654321:policy/o-a1b2c3d4e5/service_control_policy/p-9x8y7z6w', policyType: 'service control policy', eventName: 'UpdatePolicy', principal: 'arn:aws:iam::210987654321:user/ops/alice', time: '2025-03-14T09:12:00.000Z', eventId: 'e1', errorCode: null, findingId: 'f-scp' },
    ];
    e.autoScalingGroups = [
      { name: 'acme-ci-circleci-nomad-clients-asg', referencedBy: ['p'], exists: true, suggestions: [], findingIds: [], issues: [{ level: 'warning', code: 'instance-refresh-active', message: 'Scaling is paused while instance refresh r-1 runs (InProgress).' }, { level: 'warning', code: 'policy-max-above-asg-max', message: 'x' }] },
    ];
    const lines = enrichmentHighlights(e);
    expect(lines[0]).toBe('Likely cause: arn:aws:iam::210987654321:user/ops/alice changed service control policy arn:aws:organizations::210987654321:policy/o-a1b2c3d4e5/service_control_policy/p-9x8y7z6w at 2025-03-14T09:12:00.000Z (UpdatePolicy).');
    expect(lines).toContain('ASG acme-ci-circleci-nomad-clients-asg: Scaling is paused while instance refresh r-1 runs (InProgress).');
    expect(lines.some((l) => l.endsWith(': x'))).toBe(false);
  });
});
