/**
 * Ports of the AWS enrichment: what the domain steps need from AWS, expressed without SDK types
 * so the steps can be tested with plain fakes and the CloudTrail backend can be swapped (Athena).
 */

/** Decodes an STS "Encoded authorization failure message"; resolves to the decoded JSON text. */
export interface AuthorizationMessageDecoder {
  decode(encodedMessage: string, signal?: AbortSignal): Promise<string>;
}

/** LookupEvents accepts exactly one lookup attribute, so the port does too. */
export type TrailAttributeKey = 'Username' | 'EventName' | 'EventSource' | 'ReadOnly' | 'ResourceName';

export interface TrailQuery {
  start: Date;
  end: Date;
  attribute: { key: TrailAttributeKey; value: string };
  /** Stop after this many events; the result says when more existed. */
  maxEvents: number;
  /** `global`: events of global services (IAM) are recorded in us-east-1 only. */
  scope?: 'regional' | 'global';
}

export interface TrailIdentity {
  type?: string;
  arn?: string;
  principalId?: string;
  accountId?: string;
  userName?: string;
  /** For assumed roles: the role behind the session, the stable identity. */
  sessionIssuerArn?: string;
  sessionIssuerName?: string;
}

/** One management event, reduced to what the enrichment reads. */
export interface TrailEvent {
  eventId: string;
  eventTime: string;
  eventSource: string;
  eventName: string;
  readOnly?: boolean;
  awsRegion?: string;
  /** LookupEvents' `Username` (session name for assumed roles). */
  username?: string;
  errorCode?: string;
  errorMessage?: string;
  userIdentity: TrailIdentity;
  /** Resource names from the event and its request parameters. */
  resources: string[];
  /** False when the record body could not be read (only the summary fields are set). */
  complete: boolean;
}

export interface TrailPage {
  events: TrailEvent[];
  /** More events matched than `maxEvents`. */
  truncated: boolean;
}

export interface CloudTrailEvents {
  /** Which backend answers, for the report. */
  readonly backend: 'lookup-events' | 'athena';
  lookup(query: TrailQuery, signal?: AbortSignal): Promise<TrailPage>;
}

export interface AutoScalingGroupInfo {
  name: string;
  arn?: string;
  minSize?: number;
  maxSize?: number;
  desiredCapacity?: number;
  instances: number;
  suspendedProcesses: Array<{ name: string; reason?: string }>;
  tags: Record<string, string>;
  /** Set while the group is being deleted. */
  status?: string;
}

export interface LifecycleHookInfo {
  name: string;
  transition: string;
  heartbeatTimeoutSeconds?: number;
  defaultResult?: string;
  notificationTargetArn?: string;
}

export interface InstanceRefreshInfo {
  id: string;
  /** Pending, InProgress, Baking, Cancelling, RollbackInProgress, Successful, Failed, … */
  status: string;
  statusReason?: string;
  startTime?: string;
  percentageComplete?: number;
}

export interface AutoScalingGroups {
  /** Groups with these exact names; names that do not exist are simply absent. */
  describe(names: string[], signal?: AbortSignal): Promise<AutoScalingGroupInfo[]>;
  /** Every group in the region, up to `limit`, for name suggestions. */
  list(limit: number, signal?: AbortSignal): Promise<{ groups: AutoScalingGroupInfo[]; truncated: boolean }>;
  lifecycleHooks(groupName: string, signal?: AbortSignal): Promise<LifecycleHookInfo[]>;
  /** The group's most recent instance refreshes, newest first. */
  instanceRefreshes(groupName: string, signal?: AbortSignal): Promise<InstanceRefreshInfo[]>;
}

export interface EnrichmentPorts {
  sts: AuthorizationMessageDecoder;
  trail: CloudTrailEvents;
  asg: AutoScalingGroups;
}
