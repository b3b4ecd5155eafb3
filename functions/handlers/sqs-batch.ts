import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { MalformedEventError } from '../pipeline/alarm-events.js';
import type { DeadLetters, RetryBackoff } from '../adapters/sqs-queues.js';
import { sealText } from '../triage/index.js';

/** Expected under concurrency (a duplicate in flight, a delivery holding the incident); not errors. */
const TRANSIENT = new Set(['NotificationBusyError', 'IdempotencyAlreadyInProgressError', 'ConcurrentUpdateError']);

/**
 * SQS batch with partial failures: a record that throws is returned in `batchItemFailures` and
 * retried by SQS (then dead-lettered by the redrive policy). A malformed record is not worth a
 * retry: it goes straight to the dead-letter queue with the reason when one is configured.
 */
export async function processSqsBatch(
  event: SQSEvent,
  context: Context,
  options: {
    source: string;
    logger: Logger;
    metrics: Metrics;
    deadLetters?: DeadLetters;
    /** With it, each failed record waits base × 2^(receives − 1) seconds (max 15 min) before redelivery. */
    backoff?: { port: RetryBackoff; baseSeconds: number };
    record: (record: SQSRecord) => Promise<void>;
  },
): Promise<SQSBatchResponse> {
  const processor = new BatchProcessor(EventType.SQS);
  // At least one metric per invocation, so the metrics flush is never empty.
  options.metrics.addMetric('RecordsReceived', MetricUnit.Count, event.Records.length);
  const recordHandler = async (record: SQSRecord): Promise<void> => {
    try {
      await options.record(record);
    } catch (e) {
      if (e instanceof MalformedEventError) {
        options.logger.warn('malformed message rejected', { messageId: record.messageId, reason: sealText(e.message), issues: e.issues.map(sealText) });
        options.metrics.addMetric('MalformedEvents', MetricUnit.Count, 1);
        if (options.deadLetters) {
          await options.deadLetters.send(record.body, sealText(`${e.message}: ${e.issues.join('; ')}`), options.source);
          return;
        }
      } else if (e instanceof Error && TRANSIENT.has(e.name)) {
        options.logger.info('record deferred; it will be retried', { messageId: record.messageId, error: sealText(`${e.name}: ${e.message}`) });
      } else {
        // Error text can quote a log line or an SDK response: masked like any other output.
        options.logger.error('record failed; it will be retried', { messageId: record.messageId, error: e instanceof Error ? sealText(`${e.name}: ${e.message}`) : 'unknown' });
      }
      throw e;
    }
  };
  const response = await processPartialResponse(event, recordHandler, processor, { context, throwOnFullBatchFailure: false });
  if (options.backoff && response.batchItemFailures.length > 0) await postpone(event, response, options.backoff, options.logger);
  return response;
}

const MAX_VISIBILITY_SECONDS = 900;

export function backoffSeconds(receiveCount: number, baseSeconds: number): number {
  return Math.min(MAX_VISIBILITY_SECONDS, Math.round(baseSeconds * 2 ** Math.max(0, receiveCount - 1)));
}

async function postpone(event: SQSEvent, response: SQSBatchResponse, backoff: { port: RetryBackoff; baseSeconds: number }, logger: Logger): Promise<void> {
  const failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
  await Promise.all(
    event.Records.filter((r) => failed.has(r.messageId)).map(async (r) => {
      const seconds = backoffSeconds(Number(r.attributes.ApproximateReceiveCount) || 1, backoff.baseSeconds);
      try {
        await backoff.port.delay(r, seconds);
      } catch (e) {
        // The queue's own visibility timeout still applies; backoff is an optimisation.
        logger.warn('could not postpone the retry', { messageId: r.messageId, error: e instanceof Error ? e.name : 'unknown' });
      }
    }),
  );
}
