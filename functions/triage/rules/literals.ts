/**
 * Finds literal strings a regex match must contain, so a fast multi-literal search can pick
 * candidate lines and the full regex runs only on those. For a pattern, returns a set of
 * alternatives (at least one occurs in every match, compared case-insensitively), or undefined
 * when no literal of at least MIN_LITERAL characters is required.
 */
export const MIN_LITERAL = 3;

type Node =
  | { t: 'lit'; c: string }
  | { t: 'any' }
  /** A character class small enough to expand (case variants fold together). */
  | { t: 'chars'; set: string[] }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; branches: Node[] }
  | { t: 'rep'; node: Node; min: number; max: number };

interface Info {
  /** The node always matches exactly one of these texts (lower-cased; may include ''). */
  set?: string[];
  /** Every match contains one of these. */
  required?: string[];
}

/** Cross products and unions stay below this many alternatives. */
const MAX_SET = 32;
const MAX_CLASS = 4;

const CLASS_ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S', 'b', 'B', 'p', 'P']);
const CONTROL_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', '0': '\0' };

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Node {
    const node = this.alternation();
    if (this.i < this.src.length) throw new Error(`unexpected ${this.src[this.i]}`);
    return node;
  }

  private alternation(): Node {
    const branches = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      branches.push(this.sequence());
    }
    return branches.length === 1 ? branches[0]! : { t: 'alt', branches };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      items.push(this.quantified(this.atom()));
    }
    return { t: 'seq', items };
  }

  private atom(): Node {
    const c = this.src[this.i]!;
    if (c === '(') {
      this.i++;
      if (this.src[this.i] === '?') {
        // (?: ...) or (?<name> ...); lookarounds are rejected by the rule schema.
        this.i++;
        if (this.src[this.i] === '<') this.i = this.src.indexOf('>', this.i) + 1;
        else this.i++;
      }
      const inner = this.alternation();
      if (this.src[this.i] !== ')') throw new Error('unclosed group');
      this.i++;
      return inner;
    }
    if (c === '[') {
      const open = ++this.i;
      const negated = this.src[this.i] === '^';
      if (negated) this.i++;
      if (this.src[this.i] === ']') this.i++;
      while (this.i < this.src.length && this.src[this.i] !== ']') this.i += this.src[this.i] === '\\' ? 2 : 1;
      const body = this.src.slice(open, this.i);
      this.i++;
      return negated ? { t: 'any' } : classChars(body);
    }
    if (c === '\\') {
      const e = this.src[this.i + 1]!;
      this.i += 2;
      if (CLASS_ESCAPES.has(e)) {
        if (e === 'p' || e === 'P') this.i = this.src.indexOf('}', this.i) + 1;
        return e === 'b' || e === 'B' ? { t: 'seq', items: [] } : { t: 'any' };
      }
      if (e === 'x') {
        const hex = this.src.slice(this.i, this.i + 2);
        this.i += 2;
        return { t: 'lit', c: String.fromCharCode(parseInt(hex, 16)) };
      }
      if (e === 'u') {
        const hex = this.src.slice(this.i, this.i + 4);
        this.i += 4;
        return { t: 'lit', c: String.fromCharCode(parseInt(hex, 16)) };
      }
      return { t: 'lit', c: CONTROL_ESCAPES[e] ?? e };
    }
    this.i++;
    if (c === '.') return { t: 'any' };
    if (c === '^' || c === '$') return { t: 'seq', items: [] };
    return { t: 'lit', c };
  }

  private quantified(node: Node): Node {
    const c = this.src[this.i];
    let min: number;
    let max: number;
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{' && /^\{\d+(,\d*)?\}/.test(this.src.slice(this.i))) {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i))!;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] ? Number(m[3]) : Infinity;
      this.i += m[0].length - 1;
    } else return node;
    this.i++;
    if (this.src[this.i] === '?') this.i++;
    return { t: 'rep', node, min, max };
  }
}

