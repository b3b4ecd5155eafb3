import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { NomadAlarmConfig } from '../config.js';

/** Metric names as the CircleCI Server operations guide lists them ("Nomad Job Metrics"). */
export const NOMAD_METRICS = {
  pollFailure: 'circle.nomad.server_agent.poll_failure',
  pendingJobs: 'circle.nomad.server_agent.jobs.pending',
} as const;

export interface NomadAlarmsProps extends NomadAlarmConfig {
  /** The pipeline's alarm intake topic, so these alarms produce incident reports. */
  readonly intakeTopic: sns.ITopic;
}

/**
 * Alarms on the Nomad server agent metrics the operations guide names: the last
 * poll of the Nomad agent failed, and jobs are queueing (pending) instead of running.
 */
export class NomadAlarms extends Construct {
  readonly pollFailure: cloudwatch.Alarm;
  readonly pendingJobs: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: NomadAlarmsProps) {
    super(scope, id);
    const metric = (metricName: string): cloudwatch.Metric =>
      new cloudwatch.Metric({
        namespace: props.namespace,
        metricName,
        dimensionsMap: { ...props.dimensions },
        statistic: cloudwatch.Stats.MAXIMUM,
        period: Duration.minutes(1),
      });

    this.pollFailure = new cloudwatch.Alarm(this, 'PollFailure', {
      alarmDescription: 'CircleCI Server: the Nomad server agent failed to poll Nomad (poll_failure = 1). Builds may not be scheduled.',
      metric: metric(NOMAD_METRICS.pollFailure),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      threshold: 1,
      evaluationPeriods: props.evaluationMinutes,
      datapointsToAlarm: props.evaluationMinutes,
      // a silent forwarder shows as INSUFFICIENT_DATA rather than a false outage report
      treatMissingData: cloudwatch.TreatMissingData.MISSING,
    });

    this.pendingJobs = new cloudwatch.Alarm(this, 'PendingJobs', {
      alarmDescription: `CircleCI Server: more than ${props.pendingJobsThreshold} Nomad jobs pending for ${props.evaluationMinutes} minutes. Builds are queueing; check Nomad clients and their Auto Scaling group.`,
      metric: metric(NOMAD_METRICS.pendingJobs),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      threshold: props.pendingJobsThreshold,
      evaluationPeriods: props.evaluationMinutes,
      datapointsToAlarm: props.evaluationMinutes,
      treatMissingData: cloudwatch.TreatMissingData.MISSING,
    });

    for (const alarm of [this.pollFailure, this.pendingJobs]) {
      alarm.addAlarmAction(new actions.SnsAction(props.intakeTopic));
    }
  }
}
