import { ChangeMessageVisibilityCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { NotifyMessage } from '../pipeline/model.js';
import type { NotifyQueue } from '../pipeline/ports.js';

export class SqsNotifyQueue implements NotifyQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(message: NotifyMessage): Promise<void> {
    await this.client.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(message) }));
  }
}

/** Where an event that can never be processed goes, with the reason, instead of being retried. */
export interface DeadLetters {
  send(body: string, reason: string, source: string): Promise<void>;
}

export class SqsDeadLetters implements DeadLetters {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(body: string, reason: string, source: string): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: body,
        MessageAttributes: {
          reason: { DataType: 'String', StringValue: reason.slice(0, 1000) },
          source: { DataType: 'String', StringValue: source },
        },
      }),
    );
  }
}

/** Postpones the redelivery of a failed SQS record (exponential backoff instead of a fixed visibility timeout). */
export interface RetryBackoff {
  delay(record: { receiptHandle: string; eventSourceARN: string }, seconds: number): Promise<void>;
}

export class SqsVisibilityBackoff implements RetryBackoff {
  constructor(private readonly client: SQSClient) {}

  async delay(record: { receiptHandle: string; eventSourceARN: string }, seconds: number): Promise<void> {
    await this.client.send(
      new ChangeMessageVisibilityCommand({ QueueUrl: queueUrlFromArn(record.eventSourceARN), ReceiptHandle: record.receiptHandle, VisibilityTimeout: seconds }),
    );
  }
}

/** `arn:aws:sqs:<region>:<account>:<name>` → the queue URL. */
export function queueUrlFromArn(arn: string): string {
  const [, partition, , region, account, name] = arn.split(':');
  if (!region || !account || !name) throw new Error(`not an SQS queue ARN: ${arn}`);
  const domain = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://sqs.${region}.${domain}/${account}/${name}`;
}
