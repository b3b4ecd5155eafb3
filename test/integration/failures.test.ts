import { PublishCommand } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { useHarness, type Harness } from './harness.js';
import { ALARM_EVENT } from './fixtures.js';
import { sqsEvent } from '../../functions/local/sample-events.js';

const session = useHarness();

describe('bad input and failing deliveries', () => {
  it('sends malformed events to the dead-letter queue with a reason instead of retrying them', async () => {
    const h = await session.start();
    const rejected = await h.stack.alarm({ 'detail-type': 'CloudWatch Alarm State Change', source: 'aws.cloudwatch', detail: { alarmName: 'x' } });
    expect(rejected).toEqual({ status: 'rejected', reason: 'not a CloudWatch Alarm State Change event' });
    await h.stack.routeUploads(['not json at all', { 'detail-type': 'Object Created', source: 'aws.s3', detail: {} }]);
    expect(h.stack.rejected.map((r) => r.source)).toEqual(['alarm-intake', 'bundle-triage', 'bundle-triage']);
    expect(h.stack.rejected[0]!.reason).toContain('detail.state');
    expect(h.stack.rejected[2]!.reason).toContain('Object Created');
    expect(h.stack.deadLettered).toEqual([]);
    expect(await h.stack.store.list(10)).toHaveLength(0);
  });

  it('ignores objects outside incoming/ (the reports the pipeline writes itself)', async () => {
    const h = await session.start();
    const event = await h.stack.objectEvent(await uploadReportLike(h), new Date());
    await h.stack.routeUploads([event]);
    expect(await h.stack.store.list(10)).toHaveLength(0);
  });

  it('retries Slack 5xx/429 with backoff and delivers once; SNS is not repeated', async () => {
    const h = await session.start();
    h.slack.failures.push({ status: 503, body: 'service_unavailable' }, { status: 429, body: 'rate_limited', retryAfter: '0' });
    await h.stack.alarm(ALARM_EVENT);
    await h.stack.drain();
    expect(h.slack.requests).toHaveLength(3);
    expect(h.slack.posts().filter((r) => r.body.thread_ts === undefined)).toHaveLength(3);
    expect(h.sns.commandCalls(PublishCommand)).toHaveLength(1);
    expect(h.stack.deadLettered).toEqual([]);
  });

  it('a permanently failing Slack ends in the dead-letter queue after retries while SNS still gets the report once', async () => {
    const h = await session.start({ overrides: { maxReceives: 3 } });
    for (let i = 0; i < 20; i++) h.slack.failures.push({ status: 404, body: 'channel_not_found' });
    const opened = await h.stack.alarm(ALARM_EVENT);
    await h.stack.drain();
    expect(h.stack.deadLettered).toHaveLength(1);
    expect(JSON.parse(h.stack.deadLettered[0]!)).toMatchObject({ type: 'incident-changed', version: 1 });
    // One attempt per receive (permanent errors are not retried in-process), and SNS published once.
    expect(h.slack.requests).toHaveLength(3);
    expect(h.sns.commandCalls(PublishCommand)).toHaveLength(1);
    const incidentId = opened.status === 'processed' && 'incidentId' in opened.results[0]! ? opened.results[0].incidentId : '';
    const incident = await h.stack.store.get(incidentId);
    expect(incident?.delivery.sns?.version).toBe(1);
    expect(incident?.delivery.slack).toBeUndefined();
    // The report itself is stored regardless: nothing is lost.
    expect(await h.stack.latestMarkdown(incidentId)).toContain('Collect now');
  });

  it('starts a new thread when the root message was deleted', async () => {
    const h = await session.start();
    const opened = await h.stack.alarm(ALARM_EVENT);
    const incidentId = opened.status === 'processed' && 'incidentId' in opened.results[0]! ? opened.results[0].incidentId : '';
    await h.stack.drain();
    h.slack.failures.push({ status: 200, body: JSON.stringify({ ok: false, error: 'message_not_found' }) });
    await h.stack.routeUploads([await h.stack.upload(session.inputs().bundle, incidentId, new Date('2025-03-14T09:44:03Z'))]);
    await h.stack.drain();
    expect(h.slack.requests.map((r) => r.path)).toEqual(['/api/chat.postMessage', '/api/chat.update', '/api/chat.postMessage']);
    const roots = h.slack.posts().filter((r) => r.body.thread_ts === undefined);
    expect(roots).toHaveLength(2);
    expect((await h.stack.store.get(incidentId))?.delivery.slack?.ts).toBe('1741944002.000100');
    expect(h.stack.deadLettered).toEqual([]);
  });

  it('without a bot token, updates go out as new webhook messages that name the incident they continue', async () => {
    const h = await session.start({ slackMode: 'webhook' });
    const opened = await h.stack.alarm(ALARM_EVENT);
    const incidentId = opened.status === 'processed' && 'incidentId' in opened.results[0]! ? opened.results[0].incidentId : '';
    await h.stack.drain();
    await h.stack.routeUploads([await h.stack.upload(session.inputs().bundle, incidentId, new Date('2025-03-14T09:44:03Z'))]);
    await h.stack.drain();
    const posts = h.slack.posts();
    expect(posts.map((p) => p.path)).toEqual(['/webhook', '/webhook']);
    expect(JSON.stringify(posts[1]!.body.blocks)).toContain(`Update 2 to incident *${incidentId}*`);
  });

  it('a notification message that is not ours is rejected with a reason', async () => {
    const h = await session.start();
    // Bypass the in-memory queue: a foreign message lands in the notify queue.
    const stackWithNotifier = h.stack as unknown as { notifier: (e: ReturnType<typeof sqsEvent>, c: unknown) => Promise<{ batchItemFailures: unknown[] }> };
    const out = await stackWithNotifier.notifier(sqsEvent([JSON.stringify({ type: 'something-else' })]), {
      getRemainingTimeInMillis: () => 60_000,
      functionName: 'notifier',
      awsRequestId: 'r1',
    });
    expect(out.batchItemFailures).toEqual([]);
    expect(h.stack.rejected.map((r) => r.source)).toEqual(['notifier']);
  });
});

async function uploadReportLike(h: Harness): Promise<string> {
  await h.stack.objects.putText('reports/inc-000000000000/v1.json', '{}', 'application/json');
  return 'reports/inc-000000000000/v1.json';
}
