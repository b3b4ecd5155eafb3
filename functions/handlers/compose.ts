import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { z } from 'zod';
import { alarmFilter, cloudWatchTags } from '../adapters/alarm-filter.js';
import { athenaConfigFromEnv, awsEnrichmentPorts, type AwsPortsConfig } from '../enrichment/index.js';
import { maskSecrets } from '../triage/index.js';
import { coreTriage } from '../adapters/core-triage.js';
import { DynamoDbIncidentStore } from '../adapters/dynamodb-incident-store.js';
import { awsEnrichmentRunner } from '../adapters/enrichment-runner.js';
import { S3ObjectStore } from '../adapters/s3-object-store.js';
import { SqsDeadLetters, SqsNotifyQueue, SqsVisibilityBackoff, type DeadLetters, type RetryBackoff } from '../adapters/sqs-queues.js';
import type { IntakeDeps } from '../pipeline/deps.js';
import { DEFAULT_CORRELATION_WINDOW_MINUTES, type AlarmFilter } from '../pipeline/ports.js';
import { documentClient, dynamodb, s3, sqs } from '../shared/clients.js';
import { intEnv, listEnv, MissingConfigError, optionalEnv, requireEnv } from '../shared/env.js';
import { pipelineLogger } from '../shared/powertools.js';
import type { IdempotencySetup } from './idempotency.js';

/**
 * Composition root of the deployed handlers: reads the environment once (throwing at cold start on
 * a missing variable) and wires the adapters. The local stack and the tests wire their own.
 */
export function intakeDepsFromEnv(env: NodeJS.ProcessEnv = process.env): IntakeDeps {
  const bucket = requireEnv('BUCKET_NAME', env);
  const enrichmentDisabled = optionalEnv('ENRICHMENT_DISABLED', env) === 'true';
  return {
    store: new DynamoDbIncidentStore(documentClient, requireEnv('INCIDENT_TABLE_NAME', env)),
    objects: new S3ObjectStore(s3, bucket),
    queue: new SqsNotifyQueue(sqs, requireEnv('NOTIFY_QUEUE_URL', env)),
    triage: coreTriage,
    enrichment: enrichmentDisabled
      ? undefined
      : awsEnrichmentRunner(awsEnrichmentPorts(enrichmentPortsConfigFromEnv(env)), { circleciRoleNames: listEnv('CIRCLECI_ROLE_NAMES', env) }),
    alarmFilter: alarmFilterFromEnv(env),
    mask: maskSecrets,
    settings: {
      installationId: requireEnv('INSTALLATION_ID', env),
      bucket,
      correlationWindowMinutes: intEnv('CORRELATION_WINDOW_MINUTES', DEFAULT_CORRELATION_WINDOW_MINUTES, env),
      retentionDays: intEnv('INCIDENT_RETENTION_DAYS', 90, env),
    },
    clock: { now: () => new Date() },
    logger: pipelineLogger,
  };
}

/**
 * Region and CloudTrail backend of the enrichment: LookupEvents (paced at ENRICHMENT_LOOKUP_EVENTS_PER_SECOND,
 * default 2, the API's limit; lower it when other tools share the quota), or Athena when ENRICHMENT_TRAIL_BACKEND=athena.
 */
export function enrichmentPortsConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AwsPortsConfig {
  const region = optionalEnv('AWS_REGION', env);
  let athena;
  try {
    athena = athenaConfigFromEnv(env);
  } catch (error) {
    throw new MissingConfigError((error as Error).message);
  }
  const pace = optionalEnv('ENRICHMENT_LOOKUP_EVENTS_PER_SECOND', env);
  const lookupEventsPerSecond = pace === undefined ? undefined : Number(pace);
  if (lookupEventsPerSecond !== undefined && !(lookupEventsPerSecond > 0)) {
    throw new MissingConfigError(`environment variable ENRICHMENT_LOOKUP_EVENTS_PER_SECOND must be a positive number, got "${pace}"`);
  }
  return { ...(region ? { region } : {}), ...(athena ? { athena } : {}), ...(lookupEventsPerSecond ? { lookupEventsPerSecond } : {}) };
}

export function idempotencyFromEnv(env: NodeJS.ProcessEnv = process.env): IdempotencySetup {
  return { persistenceStore: new DynamoDBPersistenceLayer({ tableName: requireEnv('IDEMPOTENCY_TABLE_NAME', env), awsSdkV3Client: dynamodb }) };
}

/** Optional: with it, malformed events are dead-lettered at once with their reason. */
export function deadLettersFromEnv(env: NodeJS.ProcessEnv = process.env): DeadLetters | undefined {
  const url = optionalEnv('DEAD_LETTER_QUEUE_URL', env);
  return url ? new SqsDeadLetters(sqs, url) : undefined;
}

/** ALARM_NAME_PREFIXES (comma-separated) and ALARM_TAG_FILTER (JSON object of tag → value). */
export function alarmFilterFromEnv(env: NodeJS.ProcessEnv = process.env): AlarmFilter | undefined {
  const prefixes = listEnv('ALARM_NAME_PREFIXES', env);
  const rawTags = optionalEnv('ALARM_TAG_FILTER', env);
  let tags: Record<string, string> = {};
  if (rawTags) {
    const parsed = z.record(z.string(), z.string()).safeParse(safeJson(rawTags));
    if (!parsed.success) throw new MissingConfigError('environment variable ALARM_TAG_FILTER must be a JSON object of tag names to values');
    tags = parsed.data;
  }
  if (prefixes.length === 0 && Object.keys(tags).length === 0) return undefined;
  return alarmFilter({ prefixes, tags, listTags: Object.keys(tags).length > 0 ? cloudWatchTags(new CloudWatchClient({})) : undefined });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Optional RETRY_BACKOFF_BASE_SECONDS: failed SQS records wait base × 2^(receives − 1) s (needs sqs:ChangeMessageVisibility). */
export function backoffFromEnv(env: NodeJS.ProcessEnv = process.env): { port: RetryBackoff; baseSeconds: number } | undefined {
  if (optionalEnv('RETRY_BACKOFF_BASE_SECONDS', env) === undefined) return undefined;
  return { port: new SqsVisibilityBackoff(sqs), baseSeconds: intEnv('RETRY_BACKOFF_BASE_SECONDS', 30, env) };
}
