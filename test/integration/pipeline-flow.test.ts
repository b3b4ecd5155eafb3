import { describe, expect, it } from 'vitest';
import { ISSUE_TYPES } from '../../functions/triage/model/issue-types.js';
import { useHarness } from './harness.js';
import { ALARM_EVENT, OK_EVENT, SNS_ALARM_EVENT } from './fixtures.js';

const session = useHarness();

describe('alarm → checklist → bundle → report → resolved', () => {
  it('opens one incident, posts the checklist, joins the bundle, updates the Slack thread and resolves it', async () => {
    const h = await session.start();
    const { stack, slack } = h;

    // Alarm: incident and immediate checklist.
    const result = await stack.alarm(ALARM_EVENT);
    expect(result.status).toBe('processed');
    const incidentId = result.status === 'processed' && 'incidentId' in result.results[0]! ? result.results[0].incidentId : '';
    expect(incidentId).toMatch(/^inc-[0-9a-f]{12}$/);
    await stack.drain();

    const root = slack.posts()[0]!;
    expect(root.path).toBe('/api/chat.postMessage');
    expect(root.authorization).toBe('Bearer xoxb-test-token');
    const rootText = JSON.stringify(root.body.blocks);
    expect(rootText).toContain('Collect before 09:43 UTC');
    expect(rootText).toContain('kubectl logs -l app=nomad-autoscaler');
    expect(rootText).toContain(`s3://${h.bucket}/incoming/${incidentId}/`);
    const first = h.published()[0]!;
    expect(first.message.metadata.threadId).toBe(incidentId);
    expect(first.message.content.nextSteps[0]).toContain('before 09:43 UTC');

    // The bundle uploaded into the incident folder joins it and produces report v1.
    const uploaded = await stack.upload(session.inputs().bundle, incidentId, new Date('2025-03-14T09:44:03Z'));
    await stack.routeUploads([uploaded]);
    await stack.drain();
    const incident = await stack.store.get(incidentId);
    expect(incident?.report?.evidenceVersion).toBe(1);
    expect(incident?.report?.severity).toBe('critical');
    expect(incident?.report?.lateBundleMinutes).toBeUndefined();
    const markdown = await stack.latestMarkdown(incidentId);
    expect(markdown).toContain('expected 1 Autoscaling Group, got 0');
    expect(markdown).toContain(incidentId);

    // Same thread: the root message is edited in place and a reply says what changed.
    const update = slack.requests.find((r) => r.path === '/api/chat.update')!;
    expect(update.body.ts).toBe('1741944001.000100');
    expect(JSON.stringify(update.body.blocks)).toContain('Top findings');
    const reply = slack.posts().find((r) => r.body.thread_ts === '1741944001.000100')!;
    expect(String(reply.body.text)).toContain('Report v1');

    // OK resolves and says so in the thread.
    await stack.alarm(OK_EVENT);
    await stack.drain();
    const resolved = await stack.store.get(incidentId);
    expect(resolved?.status).toBe('resolved');
    const lastReply = slack.posts().at(-1)!;
    expect(lastReply.body.thread_ts).toBe('1741944001.000100');
    expect(String(lastReply.body.text)).toContain('alarm returned to OK');
    const lastSns = h.published().at(-1)!;
    expect(lastSns.message.metadata.threadId).toBe(incidentId);
    expect(lastSns.message.metadata.eventType).toBe('incident-resolved');
    expect(lastSns.subject).toMatch(/^\[RESOLVED\] inc-/);
    expect(stack.deadLettered).toEqual([]);
  });

  it('flags a bundle collected more than 10 minutes after the alarm', async () => {
    const h = await session.start();
    const late = structuredClone(ALARM_EVENT) as { detail: { state: { timestamp: string } } };
    late.detail.state.timestamp = '2025-03-14T09:20:00.000+0000';
    const result = await h.stack.alarm(late);
    const incidentId = result.status === 'processed' && 'incidentId' in result.results[0]! ? result.results[0].incidentId : '';
    await h.stack.drain();
    await h.stack.routeUploads([await h.stack.upload(session.inputs().bundle, incidentId, new Date('2025-03-14T09:50:00Z'))]);
    await h.stack.drain();
    const incident = await h.stack.store.get(incidentId);
    expect(incident?.report?.lateBundleMinutes).toBe(21);
    expect(incident?.report?.lateBundleBasis).toBe('collected');
    expect(await h.stack.latestMarkdown(incidentId)).toContain('Bundle collected 21 minutes after the alarm');
    const edited = h.slack.requests.filter((r) => r.path === '/api/chat.update').at(-1);
    expect(JSON.stringify(edited?.body.blocks)).toContain('21 minutes after the alarm');
  });

  it('accepts SNS-wrapped alarms and guesses the issue type from the alarm', async () => {
    const h = await session.start();
    const result = await h.stack.alarm(SNS_ALARM_EVENT);
    expect(result.status).toBe('processed');
    await h.stack.drain();
    const incident = (await h.stack.store.list(10))[0]!;
    expect(incident.alarm?.name).toBe('circleci-server-infra-fail-rate');
    expect(incident.alarm?.region).toBe('us-east-1');
    expect(incident.alarm?.issueTypes).toContain('cascade');
    expect(ISSUE_TYPES).toEqual(expect.arrayContaining(incident.alarm!.issueTypes));
    expect(JSON.stringify(h.slack.posts()[0]!.body.blocks)).toContain('distributor-external');
  });
});

