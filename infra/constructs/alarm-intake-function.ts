import { Aws, Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.js';
import { REPORTS_PREFIX, STATE_PREFIX } from './bundle-store.js';
import type { EnrichmentPolicy } from './enrichment-policy.js';
import { bindBucketPut, bindBucketRead, bindDeadLetters, bindIdempotency, bindIncidents, bindNotifyQueue, type FunctionSettings, type SharedStores, intakeEnvironment } from './bindings.js';
import { pinLogicalId } from './logical-id.js';
import { allowCloudWatchAlarms } from './notifications.js';
import { PipelineFunction } from './pipeline-function.js';
import { deadLetterQueue } from './queues.js';

export interface AlarmIntakeProps {
  readonly entry: string;
  readonly settings: FunctionSettings;
  readonly stores: SharedStores;
  readonly enrichment: EnrichmentPolicy;
  readonly notifyQueue: sqs.IQueue;
  /** Key of the pipeline's topics; the intake topic uses it too. */
  readonly topicKey: kms.IKey;
  readonly alarmNamePrefixes: readonly string[];
  readonly alarmTags: Readonly<Record<string, string>>;
  readonly alarmTopicArns: readonly string[];
  readonly circleciRoleNames: readonly string[];
  readonly correlationWindowMinutes: number;
  /** 0 leaves the function in the unreserved pool. */
  readonly reservedConcurrency: number;
}

/**
 * Alarm trigger. CloudWatch "Alarm State Change" events (to ALARM, selected by alarm name
 * prefix or, in the function, by tags) arrive through EventBridge; alarms whose actions
 * publish to the intake topic, or to existing topics listed in context, arrive through SNS.
 * Every path retries and ends in one dead-letter queue.
 */
export class AlarmIntake extends Construct {
  readonly deadLetterQueue: sqs.Queue;
  readonly topic: sns.Topic;
  readonly rule: events.Rule | undefined;
  readonly handler: PipelineFunction;

  constructor(scope: Construct, id: string, props: AlarmIntakeProps) {
    super(scope, id);
    this.deadLetterQueue = deadLetterQueue(this, 'DeadLetterQueue');

    this.handler = new PipelineFunction(this, 'Handler', {
      entry: props.entry,
      projectRoot: props.settings.projectRoot,
      description: 'Builds an incident report from a CloudWatch alarm',
      serviceName: 'alarm-intake',
      logLevel: props.settings.logLevel,
      logRetentionDays: props.settings.logRetentionDays,
      memorySize: 512,
      timeout: Duration.minutes(2),
      // CloudTrail LookupEvents allows 2 requests/s per account; throttled async events wait in Lambda's queue
      reservedConcurrentExecutions: props.reservedConcurrency > 0 ? props.reservedConcurrency : undefined,
      onFailure: new SqsDestination(this.deadLetterQueue),
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      environment: intakeEnvironment(props.settings, props),
    });
    const fn = this.handler;
    bindIncidents(fn, props.stores.incidents);
    bindIdempotency(fn, props.stores.idempotency);
    bindBucketPut(fn, props.stores.bucket, REPORTS_PREFIX);
    // the autoscaler policies the last triage of this installation saw
    bindBucketRead(fn, props.stores.bucket, STATE_PREFIX);
    bindDeadLetters(fn, this.deadLetterQueue);
    bindNotifyQueue(fn, props.notifyQueue);
    props.enrichment.attachTo(fn);
    acknowledge(fn, {
      'Serverless-LambdaDLQ':
        'Asynchronous failures go to the on-failure destination (the same dead-letter queue), which records the error as well as the event.',
    });

    this.rule = this.addAlarmRule(props);

    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'CloudWatch alarms for the incident pipeline',
      masterKey: props.topicKey,
      enforceSSL: true,
    });
    // operators put this ARN in their alarm actions
    pinLogicalId(this.topic, 'AlarmIntakeTopic');
    allowCloudWatchAlarms(this.topic);
    const subscription = new subscriptions.LambdaSubscription(fn.function, { deadLetterQueue: this.deadLetterQueue });
    this.topic.addSubscription(subscription);
    props.alarmTopicArns.forEach((arn, index) => {
      sns.Topic.fromTopicArn(this, `ExistingAlarmTopic${index + 1}`, arn).addSubscription(subscription);
    });
  }

  private addAlarmRule(props: AlarmIntakeProps): events.Rule | undefined {
    const byTags = Object.keys(props.alarmTags).length > 0;
    if (!byTags && props.alarmNamePrefixes.length === 0) return undefined;

    const fn = this.handler;
    if (byTags) {
      // state-change events carry no tags: the rule passes every alarm and the function
      // keeps those whose name has a prefix or whose tags all match
      fn.addEnvironment('ALARM_NAME_PREFIXES', props.alarmNamePrefixes.join(','));
      fn.addEnvironment('ALARM_TAG_FILTER', JSON.stringify(props.alarmTags));
      const alarms = `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*`;
      iam.Grant.addToPrincipal({ grantee: fn, actions: ['cloudwatch:ListTagsForResource'], resourceArns: [alarms] });
      acknowledge(fn.role, {
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:cloudwatch:<AWS::Region>:<AWS::AccountId>:alarm:*]':
          'Tag selection needs the tags of whichever alarm changed state, so the read covers every alarm of this account and region.',
      });
    }

    const rule = new events.Rule(this, 'AlarmStateChange', {
      description: 'CloudWatch alarms entering ALARM open an incident; returning to OK resolves it',
      eventPattern: {
        source: ['aws.cloudwatch'],
        detailType: ['CloudWatch Alarm State Change'],
        detail: {
          // OK is needed too: it resolves the incident and closes its thread.
          state: { value: ['ALARM', 'OK'] },
          ...(byTags ? {} : { alarmName: props.alarmNamePrefixes.map((prefix) => ({ prefix })) }),
        },
      },
    });
    rule.addTarget(
      new targets.LambdaFunction(fn.function, {
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: 185,
        maxEventAge: Duration.hours(24),
      }),
    );
    return rule;
  }
}
