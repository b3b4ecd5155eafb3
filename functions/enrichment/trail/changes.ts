import { stepError, type StepOutcome } from '../budget.js';
import type { CloudTrailEvents, TrailEvent } from '../ports.js';
import type { ChangeEvent, StepError } from '../schema.js';
import type { TimeWindow } from '../window.js';
import { principalOf, serviceOf } from './classify.js';

/**
 * Write events that break CircleCI Server when someone changes them: the Nomad client ASG, its
 * launch template, IAM policies and roles, EKS versions and bucket policies. Looked up by event
 * name, because LookupEvents takes one attribute and read events would drown a by-source lookup.
 */
export const CHANGE_EVENTS: ReadonlyArray<{ name: string; global?: boolean }> = [
  ...['CreateAutoScalingGroup', 'UpdateAutoScalingGroup', 'DeleteAutoScalingGroup', 'SuspendProcesses', 'ResumeProcesses', 'PutLifecycleHook', 'DeleteLifecycleHook'].map((name) => ({ name })),
  ...['CreateLaunchTemplateVersion', 'ModifyLaunchTemplate', 'DeleteLaunchTemplate', 'DeleteLaunchTemplateVersions'].map((name) => ({ name })),
  // IAM is a global service: its events are recorded in us-east-1 only.
  ...[
    'PutRolePolicy',
    'DeleteRolePolicy',
    'AttachRolePolicy',
    'DetachRolePolicy',
    'CreatePolicyVersion',
    'SetDefaultPolicyVersion',
    'DeletePolicy',
    'UpdateAssumeRolePolicy',
    'DeleteRole',
    'PutRolePermissionsBoundary',
    'DeleteRolePermissionsBoundary',
  ].map((name) => ({ name, global: true })),
  ...['UpdateClusterVersion', 'UpdateClusterConfig', 'UpdateNodegroupVersion', 'UpdateNodegroupConfig', 'DeleteNodegroup'].map((name) => ({ name })),
  ...['PutBucketPolicy', 'DeleteBucketPolicy'].map((name) => ({ name })),
];

export const CHANGES_LOOKBACK_MS = 24 * 60 * 60 * 1000;
const MAX_EVENTS_PER_NAME = 100;
const MAX_CHANGES = 200;

/** Who changed what in the 24 hours before the end of the incident window. */
export async function recentChanges(
  trail: CloudTrailEvents,
  window: TimeWindow,
  signal?: AbortSignal,
): Promise<StepOutcome<{ changes: ChangeEvent[]; window: TimeWindow; truncated: boolean }>> {
  const range = { start: new Date(window.end.getTime() - CHANGES_LOOKBACK_MS), end: window.end };
  const errors: StepError[] = [];
  const failures: unknown[] = [];
  const byId = new Map<string, TrailEvent>();
  let truncated = false;
  for (const ev of CHANGE_EVENTS) {
    try {
      const page = await trail.lookup(
        { ...range, attribute: { key: 'EventName', value: ev.name }, maxEvents: MAX_EVENTS_PER_NAME, scope: ev.global ? 'global' : 'regional' },
        signal,
      );
      truncated ||= page.truncated;
      for (const e of page.events) if (e.readOnly !== true) byId.set(e.eventId, e);
    } catch (err) {
      failures.push(err);
      errors.push(stepError(err));
      if (signal?.aborted) break;
    }
  }
  if (failures.length > 0 && failures.length === CHANGE_EVENTS.length) throw failures[0];
  const changes = [...byId.values()]
    .sort((a, b) => b.eventTime.localeCompare(a.eventTime))
    .slice(0, MAX_CHANGES)
    .map(
      (e): ChangeEvent => ({
        time: e.eventTime,
        service: serviceOf(e),
        eventName: e.eventName,
        principal: principalOf(e),
        resources: e.resources,
        region: e.awsRegion ?? null,
        errorCode: e.errorCode ?? null,
        eventId: e.eventId,
      }),
    );
  return { value: { changes, window: range, truncated: truncated || byId.size > MAX_CHANGES }, errors };
}
