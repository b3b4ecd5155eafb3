import { describe, expect, it } from 'vitest';
import { triage } from '../../functions/triage/index.js';
import { bytesInput, finding } from '../triage/helpers.js';
import { normaliseCaptures } from '../../functions/triage/rules/capture-values.js';
import { checkNegative, checkPositive } from './helpers.js';
import { awsNegatives, awsPositives } from './cases/aws.js';

describe('AWS rules', () => {
  it.each(awsPositives.map((c) => [c.rule, c.format, c] as const))('%s claims a %s line', (_rule, _format, c) => {
    checkPositive(c);
  });

  it.each(awsNegatives.map((c) => [c.service, c.why, c] as const))('%s: %s is not a finding', (_service, _why, c) => {
    checkNegative(c);
  });
});

describe('access-denied data in the report', () => {
  const scp = 'arn:aws:organizations::210987654321:policy/o-a1b2c3d4e5/service_control_policy/p-f6g7h8i9';
  const line =
    'botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the GetObject operation: User: arn:aws:sts::210987654321:assumed-role/acme-ci-api/i-0abc is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::acme-ci-artifacts/job-1 with an explicit deny in a service control policy: ' +
    scp;

  it('carries the denying policy type and SCP ARN into the finding data', async () => {
    const report = await triage([bytesInput('api-service.log', `${line}\n`)], { now: () => new Date('2026-12-01T12:00:00Z') });
    const found = finding(report, 'cloud.iam-access-denied');
    expect(found?.data).toMatchObject({
      policyType: ['scp'],
      policyArn: [scp],
      denial: ['explicit'],
      action: ['s3:GetObject'],
      resource: ['arn:aws:s3:::acme-ci-artifacts/job-1'],
      principalArn: ['arn:aws:sts::210987654321:assumed-role/acme-ci-api/i-0abc'],
    });
  });
});

describe('policy type wording', () => {
  it.each([
    ['service control policy', 'scp'],
    ['resource control policy', 'rcp'],
    ['permissions boundary', 'permissions-boundary'],
    ['session policy', 'session-policy'],
    ['identity-based policy', 'identity-policy'],
    ['resource-based policy', 'resource-policy'],
    ['VPC endpoint policy', 'vpc-endpoint-policy'],
  ])('%s becomes %s', (wording, canonical) => {
    expect(normaliseCaptures({ policyType: wording, denial: 'with an explicit deny' })).toEqual({ policyType: canonical, denial: 'explicit' });
  });

  it('leaves other captures as they are', () => {
    expect(normaliseCaptures({ action: 'kms:Decrypt', denial: 'because no' })).toEqual({ action: 'kms:Decrypt', denial: 'implicit' });
  });
});
