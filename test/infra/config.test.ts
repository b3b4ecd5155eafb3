import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTEXT_KEYS, readConfig, type ContextKey } from '../../infra/config.js';

const from =
  (context: Partial<Record<ContextKey, unknown>>) =>
  (key: ContextKey): unknown =>
    context[key];

describe('readConfig', () => {
  it('applies the documented defaults when context is empty', () => {
    const config = readConfig(from({}));
    expect(config).toEqual({
      installationId: 'circleci-server',
      alarmNamePrefixes: ['circleci-'],
      alarmTags: {},
      alarmTopicArns: [],
      slackSecretArn: undefined,
      circleciRoleNames: [],
      correlationWindowMinutes: 60,
      bundleRetentionDays: 30,
      reportRetentionDays: 90,
      accessLogRetentionDays: 90,
      logRetentionDays: 30,
      logLevel: 'INFO',
      alarmReservedConcurrency: 2,
      nomadAlarms: undefined,
      athenaTrail: undefined,
    });
  });

  it('gives the same configuration for the defaults written in cdk.json', () => {
    const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> };
    const pipelineKeys = Object.keys(cdkJson.context).filter((key) => !key.startsWith('@aws-cdk/'));
    expect(pipelineKeys.sort()).toEqual([...CONTEXT_KEYS].sort());
    expect(readConfig(from(cdkJson.context))).toEqual(readConfig(from({})));
  });

  it('reads lists and maps given as strings on the command line', () => {
    const config = readConfig(
      from({
        alarmNamePrefixes: 'circleci-, nomad-',
        circleciRoleNames: '["role-a","role-b"]',
        alarmTags: '{"team":"ci"}',
        correlationWindowMinutes: '15',
        logLevel: 'debug',
      }),
    );
    expect(config).toMatchObject({
      alarmNamePrefixes: ['circleci-', 'nomad-'],
      circleciRoleNames: ['role-a', 'role-b'],
      alarmTags: { team: 'ci' },
      correlationWindowMinutes: 15,
      logLevel: 'DEBUG',
    });
  });

  it('lets an empty string clear the default alarm prefixes', () => {
    expect(readConfig(from({ alarmNamePrefixes: '' })).alarmNamePrefixes).toEqual([]);
  });

  it('turns Nomad alarms on with a namespace', () => {
    expect(readConfig(from({ nomadMetricsNamespace: 'ci_metrics', nomadMetricDimensions: { host: 'a' } })).nomadAlarms).toEqual({
      namespace: 'ci_metrics',
      pendingJobsThreshold: 10,
      evaluationMinutes: 5,
      dimensions: { host: 'a' },
    });
  });

  it.each([
    ['slackSecretArn', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:incident/slack', /complete secret ARN/],
    ['alarmTopicArns', 'not-an-arn', /SNS topic ARN/],
    ['correlationWindowMinutes', '0', /integer from 1/],
    ['bundleRetentionDays', 'thirty', /integer/],
    ['alarmTags', '["a"]', /JSON object/],
    ['alarmTags', '{bad json', /not valid JSON/],
    ['logLevel', 'verbose', /one of DEBUG/],
    ['circleciRoleNames', 42, /list of strings/],
    ['enrichmentAthena', '{"database":"trail"}', /"table" is required/],
    ['enrichmentAthena', '{"database":"trail","table":"t","trailBucket":"b-1","resultsBucket":"r-1","output":"x"}', /unknown field/],
    ['enrichmentAthena', '{"database":"drop table","table":"t","trailBucket":"b-1","resultsBucket":"r-1"}', /"database" is not valid/],
  ] as const)('rejects %s = %j, naming the key', (key, value, message) => {
    expect(() => readConfig(from({ [key]: value }))).toThrow(message);
    expect(() => readConfig(from({ [key]: value }))).toThrow(`context "${key}"`);
  });

  it('selects the Athena trail backend with a default workgroup', () => {
    const config = readConfig(from({ enrichmentAthena: { database: 'trail', table: 'logs', trailBucket: 'org-trail', resultsBucket: 'results-1' } }));
    expect(config.athenaTrail).toEqual({
      database: 'trail',
      table: 'logs',
      workGroup: 'primary',
      trailBucket: 'org-trail',
      resultsBucket: 'results-1',
      partitionColumn: undefined,
    });
  });

  it('accepts a complete secret ARN', () => {
    const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:incident/slack-AbC123';
    expect(readConfig(from({ slackSecretArn: arn })).slackSecretArn).toBe(arn);
  });
});
