import { describe, expect, it } from 'vitest';
import { useHarness } from './harness.js';
import { ALARM_EVENT, OK_EVENT, withAlarm } from './fixtures.js';

const session = useHarness();

const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

describe('duplicate and reordered events', () => {
  it('replayed concurrently, an alarm, a bundle and a log give one incident, one report per input, one notification per change', async () => {
    const h = await session.start();
    const { stack, slack } = h;

    // The same transition 4 times, with different envelope ids (EventBridge redelivery).
    const alarms = await Promise.all(times(4, (i) => stack.alarm(withAlarm(ALARM_EVENT, { id: `dup-${i}` }))));
    const ids = new Set(alarms.flatMap((r) => (r.status === 'processed' ? r.results.map((o) => ('incidentId' in o ? o.incidentId : '')) : [])));
    expect(ids.size).toBe(1);
    const incidentId = [...ids][0]!;

    const bundleEvent = await stack.upload(session.inputs().bundle, incidentId, new Date('2025-03-14T09:44:03Z'));
    const logEvent = await stack.upload(session.inputs().log, incidentId, new Date('2025-03-14T09:45:10Z'));
    // Each S3 event delivered 3 times, all concurrently, plus the notifier draining while they run.
    await Promise.all([...times(3, () => stack.routeUploads([bundleEvent])), ...times(3, () => stack.routeUploads([logEvent])), stack.drain()]);
    await stack.drain();
    // A late duplicate of everything after the fact changes nothing.
    await stack.alarm(withAlarm(ALARM_EVENT, { id: 'late-dup' }));
    await stack.routeUploads([bundleEvent, logEvent]);
    await stack.drain();

    expect(await stack.store.list(10)).toHaveLength(1);
    const incident = (await stack.store.get(incidentId))!;
    expect(incident.inputs).toHaveLength(2);
    expect(incident.evidenceVersion).toBe(2);
    expect(incident.report?.evidenceVersion).toBe(2);
    expect(await stack.objects.getText(`reports/${incidentId}/v3.json`)).toBeUndefined();

    // Changes that notify: opened, then report v1 and/or v2 (v1 may be superseded before it is stored).
    const notified = incident.timeline.filter((t) => t.kind === 'opened' || t.kind === 'report-ready');
    expect(notified[0]?.kind).toBe('opened');
    const roots = slack.posts().filter((r) => r.body.thread_ts === undefined);
    expect(roots).toHaveLength(1);
    // Deliveries render the current state, so two changes may share one message; never more than one per change.
    const updates = slack.requests.filter((r) => r.path === '/api/chat.update');
    expect(updates.length).toBeLessThanOrEqual(notified.length - 1);
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(updates.at(-1)!.body.blocks)).toContain('v2');
    expect(h.published()).toHaveLength(1 + updates.length);
    // No update is lost: the last change reached both channels, and the last message shows it.
    expect(incident.delivery.slack?.version).toBe(incident.version);
    expect(incident.delivery.sns?.version).toBe(incident.version);
    expect(JSON.stringify(h.published().at(-1)!.message)).toContain('v2');
    expect(new Set(h.published().map((p) => p.message.id)).size).toBe(h.published().length);
    expect(stack.deadLettered).toEqual([]);
  });

  it('ignores an alarm transition older than the last one applied, and a re-fire updates the open incident', async () => {
    const h = await session.start();
    const { stack } = h;
    const opened = await stack.alarm(ALARM_EVENT);
    const incidentId = opened.status === 'processed' && 'incidentId' in opened.results[0]! ? opened.results[0].incidentId : '';

    // Fires again later (ALARM → INSUFFICIENT_DATA → ALARM): same incident, fire count 2.
    await stack.alarm(withAlarm(ALARM_EVENT, { value: 'INSUFFICIENT_DATA', timestamp: '2025-03-14T09:50:00.000+0000' }));
    const refire = await stack.alarm(withAlarm(ALARM_EVENT, { timestamp: '2025-03-14T09:55:00.000+0000' }));
    expect(refire.status === 'processed' && refire.results[0]!.outcome).toBe('refired');

    // The OK arrives, then a delayed ALARM from before it and a redelivered copy of the first
    // ALARM: neither reopens anything (the copy is answered from the idempotency store).
    await stack.alarm(OK_EVENT);
    const stale = await stack.alarm(withAlarm(ALARM_EVENT, { timestamp: '2025-03-14T09:40:00.000+0000' }));
    expect(stale.status === 'processed' && stale.results[0]!.outcome).toBe('stale');
    await stack.alarm(withAlarm(ALARM_EVENT, { id: 'redelivered' }));
    await stack.drain();

    const incidents = await stack.store.list(10);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.id).toBe(incidentId);
    expect(incidents[0]!.status).toBe('resolved');
    expect(incidents[0]!.alarm?.fireCount).toBe(2);

    // After the OK, a new ALARM is a new episode: a new incident.
    const next = await stack.alarm(withAlarm(ALARM_EVENT, { timestamp: '2025-03-14T11:00:00.000+0000' }));
    expect(next.status === 'processed' && next.results[0]!.outcome).toBe('opened');
    expect(await stack.store.list(10)).toHaveLength(2);
  });

  it('the same transition delivered by EventBridge and by SNS is one incident and one message', async () => {
    const h = await session.start();
    const sns = {
      Records: [
        {
          EventSource: 'aws:sns',
          Sns: {
            MessageId: 'm-1',
            TopicArn: 'arn:aws:sns:us-east-1:111122223333:circleci-server-alarms',
            Message: JSON.stringify({
              AlarmName: 'circleci-server-nomad-autoscaler-asg-capacity',
              AlarmArn: 'arn:aws:cloudwatch:us-east-1:111122223333:alarm:circleci-server-nomad-autoscaler-asg-capacity',
              NewStateValue: 'ALARM',
              NewStateReason: 'Threshold Crossed',
              StateChangeTime: '2025-03-14T09:33:12.109+0000',
              Region: 'US East (N. Virginia)',
              OldStateValue: 'OK',
            }),
          },
        },
      ],
    };
    await Promise.all([h.stack.alarm(ALARM_EVENT), h.stack.alarm(sns), h.stack.alarm(sns), h.stack.alarm(withAlarm(ALARM_EVENT, { id: 'again' }))]);
    await h.stack.drain();
    expect(await h.stack.store.list(10)).toHaveLength(1);
    expect(h.slack.posts()).toHaveLength(1);
    expect(h.published()).toHaveLength(1);
  });

  it('an OK delivered before its ALARM leaves no open incident', async () => {
    const h = await session.start();
    await h.stack.alarm(OK_EVENT);
    const late = await h.stack.alarm(ALARM_EVENT);
    expect(late.status === 'processed' && late.results[0]!.outcome).toBe('stale');
    expect(await h.stack.store.list(10)).toHaveLength(0);
  });
});
