import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';
import type { SlackConfig } from './slack-sink.js';

const slackSecretSchema = z
  .object({
    webhookUrl: z.url().optional(),
    botToken: z.string().min(1).optional(),
    channel: z.string().min(1).optional(),
  })
  .refine((s) => s.webhookUrl !== undefined || (s.botToken !== undefined && s.channel !== undefined), {
    message: 'needs webhookUrl, or botToken with channel',
  });

/** Reads the Slack secret; the error never includes the secret's content. */
export async function loadSlackConfig(client: SecretsManagerClient, secretId: string): Promise<SlackConfig> {
  const out = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  let json: unknown;
  try {
    json = JSON.parse(out.SecretString ?? '');
  } catch {
    throw new Error('Slack secret is not JSON');
  }
  const parsed = slackSecretSchema.safeParse(json);
  if (!parsed.success) throw new Error(`Slack secret is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`);
  return parsed.data;
}
