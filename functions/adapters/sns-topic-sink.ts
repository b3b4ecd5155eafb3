import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { TopicSink } from '../pipeline/ports.js';

export class SnsTopicSink implements TopicSink {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
  ) {}

  async publish(message: { subject: string; body: string; attributes: Record<string, string> }): Promise<void> {
    await this.client.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Subject: message.subject,
        Message: message.body,
        // Attributes let subscriptions filter (e.g. only high severity to a pager).
        MessageAttributes: Object.fromEntries(Object.entries(message.attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }])),
      }),
    );
  }
}
