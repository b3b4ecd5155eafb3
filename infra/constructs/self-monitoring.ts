import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { PipelineFunction } from './pipeline-function.js';

export interface SelfMonitoringProps {
  /** Where the alarms go: the same topic as the reports. */
  readonly topic: sns.ITopic;
  readonly functions: Readonly<Record<string, PipelineFunction>>;
  readonly deadLetterQueues: Readonly<Record<string, sqs.IQueue>>;
  /** Work queues whose oldest message shows a stalled consumer. */
  readonly workQueues: Readonly<Record<string, { queue: sqs.IQueue; maxAge: Duration }>>;
}

/**
 * Alarms on the pipeline itself: any message in a dead-letter queue, function errors and
 * throttles, and work queues that stop draining. They notify the report topic; they do
 * not feed the pipeline, so a broken pipeline cannot loop on its own alarms.
 */
export class SelfMonitoring extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];
  private readonly topic: sns.ITopic;

  constructor(scope: Construct, id: string, props: SelfMonitoringProps) {
    super(scope, id);
    this.topic = props.topic;
    const fiveMinutes = Duration.minutes(5);

    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      this.add(`${name}DeadLetters`, {
        alarmDescription: `Incident pipeline: messages in the ${name} dead-letter queue. Inspect and redrive them.`,
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: cloudwatch.Stats.MAXIMUM }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      });
    }

    for (const [name, fn] of Object.entries(props.functions)) {
      this.add(`${name}Errors`, {
        alarmDescription: `Incident pipeline: the ${name} function failed.`,
        metric: fn.function.metricErrors({ period: fiveMinutes, statistic: cloudwatch.Stats.SUM }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      });
      this.add(`${name}Throttles`, {
        alarmDescription: `Incident pipeline: the ${name} function was throttled.`,
        metric: fn.function.metricThrottles({ period: fiveMinutes, statistic: cloudwatch.Stats.SUM }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      });
    }

    for (const [name, { queue, maxAge }] of Object.entries(props.workQueues)) {
      this.add(`${name}Stalled`, {
        alarmDescription: `Incident pipeline: the oldest ${name} message is older than ${maxAge.toHumanString()}.`,
        metric: queue.metricApproximateAgeOfOldestMessage({ period: fiveMinutes, statistic: cloudwatch.Stats.MAXIMUM }),
        threshold: maxAge.toSeconds(),
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
      });
    }
  }

  private add(id: string, props: cloudwatch.AlarmProps): void {
    const alarm = new cloudwatch.Alarm(this, id, { treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING, ...props });
    const action = new actions.SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarms.push(alarm);
  }
}
