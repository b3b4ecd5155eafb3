import { Duration } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.js';
import { REPORTS_PREFIX } from './bundle-store.js';
import { bindBucketRead, bindDeadLetters, bindIdempotency, bindRetryBackoff, bindIncidents, bindTopicPublish, type FunctionSettings, type SharedStores } from './bindings.js';
import { PipelineFunction } from './pipeline-function.js';
import { BufferedQueue, sixTimes } from './queues.js';
import { QUEUE_SOURCE_ACKNOWLEDGEMENTS } from './queue-source.js';

export interface NotifierProps {
  readonly entry: string;
  readonly settings: FunctionSettings;
  readonly stores: SharedStores;
  readonly topic: sns.Topic;
  /** Complete ARN of the Slack webhook secret. @default - SNS delivery only */
  readonly slackSecretArn?: string;
}

const TIMEOUT = Duration.seconds(30);
/** First retry of a failed delivery after 30 s, then 60, 120… (Slack rate limits clear in seconds to minutes). */
const RETRY_BACKOFF_BASE_SECONDS = 30;

/**
 * Delivers finished reports: a queue of "report ready" messages drained by a function
 * that publishes to the SNS topic and posts to Slack.
 */
export class Notifier extends Construct {
  readonly queue: BufferedQueue;
  readonly handler: PipelineFunction;

  constructor(scope: Construct, id: string, props: NotifierProps) {
    super(scope, id);

    this.queue = new BufferedQueue(this, 'NotifyQueue', { visibilityTimeout: sixTimes(TIMEOUT), maxReceiveCount: 5 });

    this.handler = new PipelineFunction(this, 'Handler', {
      entry: props.entry,
      projectRoot: props.settings.projectRoot,
      description: 'Publishes incident reports to SNS and Slack',
      serviceName: 'notifier',
      logLevel: props.settings.logLevel,
      logRetentionDays: props.settings.logRetentionDays,
      memorySize: 256,
      timeout: TIMEOUT,
      environment: { INSTALLATION_ID: props.settings.installationId },
    });
    const fn = this.handler;
    bindIncidents(fn, props.stores.incidents);
    bindIdempotency(fn, props.stores.idempotency);
    bindBucketRead(fn, props.stores.bucket, REPORTS_PREFIX);
    bindTopicPublish(fn, props.topic);
    bindDeadLetters(fn, this.queue.deadLetterQueue);
    bindRetryBackoff(fn, this.queue.queue, RETRY_BACKOFF_BASE_SECONDS);

    if (props.slackSecretArn !== undefined) {
      // the function reads the webhook URL at run time; only the ARN is in its configuration
      const secret = secretsmanager.Secret.fromSecretCompleteArn(this, 'SlackSecret', props.slackSecretArn);
      secret.grantRead(fn);
      fn.addEnvironment('SLACK_SECRET_ARN', secret.secretArn);
    }

    fn.function.addEventSource(
      new SqsEventSource(this.queue.queue, {
        batchSize: 10,
        reportBatchItemFailures: true,
        // Slack accepts about one message a second per webhook
        maxConcurrency: 2,
      }),
    );
    acknowledge(fn, QUEUE_SOURCE_ACKNOWLEDGEMENTS);
  }
}