describe('uploads without an alarm', () => {
  it('groups a folder into one incident and correlates an unfoldered log with the open alarm incident', async () => {
    const h = await session.start();
    const { stack } = h;
    await stack.routeUploads([await stack.upload(session.inputs().bundle, 'ticket-4711', new Date('2025-03-14T09:44:00Z'))]);
    await stack.routeUploads([await stack.upload(session.inputs().log, 'ticket-4711', new Date('2025-03-14T09:45:00Z'))]);
    await stack.drain();
    const folderIncident = await stack.store.folderIncident('ticket-4711');
    const incident = await stack.store.get(folderIncident!);
    expect(incident?.inputs.map((i) => i.kind)).toEqual(['bundle', 'log']);
    expect(incident?.report?.evidenceVersion).toBe(2);
    expect(await stack.objects.getText(`reports/${folderIncident}/v1.md`)).toBeDefined();
    expect(await stack.latestMarkdown(folderIncident!)).toContain('nomad-autoscaler-logs.txt');

    // An alarm opens a second incident; a log uploaded 5 minutes later at the top level joins it.
    const alarm = await stack.alarm(ALARM_EVENT);
    const alarmIncident = alarm.status === 'processed' && 'incidentId' in alarm.results[0]! ? alarm.results[0].incidentId : '';
    await stack.routeUploads([await stack.upload(session.inputs().log, undefined, new Date('2025-03-14T09:38:12Z'))]);
    await stack.drain();
    expect((await stack.store.get(alarmIncident))?.inputs.map((i) => i.key)).toEqual(['incoming/nomad-autoscaler-logs.txt']);
    expect(await stack.store.list(10)).toHaveLength(2);
  });

  it('masks secrets from uploaded logs in the ticket, Slack and SNS', async () => {
    const h = await session.start();
    await h.stack.routeUploads([await h.stack.upload(session.inputs().secretLog, 'secret-case', new Date('2025-03-14T09:40:00Z'))]);
    await h.stack.drain();
    const id = (await h.stack.store.folderIncident('secret-case'))!;
    const outputs = [await h.stack.latestMarkdown(id), JSON.stringify(h.slack.requests), JSON.stringify(h.published())].join('\n');
    expect(outputs).toContain('UnauthorizedOperation');
    expect(outputs).not.toContain('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    expect(outputs).not.toContain('ghp_abcdefghijklmnopqrstuvwxyz0123456789');
  });
});
