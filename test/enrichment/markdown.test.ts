import { describe, expect, it } from 'vitest';
import { enrich, enrichmentFromPolicyOnly, renderEnrichmentMarkdown } from '../../functions/enrichment/index.js';
import { BLOB, DECODED_IMPLICIT, incidentReport } from './fixtures.js';
import { fakeDecoder, fakeGroups, fakeTrail, trailEvent } from './fake-ports.js';

describe('renderEnrichmentMarkdown', () => {
  it('renders nothing without enrichment, and a notice for foreign data', () => {
    expect(renderEnrichmentMarkdown(incidentReport())).toBeUndefined();
    expect(renderEnrichmentMarkdown({ ...incidentReport(), enrichment: { schemaVersion: '9.0' } })).toMatch(/does not match/);
  });

  it('renders the offline policy checks', async () => {
    const report = incidentReport();
    const md = renderEnrichmentMarkdown({ ...report, enrichment: await enrichmentFromPolicyOnly(report) })!;
    expect(md).toContain('## AWS enrichment');
    expect(md).toContain('offline: AWS was not queried');
    expect(md).toContain('- Policy **circleci-nomad-clients**');
    expect(md).toContain('ASG `acme-ci-circleci-nomad-client-asg` (from circleci-nomad-clients): not verified against AWS');
    expect(md).toContain('**not-attempted**');
    expect(md).not.toContain('### CloudTrail');
  });

  it('renders ASG, decoded message, denial and change sections with escaped cells', async () => {
    const report = incidentReport();
    const enrichment = await enrich(
      report,
      {
        sts: fakeDecoder({ [BLOB]: DECODED_IMPLICIT }),
        trail: fakeTrail([
          trailEvent({ eventId: 'd1', errorCode: 'AccessDenied', errorMessage: 'a | b' }),
          trailEvent({ eventId: 'c1', eventName: 'UpdateAutoScalingGroup', readOnly: false, resources: ['acme-ci-circleci-nomad-clients-asg'] }),
        ]),
        asg: fakeGroups([{ name: 'acme-ci-circleci-nomad-clients-asg', instances: 2, suspendedProcesses: [], tags: {} }]),
      },
      { now: () => new Date('2025-03-14T10:05:00Z') },
    );
    const md = renderEnrichmentMarkdown({ ...report, enrichment })!;
    expect(md).toContain('**does not exist**. Closest existing: `acme-ci-circleci-nomad-clients-asg` (edit distance 1)');
    expect(md).toContain('### What AWS says about the findings');
    expect(md).toContain('- expected 1 Autoscaling Group, got 0 (f-asg): Explained: policy "circleci-nomad-clients" points at ASG "acme-ci-circleci-nomad-client-asg", which does not exist');
    expect(md).toContain('ERROR: No Auto Scaling group named "acme-ci-circleci-nomad-client-asg" exists');
    expect(md).toContain('No policy allows ec2:RunInstances on arn:aws:ec2:us-east-1:210987654321:volume/\\*');
    expect(md).toContain('| arn:aws:iam::210987654321:role/acme-ci-circleci-nomad-clients-autoscaler-irsa-role | autoscaling:DescribeAutoScalingGroups | AccessDenied | 1 |');
    expect(md).toContain('a \\| b');
    expect(md).toMatch(/\| UpdateAutoScalingGroup \| acme-ci-circleci-nomad-clients-asg \|/);
  });

  it('names the permissions the pipeline lacks', async () => {
    const report = incidentReport();
    const { AwsCallError } = await import('../../functions/enrichment/index.js');
    const denied = new AwsCallError('cloudtrail:LookupEvents', 'access-denied', 'no', 'AccessDeniedException');
    const enrichment = await enrich(report, {
      sts: fakeDecoder({ [BLOB]: DECODED_IMPLICIT }),
      trail: fakeTrail([], () => denied),
      asg: fakeGroups([]),
    });
    expect(renderEnrichmentMarkdown({ ...report, enrichment })).toContain("**The pipeline's role lacks:** `cloudtrail:LookupEvents`");
  });
});
