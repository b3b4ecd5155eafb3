import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { AwsCredentialIdentity } from '@smithy/types';
import { z } from 'zod';
import { consoleLinker, type ReportLinker } from '../pipeline/report-link.js';
import { MissingConfigError, optionalEnv } from '../shared/env.js';
import { MAX_LINK_SECONDS, presignedLinker } from './presigned-report-links.js';

export type ReportLinkSettings = { mode: 'console' } | { mode: 'presigned'; seconds: number; signerSecretArn: string };

const DEFAULT_LINK_SECONDS = 24 * 3600;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
/** The signing key is read again after this long, so a rotated key is picked up without a cold start. */
const SIGNER_CACHE_MS = 5 * 60_000;

/** `3600`, `90m`, `12h`, `7d` → seconds; at least one minute, at most the 7 days SigV4 allows. */
export function parseLinkLifetime(raw: string): number {
  const m = /^(\d+)\s*([smhd]?)$/i.exec(raw.trim());
  if (!m) throw new MissingConfigError(`environment variable REPORT_LINK_EXPIRES must be a duration such as 3600, 90m, 12h or 7d, got "${raw}"`);
  const seconds = Number(m[1]) * (UNIT_SECONDS[(m[2] || 's').toLowerCase()] ?? 1);
  if (seconds < 60 || seconds > MAX_LINK_SECONDS) {
    throw new MissingConfigError(`environment variable REPORT_LINK_EXPIRES must be between 1 minute and 7 days, got "${raw}"`);
  }
  return seconds;
}

/**
 * REPORT_LINK_MODE `console` (default) or `presigned`; presigned links need
 * REPORT_LINK_SIGNER_SECRET_ARN (a dedicated IAM user key) and take REPORT_LINK_EXPIRES (default 24h).
 */
export function reportLinkSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ReportLinkSettings {
  const mode = optionalEnv('REPORT_LINK_MODE', env) ?? 'console';
  if (mode === 'console') return { mode };
  if (mode !== 'presigned') throw new MissingConfigError(`environment variable REPORT_LINK_MODE must be console or presigned, got "${mode}"`);
  const signerSecretArn = optionalEnv('REPORT_LINK_SIGNER_SECRET_ARN', env);
  if (!signerSecretArn) {
    // The function's own role credentials expire within hours, and every link signed with them dies at the same moment.
    throw new MissingConfigError('REPORT_LINK_MODE=presigned needs REPORT_LINK_SIGNER_SECRET_ARN (a dedicated IAM user key; see docs/deploy.md)');
  }
  const raw = optionalEnv('REPORT_LINK_EXPIRES', env);
  return { mode, signerSecretArn, seconds: raw === undefined ? DEFAULT_LINK_SECONDS : parseLinkLifetime(raw) };
}

const signerSecretSchema = z.object({ accessKeyId: z.string().regex(/^AKIA[A-Z0-9]{12,}$/, 'must be a long-lived IAM user key (AKIA…)'), secretAccessKey: z.string().min(16) });

/** Reads the signing key; errors never include the secret's content. */
export async function loadSignerKey(client: SecretsManagerClient, secretId: string): Promise<AwsCredentialIdentity> {
  const out = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  let json: unknown;
  try {
    json = JSON.parse(out.SecretString ?? '');
  } catch {
    throw new Error('report link signing secret is not JSON');
  }
  const parsed = signerSecretSchema.safeParse(json);
  if (!parsed.success) throw new Error(`report link signing secret is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`);
  return parsed.data;
}

export function reportLinker(settings: ReportLinkSettings, deps: { bucket: string; region: string; secrets: SecretsManagerClient; now?: () => Date }): ReportLinker {
  if (settings.mode === 'console') return consoleLinker(deps.bucket, deps.region);
  const now = deps.now ?? (() => new Date());
  let cached: { key: AwsCredentialIdentity; at: number } | undefined;
  return presignedLinker({
    bucket: deps.bucket,
    region: deps.region,
    seconds: settings.seconds,
    now,
    credentials: async () => {
      if (!cached || now().getTime() - cached.at > SIGNER_CACHE_MS) cached = { key: await loadSignerKey(deps.secrets, settings.signerSecretArn), at: now().getTime() };
      return cached.key;
    },
  });
}
