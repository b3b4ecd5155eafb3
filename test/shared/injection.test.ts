import { describe, expect, it } from 'vitest';
import { renderEnrichmentMarkdown } from '../../functions/enrichment/render/markdown.js';
import type { IncidentView } from '../../functions/pipeline/message-view.js';
import { qNotification } from '../../functions/pipeline/q-notification.js';
import { slackMessage } from '../../functions/pipeline/slack-message.js';
import { renderMarkdown, type Report } from '../../functions/triage/index.js';
import { incidentReport } from '../enrichment/fixtures.js';

const ALARM = 'cpu <!channel> *hot* `x` | y';
const ENTRY = 'cluster-resources/pods/logs/ns/p`o|d/c<@U024BE7LH>.log';
const TITLE = 'Boom <!here> _now_';
const TEXT = 'error ``` <!channel> | \\ end';

function view(): IncidentView {
  return {
    incidentId: 'inc-0123456789ab',
    version: 2,
    kind: 'report-ready',
    status: 'open',
    severity: 'high',
    headline: `Headline <!channel>`,
    issueTypes: ['nomad-clients'],
    alarm: { name: ALARM, firedAt: '2025-03-14T09:33:12.109Z', fireCount: 1 },
    findings: [{ severity: 'high', title: TITLE, service: 'svc_<x>', count: 1, evidence: { path: ENTRY, line: 3, text: TEXT } }],
    moreFindings: 0,
    enrichment: ['ASG <@U024BE7LH> missing'],
    nextSteps: ['Step <!subteam^S1>'],
    changeText: 'Report v2 <!channel>',
    openedAt: '2025-03-14T09:33:12.109Z',
    messagesSoFar: 1,
  };
}

/** No `<` may reach mrkdwn text: Slack reads `<…>` as a mention or a link. */
const RAW_ANGLE = /</;

/** The mrkdwn texts of a message (the header block is plain_text, which Slack never parses). */
function mrkdwn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(mrkdwn);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (o.type === 'plain_text') return [];
    return [...(o.type === 'mrkdwn' && typeof o.text === 'string' ? [o.text] : []), ...Object.values(o).flatMap(mrkdwn)];
  }
  return [];
}

/** Ticket lines outside fenced code blocks, where Markdown and HTML are live. */
function liveLines(md: string): string[] {
  let fenced = false;
  return md.split('\n').filter((line) => {
    if (/^`{3,}/.test(line)) fenced = !fenced;
    return !fenced && !/^`{3,}/.test(line);
  });
}

describe('hostile names and text in chat messages', () => {
  it('Slack blocks carry no live mention, link or broken inline code', () => {
    const message = slackMessage(view(), 'webhook');
    const all = [...mrkdwn(message.blocks), message.text, message.replyText].join('\n');
    expect(all).not.toMatch(RAW_ANGLE);
    expect(all).toContain('&lt;!channel&gt;');
    // The evidence path stays one inline code span: exactly two backticks around it.
    const pathLine = JSON.stringify(message.blocks).match(/`[^`]*:3`/)?.[0];
    expect(pathLine).toBe('`cluster-resources/pods/logs/ns/pˋo|d/c&lt;@U024BE7LH&gt;.log:3`');
  });

  it('the Amazon Q client-markdown message escapes the alarm name, titles and entry names', () => {
    const q = qNotification(view());
    const all = JSON.stringify(q);
    expect(all).not.toMatch(RAW_ANGLE);
    expect(q.content.description).toContain('*Alarm:* cpu &lt;!channel&gt; \u200b*hot\u200b* \u200b`x\u200b` | y');
    expect(q.content.description).toContain('`cluster-resources/pods/logs/ns/pˋo|d/c&lt;@U024BE7LH&gt;.log:3`');
    expect(q.content.title).toContain('&lt;!channel&gt;');
  });
});

describe('hostile names and text in the Markdown ticket', () => {
  function report(): Report {
    const base = incidentReport();
    const f = base.findings[0]!;
    return {
      ...base,
      alarm: { name: ALARM, time: '2025-03-14T09:33:12.109Z' },
      inputs: [{ name: 'bundle|`<b>`.tar.gz', kind: 'bundle-archive', status: 'ok', bytesRead: 1, files: 1 }],
      findings: [{ ...f, title: TITLE, evidence: [{ path: ENTRY, line: 3, text: TEXT }] }],
    };
  }

  it('keeps the ticket table intact and the text literal', () => {
    const md = renderMarkdown(report());
    const table = md.split('\n').filter((l) => l.startsWith('| '));
    for (const row of table) {
      const separators = [...row.matchAll(/(\\*)\|/g)].filter((m) => m[1]!.length % 2 === 0);
      expect(separators, row).toHaveLength(3);
    }
    expect(liveLines(md).join('\n')).not.toMatch(/<!channel>|<b>|<@U/);
    expect(md).toMatch(/^### \S+ · \w+ · Boom &lt;!here&gt; \\_now\\_$/m);
    // Evidence keeps its exact text inside a fence that the text cannot close.
    expect(md).toMatch(/````\n[^\n]*: error ``` <!channel> \| \\ end\n````/);
  });

  it('escapes enrichment text from AWS', () => {
    const base = incidentReport();
    const md = renderEnrichmentMarkdown(base) ?? '';
    expect(md).not.toMatch(/<(?!br>)/);
  });
});
