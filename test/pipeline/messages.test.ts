import { describe, expect, it } from 'vitest';
import { buildChecklist } from '../../functions/pipeline/checklist.js';
import type { IncidentView } from '../../functions/pipeline/message-view.js';
import { maskDeep } from '../../functions/pipeline/message-view.js';
import { maskSecrets } from '../../functions/triage/index.js';
import { qNotification, snsSubject } from '../../functions/pipeline/q-notification.js';
import { BLOCK_KIT, slackMessage } from '../../functions/pipeline/slack-message.js';

function view(overrides: Partial<IncidentView> = {}): IncidentView {
  return {
    incidentId: 'inc-0123456789ab',
    version: 4,
    kind: 'report-ready',
    status: 'open',
    severity: 'critical',
    headline: 'Nomad autoscaler cannot find its Auto Scaling Group',
    issueTypes: ['nomad-autoscaler'],
    alarm: { name: 'asg-capacity', firedAt: '2025-03-14T09:33:12.109Z', fireCount: 2, arn: 'arn:aws:cloudwatch:us-east-1:111122223333:alarm:asg-capacity' },
    reportVersion: 1,
    reportUri: 's3://b/reports/inc-0123456789ab/v1.md',
    findings: [{ severity: 'critical', title: 'ASG not found', service: 'nomad-autoscaler', count: 171, evidence: { path: 'a.log', line: 9, text: 'expected 1 Autoscaling Group, got 0 <x>' } }],
    moreFindings: 0,
    enrichment: [],
    nextSteps: ['Fix the ASG name in the policy'],
    changeText: 'Report v1: ASG not found',
    openedAt: '2025-03-14T09:33:12.109Z',
    messagesSoFar: 0,
    ...overrides,
  };
}

function texts(blocks: unknown[]): string[] {
  const out: string[] = [];
  for (const b of blocks as Array<Record<string, { text?: string } | Array<{ text: string }> | string>>) {
    const t = b.text as { text?: string } | undefined;
    if (t?.text) out.push(t.text);
    for (const f of (b.fields as Array<{ text: string }> | undefined) ?? []) out.push(f.text);
    for (const e of (b.elements as Array<{ text: string }> | undefined) ?? []) out.push(e.text);
  }
  return out;
}

describe('Slack Block Kit message', () => {
  it('has headline, severity, issue types, findings with evidence and next steps, escaped for mrkdwn', () => {
    const m = slackMessage(view(), 'bot');
    const all = texts(m.blocks).join('\n');
    expect((m.blocks[0] as { text: { text: string } }).text.text).toBe('[CRITICAL] Nomad autoscaler cannot find its Auto Scaling Group');
    expect(all).toContain('*Issue types*\nnomad-autoscaler');
    expect(all).toContain('`a.log:9`');
    expect(all).toContain('got 0 &lt;x&gt;');
    expect(all).toContain('1. Fix the ASG name in the policy');
    expect(all).toContain('fired 2x');
    expect(m.text).toContain('inc-0123456789ab');
  });

  it('stays within Block Kit limits whatever the content', () => {
    const huge = 'x'.repeat(10_000);
    const checklist = buildChecklist(['cascade', 'nomad-client', 'machine-executor', 'runner', 'data-store'], { bucket: 'b', folder: 'f', alarmTime: '2025-03-14T09:33:12Z' });
    const m = slackMessage(
      view({
        headline: huge,
        checklist,
        findings: Array.from({ length: 5 }, () => ({ severity: 'high', title: huge, service: 's', count: 1, evidence: { path: huge, line: 1, text: huge } })),
        moreFindings: 40,
        enrichment: Array.from({ length: 20 }, () => huge),
        nextSteps: Array.from({ length: 20 }, () => huge),
      }),
      'bot',
    );
    expect(m.blocks.length).toBeLessThanOrEqual(BLOCK_KIT.maxBlocks);
    const header = m.blocks[0] as { text: { text: string } };
    expect(header.text.text.length).toBeLessThanOrEqual(BLOCK_KIT.headerText);
    for (const b of m.blocks as Array<{ type: string; text?: { text: string }; fields?: Array<{ text: string }> }>) {
      if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(BLOCK_KIT.sectionText);
      for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(BLOCK_KIT.fieldText);
      expect(b.fields?.length ?? 0).toBeLessThanOrEqual(BLOCK_KIT.maxFields);
    }
  });

  it('marks webhook follow-ups with the incident they continue', () => {
    const m = slackMessage(view({ messagesSoFar: 2 }), 'webhook');
    expect(texts(m.blocks).join('\n')).toContain('Update 3 to incident *inc-0123456789ab*');
    expect(texts(slackMessage(view({ messagesSoFar: 2 }), 'bot').blocks).join('\n')).not.toContain('Update 3');
  });
});

describe('Amazon Q custom notification', () => {
  it('follows the custom-notification schema with a threadId per incident and next steps', () => {
    const q = qNotification(view());
    expect(q).toMatchObject({
      version: '1.0',
      source: 'custom',
      id: 'inc-0123456789ab-v4',
      content: { textType: 'client-markdown', nextSteps: ['Fix the ASG name in the policy'], keywords: ['open', 'critical', 'nomad-autoscaler'] },
      metadata: { threadId: 'inc-0123456789ab', eventType: 'incident-report-ready', additionalContext: { version: '4', reportVersion: '1' } },
    });
    expect(q.metadata.relatedResources).toEqual(['arn:aws:cloudwatch:us-east-1:111122223333:alarm:asg-capacity', 's3://b/reports/inc-0123456789ab/v1.md']);
    expect(q.content.description).toContain('`a.log:9`');
  });

  it('builds an SNS subject that is ASCII and under 100 characters', () => {
    const s = snsSubject(view({ headline: `Überlastung ${'é'.repeat(200)}` }));
    expect(s.length).toBeLessThanOrEqual(99);
    expect(s).toMatch(/^[\x20-\x7e]+$/);
    expect(s.startsWith('[CRITICAL] inc-0123456789ab: ')).toBe(true);
  });

  it('masks every string before it leaves, with the pipeline\'s own mask', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY';
    const masked = maskDeep({ a: [`aws_secret_access_key=${secret}`], b: { c: `password=${secret}` }, n: 3 }, maskSecrets);
    expect(JSON.stringify(masked)).not.toContain(secret);
    expect(masked.a[0]).toMatch(/^aws_secret_access_key=\*\*\*MASKED:[0-9a-f]{6}\*\*\*$/);
    expect(masked.b.c).toMatch(/^password=\*\*\*MASKED:[0-9a-f]{6}\*\*\*$/);
    expect(masked.n).toBe(3);
  });
});
