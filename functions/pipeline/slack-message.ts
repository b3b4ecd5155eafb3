import { slackCode, slackCodeBlock, slackLines, slackMarkup, slackText } from '../shared/escape.js';
import { COLLECTION_DEADLINE_MINUTES, hhmm } from './checklist.js';
import { truncate, type IncidentView } from './message-view.js';
import type { ChatMessage } from './ports.js';

/** Slack Block Kit limits (https://api.slack.com/reference/block-kit/blocks). */
export const BLOCK_KIT = { maxBlocks: 50, headerText: 150, sectionText: 3000, fieldText: 2000, maxFields: 10, contextElements: 10 } as const;

type Block = Record<string, unknown>;

const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text: truncate(text, BLOCK_KIT.sectionText) } });
const divider: Block = { type: 'divider' };

/** Every value from an alarm, a bundle or a log is escaped (functions/shared/escape.ts). */
const esc = slackText;

function code(text: string, max: number): string {
  return slackCodeBlock(truncate(text, max));
}

export function slackMessage(view: IncidentView, mode: 'bot' | 'webhook'): ChatMessage {
  const status = view.status === 'resolved' ? 'RESOLVED' : view.severity === 'none' ? 'OPEN' : view.severity.toUpperCase();
  const headline = `[${status}] ${view.headline}`;
  const blocks: Block[] = [{ type: 'header', text: { type: 'plain_text', text: truncate(headline, BLOCK_KIT.headerText), emoji: false } }];

  // Without threads, each update is a new message: say which incident it continues.
  if (mode === 'webhook' && view.messagesSoFar > 0) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `Update ${view.messagesSoFar + 1} to incident *${view.incidentId}* (opened ${view.openedAt}): ${slackLines(view.changeText)}` }],
    });
  }

  const fields = [
    `*Incident*\n${esc(view.incidentId)}`,
    `*Status*\n${view.status}`,
    `*Severity*\n${view.severity}`,
    `*Issue types*\n${esc(view.issueTypes.join(', ')) || 'not determined yet'}`,
    ...(view.alarm ? [`*Alarm*\n${esc(view.alarm.name)} at ${esc(view.alarm.firedAt)}${view.alarm.fireCount > 1 ? ` (fired ${view.alarm.fireCount}x)` : ''}`] : []),
    ...(view.reportVersion !== undefined ? [`*Report*\nv${view.reportVersion}`] : []),
  ];
  blocks.push({ type: 'section', fields: fields.slice(0, BLOCK_KIT.maxFields).map((text) => ({ type: 'mrkdwn', text: truncate(text, BLOCK_KIT.fieldText) })) });

  if (view.status === 'resolved') blocks.push(section(`:white_check_mark: ${slackLines(view.changeText)}`));
  if (view.late) {
    blocks.push(
      section(
        `:warning: *Bundle ${view.late.basis} ${view.late.minutes} minutes after the alarm* (rule: within ${COLLECTION_DEADLINE_MINUTES}). Logs from the start of the incident may have rotated out.`,
      ),
    );
  }

  if (view.checklist) {
    const c = view.checklist;
    blocks.push(divider, section(`*Collect before ${hhmm(c.collectBy)} UTC* (${COLLECTION_DEADLINE_MINUTES} minutes after the alarm) for: ${slackMarkup(c.issueTypes.map((t) => t.title).join('; '))}`));
    c.items.slice(0, 8).forEach((item, i) => blocks.push(section(`*${i + 1}. ${slackMarkup(item.label)}*\n${code(item.command, 2400)}`)));
    blocks.push(section(`*Upload to this incident*\n${code(c.uploadCommand, 2400)}`));
  }

  if (view.findings.length > 0) {
    blocks.push(divider, section('*Top findings*'));
    for (const f of view.findings) {
      const evidence = f.evidence ? `\n${slackCode(`${f.evidence.path}:${f.evidence.line}`)}\n${code(f.evidence.text, 1200)}` : '';
      blocks.push(section(`*${esc(f.severity.toUpperCase())}* ${slackMarkup(f.title)} (${f.count}x in ${esc(f.service)})${evidence}`));
    }
    if (view.moreFindings > 0) blocks.push(section(`…and ${view.moreFindings} more in the full report.`));
  }

  if (view.enrichment.length > 0) {
    blocks.push(section(`*AWS*\n${view.enrichment.slice(0, 8).map((l) => `• ${esc(l)}`).join('\n')}`));
  }
  // While the checklist is shown, it is the next step.
  if (view.nextSteps.length > 0 && !view.checklist) {
    blocks.push(section(`*Next steps*\n${view.nextSteps.slice(0, 8).map((s, i) => `${i + 1}. ${slackMarkup(s)}`).join('\n')}`));
  }
  const context = [`Full report: ${view.reportUri ? esc(view.reportUri) : 'not stored yet'}`, ...(view.reportPage ? [pageLinkText(view.reportPage)] : []), `Version ${view.version}`];
  blocks.push({ type: 'context', elements: context.slice(0, BLOCK_KIT.contextElements).map((text) => ({ type: 'mrkdwn', text: truncate(text, 2000) })) });

  return {
    // The fallback and reply texts are mrkdwn too: a mention in a headline would ping the channel.
    text: truncate(slackMarkup(`${headline} (${view.incidentId})`), 3000),
    blocks: fitBlocks(blocks),
    replyText: truncate(`Update (version ${view.version}): ${slackLines(view.changeText)}`, 3000),
  };
}

/** Keeps the message within 50 blocks, dropping findings before the closing context block. */
function fitBlocks(blocks: Block[]): Block[] {
  if (blocks.length <= BLOCK_KIT.maxBlocks) return blocks;
  const last = blocks.at(-1)!;
  return [...blocks.slice(0, BLOCK_KIT.maxBlocks - 2), section('…message shortened; see the full report.'), last];
}

/** Slack link to the incident page, saying whether it needs an AWS login or until when it works. */
function pageLinkText(page: NonNullable<IncidentView['reportPage']>): string {
  const access = page.access === 'aws-login' ? 'AWS console login required' : `link valid until ${page.expiresAt ?? 'it expires'}`;
  return `<${slackMarkup(page.url)}|Incident page> (${access})`;
}
