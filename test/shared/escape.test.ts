import { describe, expect, it } from 'vitest';
import { cellCode, codeBlock, inlineCode, markdownCell, markdownText, slackCode, slackCodeBlock, slackLines, slackMarkup, slackText } from '../../functions/shared/escape.js';

const HOSTILE = 'a`b|c\\d<e>f&g*h_i~j[k](l)\nm <!channel> <@U024BE7LH> <https://evil.example|click>';

describe('Markdown escapers', () => {
  it('markdownText keeps the text literal on one line: no HTML, no links, no formatting', () => {
    const out = markdownText(HOSTILE);
    expect(out).not.toMatch(/\n/);
    expect(out).not.toMatch(/<|>/);
    expect(out).toContain('&lt;!channel&gt;');
    expect(out).toContain('a\\`b\\|c\\\\d&lt;e&gt;f&amp;g\\*h\\_i\\~j\\[k\\](l)');
  });

  it('a trailing backslash cannot escape the table pipe after it', () => {
    const row = `| ${markdownCell('path\\')} | ${markdownCell('x|y')} |`;
    // Every pipe inside a cell is preceded by an odd number of backslashes, the separators by none.
    const unescapedPipes = [...row.matchAll(/(\\*)\|/g)].filter((m) => m[1]!.length % 2 === 0);
    expect(unescapedPipes).toHaveLength(3);
  });

  it('markdownCell cuts long text', () => {
    expect(markdownCell('x'.repeat(300), 200)).toBe(`${'x'.repeat(200)}…`);
  });

  it('inlineCode survives backticks and line breaks', () => {
    expect(inlineCode('a`b')).toBe('``a`b``');
    expect(inlineCode('`edge`')).toBe('`` `edge` ``');
    expect(inlineCode('one\ntwo')).toBe('`one two`');
  });

  it('cellCode puts code in a table cell with no pipe, backslash or backtick left to break it', () => {
    const out = cellCode('C:\\logs|x`y<z>');
    expect(out).toBe('<code>C:&#92;logs&#124;x&#96;y&lt;z&gt;</code>');
  });

  it('codeBlock fences longer than any backtick run inside', () => {
    expect(codeBlock(['```', 'x'])).toBe('````\n```\nx\n````');
  });
});

describe('Slack escapers', () => {
  it('slackText neutralises mentions, links and formatting', () => {
    const out = slackText(HOSTILE);
    expect(out).not.toMatch(/[<>\n]/);
    expect(out).toContain('&lt;!channel&gt;');
    expect(out).toContain('&lt;@U024BE7LH&gt;');
    // Formatting characters are kept visible but cannot pair up.
    for (const c of ['*', '_', '~', '`']) expect(out).toContain(`\u200b${c}`);
    expect(out.replace(/\u200b/g, '')).toContain('a`b|c\\d&lt;e&gt;f&amp;g*h_i~j');
  });

  it('slackMarkup keeps our own formatting but no mention', () => {
    expect(slackMarkup('*Bold* <!here>')).toBe('*Bold* &lt;!here&gt;');
  });

  it('slackLines keeps line breaks, escaping each line', () => {
    expect(slackLines('a <!channel>\nb')).toBe('a &lt;!channel&gt;\nb');
  });

  it('slackCode and slackCodeBlock cannot be closed from inside', () => {
    expect(slackCode('bad`name.log')).toBe('`badˋname.log`');
    expect(slackCodeBlock('x```<!channel>')).toBe('```xˋˋˋ&lt;!channel&gt;```');
  });
});
