import type { Report } from '../../triage/report/schema.js';
import { stepError, type StepOutcome } from '../budget.js';
import type { CloudTrailEvents, TrailEvent, TrailQuery } from '../ports.js';
import type { PolicyChange, StepError } from '../schema.js';
import type { TimeWindow } from '../window.js';
import { principalOf } from './classify.js';
import { CHANGES_LOOKBACK_MS } from './changes.js';

/** IAM writes that change what a policy, role or user allows (IAM events are global: us-east-1). */
export const IAM_POLICY_EVENTS = [
  'CreatePolicyVersion',
  'SetDefaultPolicyVersion',
  'PutRolePolicy',
  'AttachRolePolicy',
  'DetachRolePolicy',
  'PutRolePermissionsBoundary',
  'DeleteRolePermissionsBoundary',
  'PutUserPolicy',
  'AttachUserPolicy',
] as const;
/** Organizations writes that change a service or resource control policy (recorded in us-east-1). */
export const ORGANIZATIONS_POLICY_EVENTS = ['UpdatePolicy', 'AttachPolicy', 'DetachPolicy'] as const;

const POLICY_EVENTS = new Set<string>([...IAM_POLICY_EVENTS, ...ORGANIZATIONS_POLICY_EVENTS]);
const MAX_EVENTS_PER_LOOKUP = 50;
/** `arn:aws:organizations::<account>:policy/o-…/service_control_policy/p-…`: the policy id is the last segment. */
const ORG_POLICY_ARN = /^arn:aws[\w-]*:organizations::\d{12}:policy\/[\w-]+\/\w+\/(?<id>p-[0-9a-z_]{8,128})$/;

export interface DenyingPolicy {
  arn: string;
  type: string | null;
  /** Organizations policy id (`p-…`), which its events name in `requestParameters.policyId`. */
  orgPolicyId: string | null;
  findingIds: string[];
}

/** Policies the access-denied findings name (`data.policyArn`, with `data.policyType`). */
export function denyingPolicies(report: Report): DenyingPolicy[] {
  const byArn = new Map<string, DenyingPolicy>();
  for (const f of report.findings) {
    const types = f.data.policyType ?? [];
    (f.data.policyArn ?? []).forEach((arn, i) => {
      const key = arn.trim();
      if (key === '') return;
      const p = byArn.get(key) ?? { arn: key, type: types[i] ?? types[0] ?? null, orgPolicyId: ORG_POLICY_ARN.exec(key)?.groups?.id ?? null, findingIds: [] };
      if (!p.findingIds.includes(f.id)) p.findingIds.push(f.id);
      byArn.set(key, p);
    });
  }
  return [...byArn.values()];
}

/**
 * Who changed each denying policy in the 24 hours before the end of the incident window. Looks up
 * by ResourceName (the ARN, and the `p-…` id of an Organizations policy); for Organizations
 * policies also by event name, matched on the policy id, in case the history does not index the id.
 */
export async function policyChanges(
  trail: CloudTrailEvents,
  policies: readonly DenyingPolicy[],
  window: TimeWindow,
  signal?: AbortSignal,
): Promise<StepOutcome<{ changes: PolicyChange[]; truncated: boolean }>> {
  if (policies.length === 0) return { value: { changes: [], truncated: false }, errors: [], note: 'no finding names the denying policy' };
  const range = { start: new Date(window.end.getTime() - CHANGES_LOOKBACK_MS), end: window.end };
  const errors: StepError[] = [];
  const failures: unknown[] = [];
  let attempts = 0;
  let truncated = false;
  const changes = new Map<string, PolicyChange>();

  const lookup = async (attribute: TrailQuery['attribute']): Promise<TrailEvent[]> => {
    attempts++;
    try {
      const page = await trail.lookup({ ...range, attribute, maxEvents: MAX_EVENTS_PER_LOOKUP, scope: 'global' }, signal);
      truncated ||= page.truncated;
      return page.events;
    } catch (err) {
      failures.push(err);
      errors.push(stepError(err));
      return [];
    }
  };

  for (const p of policies) {
    if (signal?.aborted) break;
    const keys = [p.arn, ...(p.orgPolicyId ? [p.orgPolicyId] : [])];
    const events: TrailEvent[] = [];
    for (const key of keys) events.push(...(await lookup({ key: 'ResourceName', value: key })));
    if (p.orgPolicyId) {
      for (const name of ORGANIZATIONS_POLICY_EVENTS) events.push(...(await lookup({ key: 'EventName', value: name })));
    }
    for (const e of events.filter((x) => POLICY_EVENTS.has(x.eventName) && x.readOnly !== true && names(x, keys))) {
      for (const findingId of p.findingIds) changes.set(`${e.eventId}|${findingId}`, toChange(e, p, findingId));
    }
  }
  if (failures.length > 0 && failures.length === attempts) throw failures[0];
  const sorted = [...changes.values()].sort((a, b) => b.time.localeCompare(a.time));
  const note = sorted.length === 0 ? noneFound(policies) : undefined;
  return { value: { changes: sorted, truncated }, errors, ...(note ? { note } : {}) };
}

/**
 * A ResourceName lookup matches names loosely; keep events that really name the policy: by ARN or
 * id, or by the name IAM requests use (`roleName`, `policyName`) as the ARN's last segment.
 */
function names(e: TrailEvent, keys: string[]): boolean {
  return e.resources.some((r) => keys.includes(r) || keys.some((k) => k.endsWith(`/${r}`)));
}

function toChange(e: TrailEvent, p: DenyingPolicy, findingId: string): PolicyChange {
  return {
    policyArn: p.arn,
    policyType: p.type,
    eventName: e.eventName,
    principal: principalOf(e),
    time: e.eventTime,
    eventId: e.eventId,
    errorCode: e.errorCode ?? null,
    findingId,
  };
}

function noneFound(policies: readonly DenyingPolicy[]): string {
  const org = policies.some((p) => p.orgPolicyId !== null);
  return `no change to ${policies.map((p) => p.arn).join(', ')} in the 24 h before the window end${org ? '; Organizations policies are changed in the management account, whose CloudTrail this account may not see (query an organization trail, e.g. with the Athena backend)' : ''}`;
}

/** Words for the canonical policy types of the access-denied captures (rules/capture-values.ts). */
const POLICY_TYPE_WORDS: Record<string, string> = {
  scp: 'service control policy',
  rcp: 'resource control policy',
  'permissions-boundary': 'permissions boundary',
  'session-policy': 'session policy',
  'identity-policy': 'identity-based policy',
  'resource-policy': 'resource-based policy',
  'vpc-endpoint-policy': 'VPC endpoint policy',
};

/** The one line a ticket or chat shows for a change to the denying policy. */
export function likelyCause(c: PolicyChange): string {
  const failed = c.errorCode ? ` (attempt failed: ${c.errorCode})` : '';
  const type = c.policyType ? `${POLICY_TYPE_WORDS[c.policyType] ?? c.policyType} ` : '';
  return `Likely cause: ${c.principal} changed ${type}${c.policyArn} at ${c.time} (${c.eventName})${failed}.`;
}
