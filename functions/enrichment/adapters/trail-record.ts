import type { Event } from '@aws-sdk/client-cloudtrail';
import type { TrailEvent } from '../ports.js';

/** Request parameters that name the resource a change touched. */
const NAME_KEYS = [
  'autoScalingGroupName',
  'lifecycleHookName',
  'launchTemplateId',
  'launchTemplateName',
  'roleName',
  'policyArn',
  // Organizations policy events (UpdatePolicy, AttachPolicy, DetachPolicy) name the policy by id.
  'policyId',
  'policyName',
  'bucketName',
  'clusterName',
  'name',
  'nodegroupName',
];

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** A LookupEvents `Event`; its `CloudTrailEvent` is a JSON string, read defensively. */
export function fromLookupEvent(ev: Event): TrailEvent {
  let record: Obj | undefined;
  try {
    const parsed: unknown = ev.CloudTrailEvent ? JSON.parse(ev.CloudTrailEvent) : undefined;
    record = isObject(parsed) ? parsed : undefined;
  } catch {
    record = undefined;
  }
  const fromResources = (ev.Resources ?? []).map((r) => r.ResourceName).filter((n): n is string => typeof n === 'string');
  const base: TrailEvent = {
    eventId: ev.EventId ?? str(record?.eventID) ?? 'unknown',
    eventTime: ev.EventTime ? ev.EventTime.toISOString() : (str(record?.eventTime) ?? new Date(0).toISOString()),
    eventSource: ev.EventSource ?? str(record?.eventSource) ?? 'unknown',
    eventName: ev.EventName ?? str(record?.eventName) ?? 'unknown',
    userIdentity: {},
    resources: fromResources,
    complete: record !== undefined,
  };
  if (ev.ReadOnly !== undefined) base.readOnly = ev.ReadOnly === 'true';
  if (ev.Username) base.username = ev.Username;
  return record ? { ...base, ...fromRecord(record, fromResources) } : base;
}

/** The fields of a CloudTrail record (same names in LookupEvents and in the S3 trail). */
export function fromRecord(record: Obj, knownResources: string[] = []): Partial<TrailEvent> {
  const identity = isObject(record.userIdentity) ? record.userIdentity : {};
  const session = isObject(identity.sessionContext) ? identity.sessionContext : {};
  const issuer = isObject(session.sessionIssuer) ? session.sessionIssuer : {};
  const out: Partial<TrailEvent> = {
    userIdentity: compact({
      type: str(identity.type),
      arn: str(identity.arn),
      principalId: str(identity.principalId),
      accountId: str(identity.accountId),
      userName: str(identity.userName),
      sessionIssuerArn: str(issuer.arn),
      sessionIssuerName: str(issuer.userName),
    }),
    resources: resourceNames(record.requestParameters, knownResources),
  };
  const readOnly = record.readOnly;
  if (typeof readOnly === 'boolean') out.readOnly = readOnly;
  else if (readOnly === 'true' || readOnly === 'false') out.readOnly = readOnly === 'true';
  for (const [key, field] of [
    ['awsRegion', 'awsRegion'],
    ['errorCode', 'errorCode'],
    ['errorMessage', 'errorMessage'],
  ] as const) {
    const v = str(record[field]);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

export function resourceNames(requestParameters: unknown, known: string[] = []): string[] {
  const names = new Set(known);
  let params = requestParameters;
  if (typeof params === 'string') {
    try {
      params = JSON.parse(params);
    } catch {
      params = undefined;
    }
  }
  if (isObject(params)) {
    for (const key of NAME_KEYS) {
      const v = str(params[key]);
      if (v !== undefined) names.add(v);
    }
  }
  return [...names];
}

function compact<T extends Obj>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
