/**
 * Converts the rule pack's JavaScript patterns to POSIX ERE for the GNU grep / ripgrep baselines.
 * Only the subset the rule schema allows (no lookaround, no backreferences) needs handling.
 */

const ERE_SPECIAL = new Set(['.', '[', ']', '(', ')', '*', '+', '?', '{', '}', '|', '^', '$', '\\']);
/** A line never contains a newline, so JS `\n` outside a class can never match: keep it impossible. */
const NEVER = '$^';

function classItem(escape: string): { text: string; dash?: boolean; bracket?: boolean } {
  switch (escape) {
    case 'd':
      return { text: '0-9' };
    case 's':
      return { text: '[:space:]' };
    case 'w':
      return { text: '[:alnum:]_' };
    case 'n':
    case 'r':
      return { text: '' };
    case 't':
      return { text: '\t' };
    case '-':
      return { text: '', dash: true };
    case ']':
      return { text: '', bracket: true };
    default:
      // In a POSIX bracket expression a backslash is an ordinary character, so `\\` stays one `\`.
      return { text: escape };
  }
}

/** Reads a JS character class starting at `src[start] === '['`; returns the ERE text and the index after `]`. */
function convertClass(src: string, start: number): { text: string; end: number } {
  let i = start + 1;
  let negated = false;
  if (src[i] === '^') {
    negated = true;
    i++;
  }
  let body = '';
  let dash = false;
  let bracket = false;
  while (i < src.length && src[i] !== ']') {
    const ch = src[i] as string;
    if (ch === '\\') {
      const item = classItem(src[i + 1] ?? '\\');
      body += item.text;
      dash ||= item.dash === true;
      bracket ||= item.bracket === true;
      i += 2;
      continue;
    }
    if (ch === '[' && src[i + 1] === ':') {
      const close = src.indexOf(':]', i);
      body += src.slice(i, close + 2);
      i = close + 2;
      continue;
    }
    body += ch;
    i++;
  }
  if (i >= src.length) throw new Error(`unterminated character class in ${JSON.stringify(src)}`);
  const end = i + 1;
  if (body === '' && !dash && !bracket) {
    // `[^\n]` is "any character" on a single line; `[\n]` can never match.
    return { text: negated ? '.' : NEVER, end };
  }
  if (body.startsWith('^') && !negated) body = `${body.slice(1)}^`;
  return { text: `[${negated ? '^' : ''}${bracket ? ']' : ''}${body}${dash ? '-' : ''}]`, end };
}

export interface EreOptions {
  /**
   * Upper repeat bounds above this become unbounded (`{0,400}` → `*`). GNU grep expands counted
   * repeats into its DFA, and the pack's guard bounds (`{1,255}`, `{20,10240}`) make it spend tens
   * of seconds compiling; on single lines the bounds change almost no match. Default 16.
   */
  maxRepeat?: number;
}

function relaxRepeat(min: string, max: string, limit: number): string {
  if (Number(max) <= limit) return `{${min},${max}}`;
  if (min === '0') return '*';
  if (min === '1') return '+';
  return `{${min},}`;
}

/** One JavaScript regex source → GNU-grep-compatible ERE. */
export function toPosixEre(jsSource: string, options: EreOptions = {}): string {
  const limit = options.maxRepeat ?? 16;
  let out = '';
  let i = 0;
  const src = jsSource;
  while (i < src.length) {
    const ch = src[i] as string;
    if (ch === '[') {
      const { text, end } = convertClass(src, i);
      out += text;
      i = end;
      continue;
    }
    if (ch === '(' && src[i + 1] === '?') {
      if (src[i + 2] === ':') {
        out += '(';
        i += 3;
        continue;
      }
      if (src[i + 2] === '<' && src[i + 3] !== '=' && src[i + 3] !== '!') {
        const close = src.indexOf('>', i);
        out += '(';
        i = close + 1;
        continue;
      }
      throw new Error(`unsupported group syntax at ${i} in ${JSON.stringify(src)}`);
    }
    if (ch === '{') {
      const m = /^\{(\d+),(\d+)\}/.exec(src.slice(i));
      if (m) {
        out += relaxRepeat(m[1] as string, m[2] as string, limit);
        i += m[0].length;
        if (src[i] === '?') i++;
        continue;
      }
    }
    if ((ch === '*' || ch === '+' || ch === '?' || ch === '}') && src[i + 1] === '?') {
      // Lazy quantifiers only change which match is found, not whether a line matches.
      out += ch;
      i += 2;
      continue;
    }
    if (ch === '\\') {
      const next = src[i + 1] ?? '';
      i += 2;
      if (next === 'd') out += '[0-9]';
      else if (next === 'D') out += '[^0-9]';
      else if (next === 's') out += '[[:space:]]';
      else if (next === 'S') out += '[^[:space:]]';
      else if ('wWbB'.includes(next)) out += `\\${next}`;
      else if (next === 'n' || next === 'r') out += NEVER;
      else if (next === 't') out += '\t';
      else if (ERE_SPECIAL.has(next)) out += `\\${next}`;
      else out += next;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

export interface PatternRule {
  id: string;
  patterns: string[];
  ignoreCase?: boolean;
}

/** The pattern file for `grep -E -f` / `rg -f`, and whether any rule wants case folding. */
export function rulePatternFile(rules: readonly PatternRule[], options: EreOptions = {}): { lines: string[]; ignoreCase: boolean } {
  const lines = rules.flatMap((rule) => rule.patterns.map((p) => toPosixEre(p, options)));
  return { lines: [...new Set(lines)], ignoreCase: rules.some((rule) => rule.ignoreCase === true) };
}
