import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { IntakeDeps } from '../pipeline/deps.js';
import type { UploadRef } from '../pipeline/model.js';
import { handleUpload } from '../pipeline/bundle-triage.js';
import { parseUploadMessage } from '../pipeline/upload-events.js';
import type { DeadLetters, RetryBackoff } from '../adapters/sqs-queues.js';
import { idempotentStep, type IdempotencySetup } from './idempotency.js';
import { processSqsBatch } from './sqs-batch.js';

export interface BundleTriageHandlerDeps {
  intake: IntakeDeps;
  idempotency?: IdempotencySetup;
  deadLetters?: DeadLetters;
  backoff?: { port: RetryBackoff; baseSeconds: number };
  logger: Logger;
  metrics: Metrics;
}

/** SQS records whose bodies are S3 "Object Created" events (EventBridge or classic notification). */
export function createBundleTriageHandler(deps: BundleTriageHandlerDeps) {
  const step = idempotentStep((upload: UploadRef) => handleUpload(upload, deps.intake), deps.idempotency);

  const handle = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    step.registerContext(context);
    return processSqsBatch(event, context, {
      source: 'bundle-triage',
      logger: deps.logger,
      metrics: deps.metrics,
      deadLetters: deps.deadLetters,
      backoff: deps.backoff,
      record: async (record) => {
        for (const upload of parseUploadMessage(record.body)) {
          const started = Date.now();
          const outcome = await step.run(`${upload.bucket}/${upload.key}#${upload.etag}`, upload);
          deps.logger.info('upload processed', { ...outcome, size: upload.size, ms: Date.now() - started });
          deps.metrics.addMetric('UploadsProcessed', MetricUnit.Count, 1);
        }
      },
    });
  };

  return middy<SQSEvent, SQSBatchResponse, Error, Context>()
    .use(injectLambdaContext(deps.logger, { resetKeys: true }))
    .use(logMetrics(deps.metrics))
    .handler(handle);
}