/** Members of a simple class like `[Cc]` or `[_-]`; anything with ranges or escapes is `any`. */
function classChars(body: string): Node {
  if (/\\|.-./.test(body.replace(/^-|-$/g, ''))) return { t: 'any' };
  const set = [...new Set([...body].map((ch) => ch.toLowerCase()))];
  return set.length <= MAX_CLASS ? { t: 'chars', set } : { t: 'any' };
}

/**
 * Failure wording is rarer in logs than the subject it qualifies (`task/config` appears on every
 * request, `timed out` only on failures), so a set made of it is the better filter.
 */
const FAILURE_WORDS = /fail|error|exceed|timed out|timeout|refused|denied|unauthori|expired|cannot|could not|unable|invalid|panic|fatal|forbidden|not found|missing|unavailable|reset|no space|not allowed|sealed|too many|rejected/;

function best(candidates: string[][]): string[] | undefined {
  let choice: string[] | undefined;
  let score = -Infinity;
  for (const set of candidates) {
    const shortest = Math.min(...set.map((s) => s.length));
    if (shortest < MIN_LITERAL) continue;
    // Longer literals are rarer; fewer alternatives are cheaper; failure words rarest of all.
    const value = shortest * 4 - set.length + (set.every((s) => FAILURE_WORDS.test(s)) ? 40 : 0);
    if (value > score) [choice, score] = [set, value];
  }
  return choice;
}

function union(sets: string[][]): string[] | undefined {
  const out = [...new Set(sets.flat())];
  return out.length <= MAX_SET ? out : undefined;
}

function info(node: Node): Info {
  switch (node.t) {
    case 'lit':
      return { set: [node.c.toLowerCase()] };
    case 'chars':
      return { set: node.set };
    case 'any':
      return {};
    case 'rep': {
      const inner = info(node.node);
      if (inner.set && node.max <= 3) {
        // Expand short repetitions: x? → {'', x}, x{2} → {xx}.
        let acc: string[] = [''];
        const options: string[] = [];
        for (let k = 0; k <= node.max; k++) {
          if (k >= node.min) options.push(...acc);
          if (k === node.max) break;
          acc = acc.flatMap((a) => inner.set!.map((b) => a + b));
          if (acc.length > MAX_SET) break;
        }
        const set = union([options]);
        if (set) return { set };
      }
      if (node.min === 0) return {};
      const required = inner.required ?? inner.set;
      return required ? { required } : {};
    }
    case 'alt': {
      const branches = node.branches.map(info);
      if (branches.every((b) => b.set)) {
        const set = union(branches.map((b) => b.set!));
        if (set) return { set };
      }
      const sets: string[] = [];
      for (const b of branches) {
        const set = b.required ?? b.set;
        if (!set) return {};
        sets.push(...set);
      }
      return { required: [...new Set(sets)] };
    }
    case 'seq': {
      const candidates: string[][] = [];
      let run: string[] = [''];
      let whole = true;
      const close = () => {
        if (run.some((r) => r !== '')) candidates.push(run);
        run = [''];
      };
      for (const item of node.items.map(info)) {
        if (item.set && run.length * item.set.length <= MAX_SET) {
          run = [...new Set(run.flatMap((a) => item.set!.map((b) => a + b)))];
          continue;
        }
        whole = false;
        close();
        if (item.set) run = item.set;
        else if (item.required) candidates.push(item.required);
      }
      if (whole) return { set: run };
      close();
      const required = best(candidates);
      return required ? { required } : {};
    }
  }
}

export function requiredLiterals(source: string): string[] | undefined {
  let tree: Node;
  try {
    tree = new Parser(source).parse();
  } catch {
    return undefined;
  }
  const result = info(tree);
  const set = result.required ?? result.set;
  return set && Math.min(...set.map((s) => s.length)) >= MIN_LITERAL ? set : undefined;
}
