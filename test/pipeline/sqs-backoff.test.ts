import { ChangeMessageVisibilityCommand, SQSClient } from '@aws-sdk/client-sqs';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { SqsVisibilityBackoff, queueUrlFromArn } from '../../functions/adapters/sqs-queues.js';
import { createNotifierHandler } from '../../functions/handlers/notifier-handler.js';
import { backoffSeconds } from '../../functions/handlers/sqs-batch.js';
import { localContext } from '../../functions/local/lambda-context.js';
import { sqsEvent } from '../../functions/local/sample-events.js';
import { MemoryIncidentStore } from './fakes.js';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';

describe('retry backoff of failed SQS records', () => {
  it('doubles per receive and caps at 15 minutes', () => {
    expect([1, 2, 3, 4].map((n) => backoffSeconds(n, 30))).toEqual([30, 60, 120, 240]);
    expect(backoffSeconds(12, 30)).toBe(900);
    expect(queueUrlFromArn('arn:aws:sqs:eu-west-1:111122223333:notify')).toBe('https://sqs.eu-west-1.amazonaws.com/111122223333/notify');
  });

  it('postpones only the failed record, by its receive count', async () => {
    const sqs = mockClient(SQSClient);
    sqs.on(ChangeMessageVisibilityCommand).resolves({});
    const store = new MemoryIncidentStore();
    const handler = createNotifierHandler({
      notify: {
        store,
        objects: { open: () => Promise.reject(new Error('x')), putText: () => Promise.resolve(), getText: () => Promise.resolve(undefined), putBytes: () => Promise.resolve(), getBytes: () => Promise.resolve(undefined), uri: (k) => k },
        chat: { mode: 'none', post: () => Promise.resolve(undefined) },
        topic: undefined,
        mask: (t) => t,
        bucket: 'b',
        clock: { now: () => new Date() },
        logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
      },
      backoff: { port: new SqsVisibilityBackoff(new SQSClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } })), baseSeconds: 30 },
      logger: new Logger({ logLevel: 'SILENT' }),
      metrics: new Metrics({ namespace: 'Test' }),
    });
    // The incident does not exist yet: the record fails and is postponed.
    const event = sqsEvent([JSON.stringify({ type: 'incident-changed', incidentId: 'inc-0123456789ab', version: 1, kind: 'opened' })], 'notify');
    event.Records[0]!.attributes.ApproximateReceiveCount = '3';
    const out = await handler(event, localContext('notifier'));
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: event.Records[0]!.messageId }]);
    const calls = sqs.commandCalls(ChangeMessageVisibilityCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toMatchObject({ QueueUrl: 'https://sqs.us-east-1.amazonaws.com/000000000000/notify', VisibilityTimeout: 120 });
    sqs.restore();
  });
});
