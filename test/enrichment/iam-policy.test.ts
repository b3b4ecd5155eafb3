import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { athenaIamStatements, enrichmentPolicyDocument, ENRICHMENT_IAM_STATEMENTS } from '../../functions/enrichment/index.js';

describe('enrichment IAM policy', () => {
  it('is the same in docs/enrichment-iam-policy.json and in code', () => {
    const doc: unknown = JSON.parse(readFileSync(new URL('../../docs/enrichment-iam-policy.json', import.meta.url), 'utf8'));
    expect(doc).toEqual(enrichmentPolicyDocument());
  });

  it('grants exactly the calls the adapters make', () => {
    expect(ENRICHMENT_IAM_STATEMENTS.flatMap((s) => s.Action).sort()).toEqual([
      'autoscaling:DescribeAutoScalingGroups',
      'autoscaling:DescribeInstanceRefreshes',
      'autoscaling:DescribeLifecycleHooks',
      'cloudtrail:LookupEvents',
      'sts:DecodeAuthorizationMessage',
    ]);
  });

  it('scopes the Athena statements to the workgroup, table and buckets', () => {
    const s = athenaIamStatements({ region: 'eu-west-1', account: '123456789012', workGroup: 'ops', database: 'trail', table: 'events', trailBucket: 'tb', resultsBucket: 'rb' });
    expect(s[0]!.Resource).toBe('arn:aws:athena:eu-west-1:123456789012:workgroup/ops');
    expect(s[1]!.Resource).toContain('arn:aws:glue:eu-west-1:123456789012:table/trail/events');
    expect(s[2]!.Resource).toEqual(['arn:aws:s3:::tb', 'arn:aws:s3:::tb/*']);
  });
});
