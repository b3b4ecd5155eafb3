import { Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.js';

/**
 * A dead-letter queue: encrypted, TLS-only, kept for the longest SQS allows so a failure
 * found on Monday morning can still be redriven.
 */
export function deadLetterQueue(scope: Construct, id: string): sqs.Queue {
  const queue = new sqs.Queue(scope, id, {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  acknowledge(queue, {
    'AwsSolutions-SQS3': 'This queue is itself a dead-letter queue; its depth is alarmed on.',
    'Serverless-SQSRedrivePolicy': 'This queue is itself a dead-letter queue; redriving it further would hide failures.',
  });
  return queue;
}

export interface BufferedQueueProps {
  /** At least six times the consumer's timeout, so a slow batch is not handed out twice. */
  readonly visibilityTimeout: Duration;
  /** Deliveries before a message moves to the dead-letter queue. */
  readonly maxReceiveCount: number;
}

/** A work queue with its own dead-letter queue. */
export class BufferedQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: BufferedQueueProps) {
    super(scope, id);
    this.deadLetterQueue = deadLetterQueue(this, 'DeadLetterQueue');
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: props.visibilityTimeout,
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount },
    });
  }
}

/** AWS's guidance for a queue feeding a function: visibility timeout at least six times the function timeout. */
export function sixTimes(functionTimeout: Duration): Duration {
  return Duration.seconds(functionTimeout.toSeconds() * 6);
}
