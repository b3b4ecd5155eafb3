import { z } from 'zod';
import { isoUtc } from './ids.js';
import type { AlarmSignal } from './model.js';

/** Validation of the two envelopes an alarm arrives in, at the edge; both map to `AlarmSignal`. */

const stateValue = z.enum(['ALARM', 'OK', 'INSUFFICIENT_DATA']);
const timestamp = z.string().refine((t) => !Number.isNaN(Date.parse(t.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'))), 'not a timestamp');

const eventBridgeAlarmSchema = z.object({
  id: z.string().min(1),
  'detail-type': z.literal('CloudWatch Alarm State Change'),
  source: z.literal('aws.cloudwatch'),
  account: z.string().optional(),
  region: z.string().optional(),
  time: z.string().optional(),
  resources: z.array(z.string()).optional(),
  detail: z.object({
    alarmName: z.string().min(1),
    state: z.object({ value: stateValue, reason: z.string().optional(), timestamp }),
    previousState: z.object({ value: z.string() }).partial().optional(),
    configuration: z
      .object({
        description: z.string().nullish(),
        metrics: z
          .array(
            z.object({
              metricStat: z
                .object({
                  metric: z.object({
                    namespace: z.string().optional(),
                    name: z.string().optional(),
                    dimensions: z.record(z.string(), z.string()).optional(),
                  }),
                })
                .optional(),
            }),
          )
          .optional(),
      })
      .optional(),
  }),
});

const snsAlarmMessageSchema = z.object({
  AlarmName: z.string().min(1),
  AlarmDescription: z.string().nullish(),
  AWSAccountId: z.string().optional(),
  NewStateValue: stateValue,
  NewStateReason: z.string().optional(),
  StateChangeTime: timestamp,
  Region: z.string().optional(),
  AlarmArn: z.string().optional(),
  OldStateValue: z.string().optional(),
  Trigger: z
    .object({
      MetricName: z.string().nullish(),
      Namespace: z.string().nullish(),
      Dimensions: z.array(z.object({ name: z.string(), value: z.string() })).nullish(),
    })
    .partial()
    .optional(),
});

const snsEventSchema = z.object({
  Records: z
    .array(
      z.object({
        EventSource: z.literal('aws:sns').optional(),
        Sns: z.object({ MessageId: z.string().optional(), TopicArn: z.string().optional(), Message: z.string() }),
      }),
    )
    .min(1),
});

export class MalformedEventError extends Error {
  override name = 'MalformedEventError';
  constructor(
    message: string,
    /** Paths and messages of the failed checks, safe to log (no payload values). */
    readonly issues: string[] = [],
  ) {
    super(message);
  }
}

function describeIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
}

/** Alarm signals in an alarm-intake event (EventBridge: one; SNS: one per record). */
export function parseAlarmEvent(event: unknown): AlarmSignal[] {
  if (isObject(event) && 'Records' in event) {
    const sns = snsEventSchema.safeParse(event);
    if (!sns.success) throw new MalformedEventError('SNS event does not match the expected shape', describeIssues(sns.error));
    return sns.data.Records.map((r) => fromSnsMessage(r.Sns.Message));
  }
  const eb = eventBridgeAlarmSchema.safeParse(event);
  if (!eb.success) throw new MalformedEventError('not a CloudWatch Alarm State Change event', describeIssues(eb.error));
  const d = eb.data.detail;
  const metric = d.configuration?.metrics?.find((m) => m.metricStat)?.metricStat?.metric;
  return [
    {
      alarmName: d.alarmName,
      alarmArn: eb.data.resources?.[0],
      state: d.state.value,
      previousState: d.previousState?.value,
      reason: d.state.reason,
      timestamp: isoUtc(d.state.timestamp),
      region: eb.data.region,
      accountId: eb.data.account,
      description: d.configuration?.description ?? undefined,
      metric: metric ? { namespace: metric.namespace, name: metric.name, dimensions: metric.dimensions ?? {} } : undefined,
      envelope: 'eventbridge',
    },
  ];
}

function fromSnsMessage(text: string): AlarmSignal {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new MalformedEventError('SNS message is not JSON');
  }
  const m = snsAlarmMessageSchema.safeParse(json);
  if (!m.success) throw new MalformedEventError('SNS message is not a CloudWatch alarm notification', describeIssues(m.error));
  const a = m.data;
  const dimensions = Object.fromEntries((a.Trigger?.Dimensions ?? []).map((d) => [d.name, d.value]));
  return {
    alarmName: a.AlarmName,
    alarmArn: a.AlarmArn,
    state: a.NewStateValue,
    previousState: a.OldStateValue,
    reason: a.NewStateReason,
    timestamp: isoUtc(a.StateChangeTime),
    // SNS carries the region's display name ("US East (Ohio)"); the code is in the ARN.
    region: regionFromArn(a.AlarmArn) ?? a.Region,
    accountId: a.AWSAccountId,
    description: a.AlarmDescription ?? undefined,
    metric: a.Trigger ? { namespace: a.Trigger.Namespace ?? undefined, name: a.Trigger.MetricName ?? undefined, dimensions } : undefined,
    envelope: 'sns',
  };
}

function regionFromArn(arn: string | undefined): string | undefined {
  const region = arn?.split(':')[3];
  return region ? region : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}
