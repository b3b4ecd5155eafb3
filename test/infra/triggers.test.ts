import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { actionsOfRole, FULL_CONTEXT, functionOf, logicalIdOf, resourcesOf, synthPipeline } from './synth.js';

type Rule = { EventPattern: Record<string, unknown>; Targets: Record<string, unknown>[] };

function rules(template: Template): Rule[] {
  return Object.values(resourcesOf(template, 'AWS::Events::Rule')).map((r) => r.Properties as unknown as Rule);
}

function ruleFor(template: Template, source: string): Rule | undefined {
  return rules(template).find((r) => (r.EventPattern.source as string[])[0] === source);
}

/** Logical ID of the queue an event source mapping reads. */
function mappingFor(template: Template, service: string): Record<string, unknown> {
  const fn = functionOf(template, service).logicalId;
  const mappings = Object.values(resourcesOf(template, 'AWS::Lambda::EventSourceMapping')).filter(
    (m) => (m.Properties!.FunctionName as { Ref: string }).Ref === fn,
  );
  expect(mappings).toHaveLength(1);
  return mappings[0]!.Properties!;
}

describe('triggers', () => {
  let template: Template;
  let full: Template;

  beforeAll(() => {
    template = synthPipeline().template;
    full = synthPipeline(FULL_CONTEXT).template;
  });

  describe('bundle uploads', () => {
    it('match only Object Created events for incoming/ keys of the bundle bucket', () => {
      expect(ruleFor(template, 'aws.s3')!.EventPattern).toEqual({
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: { bucket: { name: [{ Ref: 'BundleBucket' }] }, object: { key: [{ prefix: 'incoming/' }] } },
      });
    });

    it('buffer in SQS with EventBridge retries and a dead-letter queue', () => {
      const target = ruleFor(template, 'aws.s3')!.Targets[0]!;
      const queue = (target.Arn as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
      const dlq = (target.DeadLetterConfig as { Arn: { 'Fn::GetAtt': string[] } }).Arn['Fn::GetAtt'][0]!;
      expect(target.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 });
      const props = resourcesOf(template, 'AWS::SQS::Queue')[queue]!.Properties!;
      expect(props.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] }, maxReceiveCount: 3 });
      expect(mappingFor(template, 'bundle-triage').EventSourceArn).toEqual({ 'Fn::GetAtt': [queue, 'Arn'] });
    });

    it('reach the triage function one bundle at a time, with partial batch failures and capped concurrency', () => {
      expect(mappingFor(template, 'bundle-triage')).toMatchObject({
        BatchSize: 1,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: 2 },
      });
    });

    it('keep a message invisible for six times the function timeout', () => {
      for (const service of ['bundle-triage', 'notifier']) {
        const queue = (mappingFor(template, service).EventSourceArn as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
        const visibility = resourcesOf(template, 'AWS::SQS::Queue')[queue]!.Properties!.VisibilityTimeout;
        expect(visibility, service).toBe(6 * functionOf(template, service).properties.Timeout);
      }
    });
  });

  describe('alarms', () => {
    it('select alarms entering ALARM or returning to OK by name prefix, circleci- by default', () => {
      expect(ruleFor(template, 'aws.cloudwatch')!.EventPattern).toEqual({
        source: ['aws.cloudwatch'],
        'detail-type': ['CloudWatch Alarm State Change'],
        detail: { state: { value: ['ALARM', 'OK'] }, alarmName: [{ prefix: 'circleci-' }] },
      });
    });

    it('invoke the alarm function with retries and a dead-letter queue on every path', () => {
      const fn = functionOf(template, 'alarm-intake').logicalId;
      const dlq = logicalIdOf(template, 'AWS::Lambda::EventInvokeConfig', { FunctionName: { Ref: fn } });
      const invoke = resourcesOf(template, 'AWS::Lambda::EventInvokeConfig')[dlq]!.Properties!;
      const dlqArn = (invoke.DestinationConfig as { OnFailure: { Destination: unknown } }).OnFailure.Destination;
      expect(invoke).toMatchObject({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 21600 });

      const target = ruleFor(template, 'aws.cloudwatch')!.Targets[0]!;
      expect(target).toMatchObject({ Arn: { 'Fn::GetAtt': [fn, 'Arn'] }, DeadLetterConfig: { Arn: dlqArn } });
      template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'lambda',
        TopicArn: { Ref: 'AlarmIntakeTopic' },
        Endpoint: { 'Fn::GetAtt': [fn, 'Arn'] },
        RedrivePolicy: { deadLetterTargetArn: dlqArn },
      });
    });

    it('switch to tag selection in the function when tags are configured', () => {
      expect(ruleFor(full, 'aws.cloudwatch')!.EventPattern).toEqual({
        source: ['aws.cloudwatch'],
        'detail-type': ['CloudWatch Alarm State Change'],
        detail: { state: { value: ['ALARM', 'OK'] } },
      });
      const fn = functionOf(full, 'alarm-intake').properties;
      expect(fn.Environment.Variables).toMatchObject({
        ALARM_NAME_PREFIXES: 'circleci-,nomad-',
        ALARM_TAG_FILTER: '{"team":"ci","pipeline":"incident"}',
      });
    });

    it('subscribe the alarm function to existing alarm topics from context', () => {
      full.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'lambda',
        TopicArn: JSON.parse(FULL_CONTEXT.alarmTopicArns)[0],
        RedrivePolicy: Match.anyValue(),
      });
    });

    it('have no EventBridge alarm rule when neither prefixes nor tags are set', () => {
      const { template: snsOnly } = synthPipeline({ alarmNamePrefixes: '' });
      expect(ruleFor(snsOnly, 'aws.cloudwatch')).toBeUndefined();
      expect(ruleFor(snsOnly, 'aws.s3')).toBeDefined();
    });
  });

  describe('delivery', () => {
    it('drains the notify queue with partial batch failures', () => {
      expect(mappingFor(template, 'notifier')).toMatchObject({ BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'] });
    });

    it('gives each function the environment the handlers read', () => {
      const common = {
        BUCKET_NAME: { Ref: 'BundleBucket' },
        INCIDENT_TABLE_NAME: { Ref: 'IncidentTable' },
        IDEMPOTENCY_TABLE_NAME: { Ref: 'IdempotencyTable' },
        INSTALLATION_ID: 'ci-prod',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        DEAD_LETTER_QUEUE_URL: expect.anything(),
      };
      const intake = {
        ...common,
        NOTIFY_QUEUE_URL: expect.anything(),
        CIRCLECI_ROLE_NAMES: 'circleci-nomad-client,circleci-server',
        CORRELATION_WINDOW_MINUTES: '45',
        INCIDENT_RETENTION_DAYS: '90',
      };
      expect(functionOf(full, 'bundle-triage').properties.Environment.Variables).toMatchObject({ ...intake, POWERTOOLS_SERVICE_NAME: 'bundle-triage' });
      expect(functionOf(full, 'alarm-intake').properties.Environment.Variables).toMatchObject({ ...intake, POWERTOOLS_SERVICE_NAME: 'alarm-intake' });
      expect(functionOf(full, 'notifier').properties.Environment.Variables).toMatchObject({
        ...common,
        TOPIC_ARN: { Ref: 'IncidentTopic' },
        SLACK_SECRET_ARN: FULL_CONTEXT.slackSecretArn,
      });
      for (const service of ['bundle-triage', 'alarm-intake', 'notifier']) {
        expect(functionOf(full, service).properties.Environment.Variables.AWS_REQUEST_CHECKSUM_CALCULATION).toBeUndefined();
      }
    });
  });

  describe('retry backoff', () => {
    it.each([
      ['bundle-triage', '60'],
      ['notifier', '30'],
    ])('lets %s stretch the visibility of its failed records exponentially', (service, base) => {
      const fn = functionOf(template, service);
      expect(fn.properties.Environment.Variables.RETRY_BACKOFF_BASE_SECONDS).toBe(base);
      const role = fn.properties.Role['Fn::GetAtt'][0];
      expect(actionsOfRole(template, role)).toContain('sqs:ChangeMessageVisibility');
    });

    it('leaves the alarm function, which has no queue source, without it', () => {
      const fn = functionOf(template, 'alarm-intake');
      expect(fn.properties.Environment.Variables.RETRY_BACKOFF_BASE_SECONDS).toBeUndefined();
      expect(actionsOfRole(template, fn.properties.Role['Fn::GetAtt'][0])).not.toContain('sqs:ChangeMessageVisibility');
    });
  });

  describe('Nomad alarms', () => {
    it('are absent unless a metrics namespace is configured', () => {
      template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { Namespace: 'ci_metrics' }, 0);
    });

    it('watch poll failures and pending jobs in the namespace and feed the alarm intake topic', () => {
      for (const [metric, threshold] of [
        ['circle.nomad.server_agent.poll_failure', 1],
        ['circle.nomad.server_agent.jobs.pending', 25],
      ] as const) {
        full.hasResourceProperties('AWS::CloudWatch::Alarm', {
          Namespace: 'ci_metrics',
          MetricName: metric,
          Dimensions: [{ Name: 'host', Value: 'nomad-server' }],
          Statistic: 'Maximum',
          Period: 60,
          Threshold: threshold,
          EvaluationPeriods: 5,
          AlarmActions: [{ Ref: 'AlarmIntakeTopic' }],
        });
      }
    });
  });

  describe('self-monitoring', () => {
    it('alarms on every dead-letter queue, function error and throttle, to the report topic', () => {
      const alarms = Object.values(resourcesOf(template, 'AWS::CloudWatch::Alarm')).map((a) => a.Properties!);
      const byMetric = (name: string): number => alarms.filter((a) => a.MetricName === name).length;
      expect(byMetric('ApproximateNumberOfMessagesVisible')).toBe(3);
      expect(byMetric('Errors')).toBe(3);
      expect(byMetric('Throttles')).toBe(3);
      expect(byMetric('ApproximateAgeOfOldestMessage')).toBe(2);
      for (const alarm of alarms) {
        expect(alarm.AlarmActions).toEqual([{ Ref: 'IncidentTopic' }]);
        expect(alarm.OKActions).toEqual([{ Ref: 'IncidentTopic' }]);
      }
    });
  });
});
