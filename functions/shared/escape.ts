/**
 * One escaper per output format. Alarm names, bundle entry names, log lines and AWS error texts
 * are attacker-controlled: each must reach a ticket or chat message as literal text, never as
 * formatting, links, HTML or mentions.
 */

/** One line: line breaks and other control characters become spaces. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ');
}

const MARKDOWN_PUNCTUATION = /[\\`*_~[\]|]/g;

/**
 * GitHub Markdown text (headings, list items, paragraphs, table cells): one line, `&<>` as
 * entities (no HTML, no autolinks), and backslash before every character that starts formatting,
 * a link or a table column. A backslash itself is doubled, so a trailing one cannot escape a pipe.
 */
export function markdownText(text: string): string {
  return oneLine(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`);
}

/** A Markdown table cell holding plain text: `markdownText` escapes pipes too; cut to `max`. */
export function markdownCell(text: string, max = Infinity): string {
  const one = oneLine(text).replace(/\s+/g, ' ').trim();
  return markdownText(one.length > max ? `${one.slice(0, max)}…` : one);
}

/**
 * GitHub inline code: a fence longer than any backtick run inside, padded when the text starts or
 * ends with a backtick. Code spans take no other escape, so this is not for table cells.
 */
export function inlineCode(text: string): string {
  const one = oneLine(text);
  const longest = Math.max(0, ...[...one.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = one.startsWith('`') || one.endsWith('`') || (one.startsWith(' ') && one.endsWith(' ') && one.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${one}${pad}${fence}`;
}

/**
 * Code inside a Markdown table cell. GitHub splits cells on `|` before it reads code spans (and a
 * backslash before a pipe then escapes the wrong thing), so this uses HTML `<code>` with entities.
 */
export function cellCode(text: string): string {
  const escaped = oneLine(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '&#124;')
    .replace(/\\/g, '&#92;')
    .replace(/`/g, '&#96;')
    .replace(/\*/g, '&#42;')
    .replace(/_/g, '&#95;');
  return `<code>${escaped}</code>`;
}

/** A fenced Markdown block longer than any backtick run inside it. */
export function codeBlock(lines: readonly string[]): string {
  const body = lines.join('\n');
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}\n${body}\n${fence}`;
}

/**
 * Slack mrkdwn text. `&<>` as entities neutralises links and mentions (`<!channel>`, `<@U…>`,
 * `<url|label>`); Slack has no backslash escape, so a zero-width space before `*_~` and the
 * backtick keeps them from pairing into formatting while the text reads the same.
 */
export function slackText(text: string): string {
  return slackEntities(oneLine(text)).replace(/[*_~`]/g, (c) => `\u200b${c}`);
}

/**
 * Our own Slack text that carries intended formatting (rule titles, next steps, checklist labels):
 * only `&<>` as entities, so nothing in it can become a link or a mention.
 */
export function slackMarkup(text: string): string {
  return slackEntities(text);
}

/** Slack multi-line text (an update note): as `slackText`, keeping line breaks. */
export function slackLines(text: string): string {
  return text.split(/\r?\n/).map(slackText).join('\n');
}

/** Slack inline code: no backtick can appear inside, so it becomes a look-alike. */
export function slackCode(text: string): string {
  return `\`${slackEntities(oneLine(text)).replace(/`/g, 'ˋ')}\``;
}

/** A Slack code block: no backtick inside can close it early, so each becomes a look-alike. */
export function slackCodeBlock(text: string): string {
  return '```' + slackEntities(text).replace(/`/g, 'ˋ') + '```';
}

function slackEntities(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
