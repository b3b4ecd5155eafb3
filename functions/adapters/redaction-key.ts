import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { setRedactionKey } from '../triage/index.js';

/**
 * Loads the shared masking key named by REDACTION_KEY_SECRET_ARN (a generated Secrets Manager
 * secret) and installs it. Without the variable, masks use a per-process random key.
 */
export async function loadRedactionKey(client: SecretsManagerClient, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const secretId = env.REDACTION_KEY_SECRET_ARN?.trim();
  if (!secretId) return false;
  const out = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  if (!out.SecretString) throw new Error(`secret ${secretId} has no string value`);
  setRedactionKey(out.SecretString);
  return true;
}
