import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
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
