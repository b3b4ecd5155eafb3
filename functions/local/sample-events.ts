import { randomUUID } from 'node:crypto';
import type { SQSEvent, SQSRecord } from 'aws-lambda';

/** Events shaped as AWS delivers them, for routing uploads to the handlers without AWS. */
export function objectCreatedEvent(o: { bucket: string; key: string; size: number; etag: string; time?: Date; account?: string; region?: string }): Record<string, unknown> {
  const time = (o.time ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Object Created',
    source: 'aws.s3',
    account: o.account ?? '111122223333',
    time,
    region: o.region ?? 'us-east-1',
    resources: [`arn:aws:s3:::${o.bucket}`],
    detail: {
      version: '0',
      bucket: { name: o.bucket },
      object: { key: o.key, size: o.size, etag: o.etag, sequencer: Date.now().toString(16).toUpperCase().padStart(18, '0') },
      'request-id': randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase(),
      requester: o.account ?? '111122223333',
      'source-ip-address': '127.0.0.1',
      reason: o.size > 16 * 1024 * 1024 ? 'CompleteMultipartUpload' : 'PutObject',
    },
  };
}

export function sqsEvent(bodies: string[], queue = 'local-queue'): SQSEvent {
  return {
    Records: bodies.map(
      (body): SQSRecord => ({
        messageId: randomUUID(),
        receiptHandle: randomUUID(),
        body,
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: String(Date.now()),
          SenderId: 'local',
          ApproximateFirstReceiveTimestamp: String(Date.now()),
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: `arn:aws:sqs:us-east-1:000000000000:${queue}`,
        awsRegion: 'us-east-1',
      }),
    ),
  };
}
