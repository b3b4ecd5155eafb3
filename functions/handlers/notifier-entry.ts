import { maskSecrets } from '../triage/index.js';
import { DynamoDbIncidentStore } from '../adapters/dynamodb-incident-store.js';
import { S3ObjectStore } from '../adapters/s3-object-store.js';
import { loadSlackConfig } from '../adapters/slack-secret.js';
import { SlackSink } from '../adapters/slack-sink.js';
import { SnsTopicSink } from '../adapters/sns-topic-sink.js';
import type { ChatSink } from '../pipeline/ports.js';
import { documentClient, s3, secretsManager, sns } from '../shared/clients.js';
import { optionalEnv, requireEnv } from '../shared/env.js';
import { logger, metrics, pipelineLogger } from '../shared/powertools.js';
import { backoffFromEnv, deadLettersFromEnv, idempotencyFromEnv } from './compose.js';
import { createNotifierHandler } from './notifier-handler.js';
import { loadRedactionKey } from '../adapters/redaction-key.js';
import { reportLinker, reportLinkSettingsFromEnv } from '../adapters/report-link-config.js';

// Before any event: masks must use the key shared by every function of the pipeline.
await loadRedactionKey(secretsManager);

const bucket = requireEnv('BUCKET_NAME');
const topicArn = requireEnv('TOPIC_ARN');
const secretArn = optionalEnv('SLACK_SECRET_ARN');
// Validated at cold start: a bad link setting names its variable instead of failing per message.
const reportLinks = reportLinker(reportLinkSettingsFromEnv(), { bucket, region: requireEnv('AWS_REGION'), secrets: secretsManager });

/**
 * Slack settings are read once per cold start. An unreadable secret does not stop SNS delivery:
 * Slack then fails per message (and is retried) until the secret is fixed.
 */
async function chatSink(): Promise<ChatSink> {
  if (!secretArn) return new SlackSink({});
  try {
    return new SlackSink({ ...(await loadSlackConfig(secretsManager, secretArn)), apiBaseUrl: optionalEnv('SLACK_API_BASE_URL') });
  } catch (e) {
    logger.error('Slack secret unreadable; Slack delivery will fail until it is fixed', { error: e instanceof Error ? e.message : 'unknown' });
    return {
      mode: 'webhook',
      post: () => Promise.reject(new Error('Slack secret unreadable')),
    };
  }
}

export const handler = createNotifierHandler({
  notify: {
    store: new DynamoDbIncidentStore(documentClient, requireEnv('INCIDENT_TABLE_NAME')),
    objects: new S3ObjectStore(s3, bucket),
    chat: await chatSink(),
    topic: new SnsTopicSink(sns, topicArn),
    mask: maskSecrets,
    bucket,
    clock: { now: () => new Date() },
    logger: pipelineLogger,
    reportLinks,
  },
  idempotency: idempotencyFromEnv(),
  deadLetters: deadLettersFromEnv(),
  backoff: backoffFromEnv(),
  logger,
  metrics,
});
