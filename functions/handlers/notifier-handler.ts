import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { MalformedEventError } from '../pipeline/alarm-events.js';
import type { NotifyMessage } from '../pipeline/model.js';
import { deliverIncidentUpdate, type NotifyDeps } from '../pipeline/notifier.js';
import { notifyMessageSchema } from '../pipeline/upload-events.js';
import type { DeadLetters, RetryBackoff } from '../adapters/sqs-queues.js';
import { idempotentStep, type IdempotencySetup } from './idempotency.js';
import { processSqsBatch } from './sqs-batch.js';

export interface NotifierHandlerDeps {
  notify: NotifyDeps;
  idempotency?: IdempotencySetup;
  deadLetters?: DeadLetters;
  backoff?: { port: RetryBackoff; baseSeconds: number };
  logger: Logger;
  metrics: Metrics;
}

/** SQS "incident changed" messages → Slack + SNS (Amazon Q custom notification). */
export function createNotifierHandler(deps: NotifierHandlerDeps) {
  const step = idempotentStep((message: NotifyMessage) => deliverIncidentUpdate(message, deps.notify), deps.idempotency);

  const handle = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    step.registerContext(context);
    return processSqsBatch(event, context, {
      source: 'notifier',
      logger: deps.logger,
      metrics: deps.metrics,
      deadLetters: deps.deadLetters,
      backoff: deps.backoff,
      record: async (record) => {
        const message = parseNotifyMessage(record.body);
        const outcome = await step.run(`${message.incidentId}#${message.version}`, message);
        deps.logger.info('notification processed', { ...outcome });
        if (outcome.outcome === 'delivered') deps.metrics.addMetric('NotificationsDelivered', MetricUnit.Count, 1);
      },
    });
  };

  return middy<SQSEvent, SQSBatchResponse, Error, Context>()
    .use(injectLambdaContext(deps.logger, { resetKeys: true }))
    .use(logMetrics(deps.metrics))
    .handler(handle);
}

export function parseNotifyMessage(body: string): NotifyMessage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new MalformedEventError('notification message is not JSON');
  }
  const parsed = notifyMessageSchema.safeParse(json);
  if (!parsed.success) throw new MalformedEventError('not an incident-changed message', parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  return parsed.data;
}
