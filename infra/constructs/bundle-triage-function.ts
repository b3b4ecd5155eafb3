import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.js';
import { INCOMING_PREFIX, REPORTS_PREFIX, STATE_PREFIX, TRIAGE_STATE_PREFIX } from './bundle-store.js';
import type { EnrichmentPolicy } from './enrichment-policy.js';
import { bindBucketPut, bindBucketRead, bindDeadLetters, bindRetryBackoff, bindIdempotency, bindIncidents, bindNotifyQueue, type FunctionSettings, type SharedStores, intakeEnvironment } from './bindings.js';
import { PipelineFunction } from './pipeline-function.js';
import { BufferedQueue, sixTimes } from './queues.js';
import { QUEUE_SOURCE_ACKNOWLEDGEMENTS } from './queue-source.js';

export interface BundleTriageProps {
  readonly entry: string;
  readonly settings: FunctionSettings;
  readonly stores: SharedStores;
  readonly enrichment: EnrichmentPolicy;
  readonly notifyQueue: sqs.IQueue;
  readonly circleciRoleNames: readonly string[];
  readonly correlationWindowMinutes: number;
}

// a streaming pass over a 1 GB bundle takes seconds; the rest is CloudTrail paging at 2 requests/s
const TIMEOUT = Duration.minutes(5);
/** A failed bundle is retried after 1 min, then 2, 4 (throttled AWS APIs and busy incidents clear by then). */
const RETRY_BACKOFF_BASE_SECONDS = 60;

/**
 * Upload trigger: S3 "Object Created" for `incoming/` keys → EventBridge → SQS (buffer,
 * retries, dead-letter queue) → the triage function, one bundle per invocation.
 */
export class BundleTriage extends Construct {
  readonly queue: BufferedQueue;
  readonly rule: events.Rule;
  readonly handler: PipelineFunction;

  constructor(scope: Construct, id: string, props: BundleTriageProps) {
    super(scope, id);
    const { bucket } = props.stores;

    this.queue = new BufferedQueue(this, 'IngestQueue', { visibilityTimeout: sixTimes(TIMEOUT), maxReceiveCount: 3 });

    this.rule = new events.Rule(this, 'ObjectCreated', {
      description: 'Bundle uploads under incoming/ start a triage',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: {
          bucket: { name: [bucket.bucketName] },
          // reports are written under reports/, so they never start another triage
          object: { key: [{ prefix: INCOMING_PREFIX }] },
        },
      },
    });
    this.rule.addTarget(
      new targets.SqsQueue(this.queue.queue, {
        deadLetterQueue: this.queue.deadLetterQueue,
        retryAttempts: 185,
        maxEventAge: Duration.hours(24),
      }),
    );

    this.handler = new PipelineFunction(this, 'Handler', {
      entry: props.entry,
      projectRoot: props.settings.projectRoot,
      description: 'Triages an uploaded CircleCI Server support bundle or log file',
      serviceName: 'bundle-triage',
      logLevel: props.settings.logLevel,
      logRetentionDays: props.settings.logRetentionDays,
      // two vCPUs: gunzip runs on the libuv pool while the scanner runs on the main thread
      memorySize: 2048,
      timeout: TIMEOUT,
      environment: intakeEnvironment(props.settings, props),
    });
    const fn = this.handler;
    bindIncidents(fn, props.stores.incidents);
    bindIdempotency(fn, props.stores.idempotency);
    bindBucketRead(fn, bucket, INCOMING_PREFIX);
    bindBucketPut(fn, bucket, REPORTS_PREFIX);
    // the last autoscaler policies seen, for alarms that arrive without a bundle
    bindBucketPut(fn, bucket, STATE_PREFIX);
    // each input's triage state and the per-report fold: later uploads read these, not every input
    bindBucketRead(fn, bucket, TRIAGE_STATE_PREFIX);
    bindBucketPut(fn, bucket, TRIAGE_STATE_PREFIX);
    bindDeadLetters(fn, this.queue.deadLetterQueue);
    bindNotifyQueue(fn, props.notifyQueue);
    bindRetryBackoff(fn, this.queue.queue, RETRY_BACKOFF_BASE_SECONDS);
    props.enrichment.attachTo(fn);

    fn.function.addEventSource(
      new SqsEventSource(this.queue.queue, {
        // bundles are large; one per invocation keeps memory bounded and retries independent
        batchSize: 1,
        reportBatchItemFailures: true,
        // caps concurrent bundles, and with them CloudTrail LookupEvents calls (2 per second per account)
        maxConcurrency: 2,
      }),
    );
    acknowledge(fn, QUEUE_SOURCE_ACKNOWLEDGEMENTS);
  }
}
