import { stepError, type StepOutcome } from '../budget.js';
import type { CloudTrailEvents, TrailEvent } from '../ports.js';
import type { DenialGroup, PrincipalRef, StepError } from '../schema.js';
import type { TimeWindow } from '../window.js';
import { actionOf, isDenial, principalOf, serviceOf } from './classify.js';

const MAX_EVENTS_PER_PRINCIPAL = 500;
const SAMPLE_LIMIT = 1_000;

export interface DenialsResult {
  groups: DenialGroup[];
  /** The denied events themselves, for their encoded messages. */
  events: TrailEvent[];
  truncated: boolean;
}

/**
 * Denied calls in the window by the given principals, grouped by principal, service, action and
 * error code. LookupEvents has no error filter, so denials are picked client-side.
 */
export async function findDenials(
  trail: CloudTrailEvents,
  principals: readonly PrincipalRef[],
  window: TimeWindow,
  signal?: AbortSignal,
): Promise<StepOutcome<DenialsResult>> {
  const errors: StepError[] = [];
  const failures: unknown[] = [];
  const byId = new Map<string, TrailEvent>();
  let truncated = false;
  // Sequential on purpose: the adapter paces calls to the account's 2 requests/s anyway.
  for (const p of principals) {
    try {
      const page = await trail.lookup(
        { start: window.start, end: window.end, attribute: { key: 'Username', value: p.username }, maxEvents: MAX_EVENTS_PER_PRINCIPAL },
        signal,
      );
      truncated ||= page.truncated;
      for (const e of page.events) if (isDenial(e)) byId.set(e.eventId, e);
    } catch (err) {
      failures.push(err);
      errors.push(stepError(err));
      if (signal?.aborted) break;
    }
  }
  // Every lookup failed: the step failed, with the first cause (usually our missing permission).
  if (failures.length > 0 && failures.length === principals.length) throw failures[0];
  const events = [...byId.values()];
  const note = principals.length === 0 ? 'no principal ARN in the evidence and no CircleCI role configured' : undefined;
  return { value: { groups: groupDenials(events), events, truncated }, errors, ...(note ? { note } : {}) };
}

export function groupDenials(events: readonly TrailEvent[]): DenialGroup[] {
  const groups = new Map<string, DenialGroup>();
  for (const e of [...events].sort((a, b) => a.eventTime.localeCompare(b.eventTime))) {
    const principal = principalOf(e);
    const action = actionOf(e);
    const errorCode = e.errorCode ?? 'unknown';
    const key = `${principal}|${action}|${errorCode}`;
    const g = groups.get(key);
    if (g) {
      g.count++;
      g.lastTime = e.eventTime;
      g.eventIds.push(e.eventId);
      if (e.awsRegion && !g.regions.includes(e.awsRegion)) g.regions.push(e.awsRegion);
      g.sampleMessage ??= sample(e);
      continue;
    }
    groups.set(key, {
      principal,
      service: serviceOf(e),
      action,
      errorCode,
      count: 1,
      firstTime: e.eventTime,
      lastTime: e.eventTime,
      regions: e.awsRegion ? [e.awsRegion] : [],
      sampleMessage: sample(e),
      eventIds: [e.eventId],
    });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.firstTime.localeCompare(b.firstTime));
}

function sample(e: TrailEvent): string | null {
  if (!e.errorMessage) return null;
  return e.errorMessage.length > SAMPLE_LIMIT ? `${e.errorMessage.slice(0, SAMPLE_LIMIT)}…` : e.errorMessage;
}
