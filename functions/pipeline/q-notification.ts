import { slackCode, slackLines, slackMarkup, slackText } from '../shared/escape.js';
import { COLLECTION_DEADLINE_MINUTES, hhmm } from './checklist.js';
import { truncate, type IncidentView } from './message-view.js';

/**
 * Amazon Q Developer in chat applications "custom notification" schema: an SNS message in this
 * shape renders in Slack/Teams without a custom consumer, and `threadId` keeps an incident's
 * updates in one thread.
 */
export interface QCustomNotification {
  version: '1.0';
  source: 'custom';
  id: string;
  content: { textType: 'client-markdown'; title: string; description: string; nextSteps: string[]; keywords: string[] };
  metadata: {
    threadId: string;
    summary: string;
    eventType: string;
    relatedResources: string[];
    additionalContext: Record<string, string>;
  };
}

const DESCRIPTION_MAX = 3500;

/** `client-markdown` is rendered as the chat client's markdown (Slack mrkdwn): values are escaped for it. */
const esc = slackText;

export function qNotification(view: IncidentView): QCustomNotification {
  const lines: string[] = [];
  lines.push(`*Status:* ${view.status} · *Severity:* ${view.severity} · *Issue types:* ${esc(view.issueTypes.join(', ')) || 'not determined yet'}`);
  // Early, so the description's length cap never cuts the link.
  if (view.reportPage) {
    const access = view.reportPage.access === 'aws-login' ? 'AWS console login required' : `valid until ${view.reportPage.expiresAt ?? 'it expires'}`;
    lines.push(`*Incident page:* ${view.reportPage.url} (${access})`);
  }
  if (view.alarm) lines.push(`*Alarm:* ${esc(view.alarm.name)} at ${esc(view.alarm.firedAt)}${view.alarm.fireCount > 1 ? ` (fired ${view.alarm.fireCount}x)` : ''}`);
  lines.push(`*Change:* ${slackLines(view.changeText)}`);
  if (view.late) lines.push(`*Bundle ${view.late.basis} ${view.late.minutes} min after the alarm* (rule: within ${COLLECTION_DEADLINE_MINUTES}); early logs may be missing.`);
  if (view.checklist) {
    lines.push(`*Collect before ${hhmm(view.checklist.collectBy)} UTC:*`);
    view.checklist.items.forEach((item) => lines.push(`• ${slackMarkup(item.label)}: ${slackCode(item.command)}`));
    lines.push(`*Upload:* ${slackCode(view.checklist.uploadCommand)}`);
  }
  for (const f of view.findings.slice(0, 3)) {
    lines.push(`• *${esc(f.severity)}* ${slackMarkup(f.title)}${f.evidence ? ` — ${slackCode(`${f.evidence.path}:${f.evidence.line}`)}` : ''}`);
  }
  if (view.reportUri) lines.push(`*Report:* ${esc(view.reportUri)}`);

  const nextSteps = view.checklist
    ? [`Collect the logs listed before ${hhmm(view.checklist.collectBy)} UTC`, `Upload them: ${view.checklist.uploadCommand}`]
    : view.status === 'resolved'
      ? ['Attach the report to the ticket and note the resolution time']
      : view.nextSteps.slice(0, 5);

  return {
    version: '1.0',
    source: 'custom',
    id: `${view.incidentId}-v${view.version}`,
    content: {
      textType: 'client-markdown',
      title: truncate(`${view.status === 'resolved' ? 'Resolved' : view.severity === 'none' ? 'Open' : view.severity.toUpperCase()}: ${slackMarkup(view.headline)}`, 250),
      description: truncate(lines.join('\n'), DESCRIPTION_MAX),
      nextSteps: nextSteps.map((s) => truncate(slackMarkup(s), 500)),
      keywords: [view.status, view.severity, ...view.issueTypes].slice(0, 10),
    },
    metadata: {
      threadId: view.incidentId,
      summary: truncate(slackMarkup(view.headline), 250),
      eventType: `incident-${view.kind}`,
      relatedResources: [view.alarm?.arn, view.reportUri].filter((r): r is string => typeof r === 'string'),
      additionalContext: {
        incidentId: view.incidentId,
        version: String(view.version),
        severity: view.severity,
        status: view.status,
        ...(view.reportVersion !== undefined ? { reportVersion: String(view.reportVersion) } : {}),
      },
    },
  };
}

/** SNS Subject: ASCII, no line breaks, under 100 characters. */
export function snsSubject(view: IncidentView): string {
  const status = view.status === 'resolved' ? 'RESOLVED' : view.severity === 'none' ? 'OPEN' : view.severity.toUpperCase();
  const raw = `[${status}] ${view.incidentId}: ${view.headline}`;
  const ascii = raw.replace(/[^\x20-\x7e]/g, '?');
  return truncate(ascii, 99).replace(/…$/, '.');
}
