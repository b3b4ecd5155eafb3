import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REPO_ROOT } from '../triage/helpers.js';

const ALARM_EVENT = JSON.parse(readFileSync(join(REPO_ROOT, 'events/alarms/eventbridge-alarm-state-change.json'), 'utf8')) as unknown;
const CONTEXT = { functionName: 'alarm-intake', awsRequestId: 'req-1', getRemainingTimeInMillis: () => 30_000 };

const ENV = {
  BUCKET_NAME: 'uploads',
  INCIDENT_TABLE_NAME: 'incidents',
  IDEMPOTENCY_TABLE_NAME: 'idempotency',
  NOTIFY_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/111122223333/notify',
  TOPIC_ARN: 'arn:aws:sns:us-east-1:111122223333:incidents',
  INSTALLATION_ID: 'acme-ci',
  CIRCLECI_ROLE_NAMES: 'circleci-nomad-autoscaler,circleci-machine-provisioner',
  CORRELATION_WINDOW_MINUTES: '45',
  AWS_REGION: 'us-east-1',
  POWERTOOLS_METRICS_DISABLED: 'true',
};

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('Lambda entry files', () => {
  it('build their handlers at cold start from the environment infra sets', async () => {
    for (const [k, v] of Object.entries(ENV)) vi.stubEnv(k, v);
    const entries = await Promise.all([
      import('../../functions/handlers/bundle-triage-entry.js'),
      import('../../functions/handlers/alarm-intake-entry.js'),
      import('../../functions/handlers/notifier-entry.js'),
    ]);
    for (const entry of entries) expect(typeof entry.handler).toBe('function');
  });

  it('fail the cold start naming the missing variable', async () => {
    for (const [k, v] of Object.entries(ENV)) vi.stubEnv(k, v);
    vi.stubEnv('NOTIFY_QUEUE_URL', '');
    await expect(import('../../functions/handlers/bundle-triage-entry.js')).rejects.toThrow('NOTIFY_QUEUE_URL');
  });

  it('pass the alarm selection the stack sets (ALARM_NAME_PREFIXES) to the alarm intake', async () => {
    // The idempotency table answers as an empty table would; nothing else may be called.
    const ddb = mockClient(DynamoDBClient);
    try {
      for (const [k, v] of Object.entries(ENV)) vi.stubEnv(k, v);
      vi.stubEnv('ALARM_NAME_PREFIXES', 'billing-');
      const { handler } = await import('../../functions/handlers/alarm-intake-entry.js');
      const result = (await handler(ALARM_EVENT, CONTEXT as never)) as { status: string; results: { outcome: string }[] };
      expect(result.results).toEqual([{ outcome: 'filtered', alarmName: 'circleci-server-nomad-autoscaler-asg-capacity' }]);
    } finally {
      ddb.restore();
    }
  });
});
