import { afterAll, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { maskSecrets, setRedactionKey } from '../../functions/triage/index.js';
import { loadRedactionKey } from '../../functions/adapters/redaction-key.js';

const TOKEN = 'token=ghp_0123456789abcdefghijABCDEFGHIJ012345';
const markOf = (text: string) => /\*\*\*MASKED:([0-9a-f]{6})\*\*\*/.exec(maskSecrets(text))?.[1];

describe('redaction key', () => {
  afterAll(() => setRedactionKey('restore-a-random-looking-key-for-other-tests'));

  it('gives the same mark for the same secret under one key, and another mark under another key', () => {
    setRedactionKey('first-shared-key-0123456789');
    const first = markOf(TOKEN);
    expect(first).toBeDefined();
    expect(markOf(`again: ${TOKEN}`)).toBe(first);
    setRedactionKey('second-shared-key-0123456789');
    expect(markOf(TOKEN)).not.toBe(first);
  });

  it('refuses a key too short to be a key', () => {
    expect(() => setRedactionKey('short')).toThrow(/at least 16/);
  });

  it('loads the shared key from Secrets Manager when REDACTION_KEY_SECRET_ARN is set', async () => {
    const sm = mockClient(SecretsManagerClient);
    sm.on(GetSecretValueCommand, { SecretId: 'arn:aws:secretsmanager:us-east-1:1:secret:k' }).resolves({ SecretString: 'loaded-key-from-secrets-manager' });
    const client = new SecretsManagerClient({ region: 'us-east-1' });
    expect(await loadRedactionKey(client, {})).toBe(false);
    expect(await loadRedactionKey(client, { REDACTION_KEY_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:1:secret:k' })).toBe(true);
    const loaded = markOf(TOKEN);
    setRedactionKey('loaded-key-from-secrets-manager');
    expect(markOf(TOKEN)).toBe(loaded);
    sm.restore();
  });
});
