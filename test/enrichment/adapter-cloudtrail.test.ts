import { CloudTrailClient, LookupEventsCommand, type Event } from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { lookupEventsTrail } from '../../functions/enrichment/adapters/cloudtrail.js';
import { intervalLimiter, type RateLimiter } from '../../functions/enrichment/adapters/pacing.js';
import { trailRecord } from './fixtures.js';
import { noSleep, sdkError } from './sdk-errors.js';

const ct = mockClient(CloudTrailClient);
const free: RateLimiter = { acquire: () => Promise.resolve() };
const query = {
  start: new Date('2025-03-14T08:40:00Z'),
  end: new Date('2025-03-14T09:51:00Z'),
  attribute: { key: 'Username' as const, value: 'aws-go-sdk-1741944012' },
  maxEvents: 500,
};

function event(id: string, over: Record<string, unknown> = {}): Event {
  return {
    EventId: id,
    EventName: 'DescribeAutoScalingGroups',
    EventTime: new Date('2025-03-14T09:40:57Z'),
    EventSource: 'autoscaling.amazonaws.com',
    Username: 'aws-go-sdk-1741944012',
    ReadOnly: 'true',
    Resources: [],
    CloudTrailEvent: JSON.stringify(trailRecord({ eventID: id, ...over })),
  };
}

describe('lookupEventsTrail', () => {
  beforeEach(() => ct.reset());

  it('pages with the same parameters and reads the record JSON', async () => {
    ct.on(LookupEventsCommand).resolvesOnce({ Events: [event('e1')], NextToken: 't1' }).resolvesOnce({ Events: [event('e2')] });
    const trail = lookupEventsTrail(new CloudTrailClient({ region: 'us-east-1' }), { limiter: free, retry: noSleep });
    const page = await trail.lookup(query);
    expect(page.truncated).toBe(false);
    expect(page.events.map((e) => e.eventId)).toEqual(['e1', 'e2']);
    expect(page.events[0]).toMatchObject({
      eventTime: '2025-03-14T09:40:57.000Z',
      errorCode: 'AccessDenied',
      readOnly: true,
      username: 'aws-go-sdk-1741944012',
      complete: true,
      userIdentity: { sessionIssuerArn: 'arn:aws:iam::210987654321:role/acme-ci-circleci-nomad-clients-autoscaler-irsa-role', type: 'AssumedRole' },
    });
    const calls = ct.commandCalls(LookupEventsCommand).map((c) => c.args[0].input);
    expect(calls[0]).toEqual({
      LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'aws-go-sdk-1741944012' }],
      StartTime: query.start,
      EndTime: query.end,
      MaxResults: 50,
      NextToken: undefined,
    });
    expect(calls[1]).toEqual({ ...calls[0], NextToken: 't1' });
  });

  it('stops at maxEvents and says the result is truncated', async () => {
    ct.on(LookupEventsCommand).resolves({ Events: [event('e1'), event('e2'), event('e3')], NextToken: 'more' });
    const trail = lookupEventsTrail(new CloudTrailClient({ region: 'us-east-1' }), { limiter: free, retry: noSleep });
    const page = await trail.lookup({ ...query, maxEvents: 2 });
    expect(page).toMatchObject({ truncated: true, events: [{ eventId: 'e1' }, { eventId: 'e2' }] });
    expect(ct.commandCalls(LookupEventsCommand)).toHaveLength(1);
  });

  it('returns nothing for an empty history and keeps events whose record is malformed', async () => {
    ct.on(LookupEventsCommand).resolvesOnce({}).resolvesOnce({ Events: [{ ...event('bad'), CloudTrailEvent: '{not json' }] });
    const trail = lookupEventsTrail(new CloudTrailClient({ region: 'us-east-1' }), { limiter: free, retry: noSleep });
    await expect(trail.lookup(query)).resolves.toEqual({ events: [], truncated: false });
    const page = await trail.lookup(query);
    expect(page.events[0]).toMatchObject({ eventId: 'bad', eventName: 'DescribeAutoScalingGroups', complete: false, userIdentity: {} });
  });

  it('retries throttling mid-pagination and re-sends the same page', async () => {
    ct.on(LookupEventsCommand)
      .resolvesOnce({ Events: [event('e1')], NextToken: 't1' })
      .rejectsOnce(sdkError('ThrottlingException', 'Rate exceeded', 400))
      .resolvesOnce({ Events: [event('e2')] });
    const trail = lookupEventsTrail(new CloudTrailClient({ region: 'us-east-1' }), { limiter: free, retry: noSleep });
    const page = await trail.lookup(query);
    expect(page.events.map((e) => e.eventId)).toEqual(['e1', 'e2']);
    const tokens = ct.commandCalls(LookupEventsCommand).map((c) => c.args[0].input.NextToken);
    expect(tokens).toEqual([undefined, 't1', 't1']);
  });

  it('names the missing permission when our lookup is denied', async () => {
    ct.on(LookupEventsCommand).rejects(sdkError('AccessDeniedException', 'User: arn:aws:sts::1:assumed-role/p/x is not authorized to perform: cloudtrail:LookupEvents', 400));
    const trail = lookupEventsTrail(new CloudTrailClient({ region: 'us-east-1' }), { limiter: free, retry: noSleep });
    await expect(trail.lookup(query)).rejects.toMatchObject({ kind: 'access-denied', action: 'cloudtrail:LookupEvents' });
  });

  it('paces every request, pages and concurrent lookups alike', async () => {
    // A clock frozen at 0 whose sleeps return at once: every request arrives together, so each
    // must wait for its own 50 ms slot. Wall-clock spacing would flake on a loaded machine.
    const waits: number[] = [];
    const limiter = intervalLimiter(20, { now: () => 0, sleep: (ms) => (waits.push(ms), Promise.resolve()) });
    let calls = 0;
    ct.on(LookupEventsCommand).callsFake(() => {
      calls++;
      return Promise.resolve({ Events: [event(`e${calls}`)], NextToken: calls <= 2 ? 'next' : undefined });
    });
    const trail = lookupEventsTrail(new CloudTrailClient({ region: 'us-east-1' }), { limiter, retry: noSleep });
    await Promise.all([trail.lookup(query), trail.lookup({ ...query, attribute: { key: 'EventName', value: 'PutRolePolicy' } })]);
    expect(calls).toBe(4);
    // The first request goes at once; the three others wait for slots 50 ms apart.
    expect(waits).toEqual([50, 100, 150]);
  });

  it('sends global-service lookups to us-east-1 when the region is elsewhere', async () => {
    const regional = new CloudTrailClient({ region: 'eu-west-1' });
    const global = new CloudTrailClient({ region: 'us-east-1' });
    ct.on(LookupEventsCommand).resolves({ Events: [] });
    let made = 0;
    const trail = lookupEventsTrail(regional, { limiter: free, globalLimiter: free, retry: noSleep, globalClient: () => (made++, global) });
    await trail.lookup({ ...query, scope: 'global' });
    await trail.lookup({ ...query, scope: 'global' });
    await trail.lookup({ ...query, scope: 'regional' });
    expect(made).toBe(1);
    const regions = await Promise.all(ct.commandCalls(LookupEventsCommand).map((c) => (c.thisValue as CloudTrailClient).config.region()));
    expect(regions).toEqual(['us-east-1', 'us-east-1', 'eu-west-1']);
  });
});
