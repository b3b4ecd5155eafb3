import { afterEach, describe, expect, it, vi } from 'vitest';

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
      import('../../functions/handlers/bundle-triage.js'),
      import('../../functions/handlers/alarm-intake.js'),
      import('../../functions/handlers/notifier.js'),
    ]);
    for (const entry of entries) expect(typeof entry.handler).toBe('function');
  });

  it('fail the cold start naming the missing variable', async () => {
    for (const [k, v] of Object.entries(ENV)) vi.stubEnv(k, v);
    vi.stubEnv('NOTIFY_QUEUE_URL', '');
    await expect(import('../../functions/handlers/bundle-triage.js')).rejects.toThrow('NOTIFY_QUEUE_URL');
  });
});
