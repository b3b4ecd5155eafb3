import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSlackConfig } from '../../functions/adapters/slack-secret.js';
import { intEnv, MissingConfigError, requireEnv } from '../../functions/shared/env.js';

const secrets = mockClient(SecretsManagerClient);
afterEach(() => secrets.reset());

describe('configuration', () => {
  it('fails fast on a missing or malformed variable', () => {
    expect(() => requireEnv('BUCKET_NAME', {})).toThrow(MissingConfigError);
    expect(() => requireEnv('BUCKET_NAME', { BUCKET_NAME: '  ' })).toThrow('BUCKET_NAME');
    expect(requireEnv('BUCKET_NAME', { BUCKET_NAME: 'b' })).toBe('b');
    expect(intEnv('CORRELATION_WINDOW_MINUTES', 60, {})).toBe(60);
    expect(() => intEnv('CORRELATION_WINDOW_MINUTES', 60, { CORRELATION_WINDOW_MINUTES: 'ten' })).toThrow('positive integer');
  });

  it('reads the Slack secret and never echoes its content in errors', async () => {
    const client = new SecretsManagerClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ botToken: 'xoxb-1', channel: 'C1' }) });
    expect(await loadSlackConfig(client, 'arn:secret')).toEqual({ botToken: 'xoxb-1', channel: 'C1' });

    secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ botToken: 'xoxb-very-secret' }) });
    const error: unknown = await loadSlackConfig(client, 'arn:secret').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('needs webhookUrl, or botToken with channel');
    expect((error as Error).message).not.toContain('xoxb-very-secret');
  });
});
