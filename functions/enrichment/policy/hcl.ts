/**
 * A reader for HCL2 native syntax, enough for nomad-autoscaler policy and agent files. It yields
 * the JSON shape HashiCorp's hcl2json gives (and the hcl2-parser package before it): a block is
 * `{type: {label: [body, …]}}`, an unlabelled block `{type: [body]}`; literal values (strings with
 * escapes decoded, numbers, bools, null, tuples, objects, heredocs) are values; any other
 * expression (references, calls, operators) is its source text as `"${…}"`. It replaces a 7 MB
 * compiled runtime that cost ~25 MB of memory and ~280 ms to load.
 */

export class HclSyntaxError extends Error {
  constructor(message: string, readonly line: number, readonly column: number) {
    super(`${message} at line ${line}, column ${column}`);
    this.name = 'HclSyntaxError';
  }
}

type Obj = Record<string, unknown>;

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_-]/;
const NUMBER = /^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w.])/;
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

export function parseHcl(text: string): Obj {
  return new Reader(text).document();
}

class Reader {
  private pos = 0;
  constructor(private readonly src: string) {}

  document(): Obj {
    const body = this.body(false);
    this.skipSpace(true);
    if (this.pos < this.src.length) this.fail(`unexpected ${JSON.stringify(this.src[this.pos])}`);
    return body;
  }

  /** Attributes and blocks until `}` (inside a block) or the end of the text. */
  private body(inBlock: boolean): Obj {
    const out: Obj = {};
    const attributes = new Set<string>();
    for (;;) {
      this.skipSpace(true);
      const c = this.src[this.pos];
      if (c === undefined) {
        if (inBlock) this.fail('unclosed block');
        return out;
      }
      if (c === '}') {
        if (!inBlock) this.fail('unexpected "}"');
        return out;
      }
      const name = this.identifier();
      this.skipSpace(false);
      if (this.src[this.pos] === '=') {
        this.pos++;
        if (attributes.has(name)) this.fail(`attribute ${JSON.stringify(name)} is set twice`);
        attributes.add(name);
        out[name] = this.expression();
        this.endOfItem();
        continue;
      }
      const labels: string[] = [];
      while (this.src[this.pos] !== '{') {
        const l = this.src[this.pos];
        if (l === '"') labels.push(this.template());
        else if (l !== undefined && IDENT_START.test(l)) labels.push(this.identifier());
        else this.fail(`expected "=", a block label or "{" after ${JSON.stringify(name)}`);
        this.skipSpace(false);
      }
      this.pos++;
      const blockBody = this.body(true);
      this.pos++;
      this.addBlock(out, name, labels, blockBody);
      this.endOfItem();
    }
  }

  private addBlock(out: Obj, type: string, labels: string[], body: Obj): void {
    if (!labels.length) {
      const list = Array.isArray(out[type]) ? (out[type] as unknown[]) : [];
      list.push(body);
      out[type] = list;
      return;
    }
    let node = (isObject(out[type]) ? out[type] : (out[type] = {}));
    labels.slice(0, -1).forEach((label) => (node = (isObject(node[label]) ? node[label] : (node[label] = {}))));
    const last = labels[labels.length - 1]!;
    const list = Array.isArray(node[last]) ? (node[last] as unknown[]) : [];
    list.push(body);
    node[last] = list;
  }

  /** After an attribute or block: a newline, a comment, `}` or the end. */
  private endOfItem(): void {
    this.skipSpace(false);
    const c = this.src[this.pos];
    if (c === undefined || c === '\n' || c === '\r' || c === '}') return;
    this.fail(`expected a new line, found ${JSON.stringify(c)}`);
  }

  private expression(): unknown {
    this.skipSpace(false);
    const start = this.pos;
    const literal = this.tryLiteral();
    if (literal.ok) {
      this.skipSpace(false);
      if (this.atTerminator()) return literal.value;
    }
    this.pos = start;
    return `\${${this.rawExpression()}}`;
  }

  /** A literal value, or `ok: false` with the position left anywhere (the caller rewinds). */
  private tryLiteral(): { ok: true; value: unknown } | { ok: false } {
    const c = this.src[this.pos];
    if (c === '"') {
      const value = this.template();
      return { ok: true, value };
    }
    if (c === '<' && this.src.startsWith('<<', this.pos)) return { ok: true, value: this.heredoc() };
    if (c === '[') return this.tuple();
    if (c === '{') return this.object();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      // `-3` and `- 3` are literals (unary minus on a number); `-x` is not.
      const sign = /^-[ \t]*/.exec(this.src.slice(this.pos, this.pos + 64))?.[0] ?? '';
      const m = NUMBER.exec(this.src.slice(this.pos + sign.length, this.pos + sign.length + 64));
      if (!m) return { ok: false };
      this.pos += sign.length + m[0].length;
      return { ok: true, value: sign ? -Number(m[0]) : Number(m[0]) };
    }
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.src.startsWith(word, this.pos) && !IDENT_PART.test(this.src[this.pos + word.length] ?? '')) {
        this.pos += word.length;
        return { ok: true, value };
      }
    }
    return { ok: false };
  }

  private tuple(): { ok: true; value: unknown[] } | { ok: false } {
    this.pos++;
    const items: unknown[] = [];
    for (;;) {
      this.skipSpace(true);
      if (this.src[this.pos] === ']') {
        this.pos++;
        return { ok: true, value: items };
      }
      if (this.src.startsWith('for', this.pos) && /\s/.test(this.src[this.pos + 3] ?? '')) return { ok: false };
      items.push(this.expression());
      this.skipSpace(true);
      if (this.src[this.pos] === ',') this.pos++;
      else if (this.src[this.pos] !== ']') return { ok: false };
    }
  }

  private object(): { ok: true; value: Obj } | { ok: false } {
    this.pos++;
    const out: Obj = {};
    for (;;) {
      this.skipSpace(true);
      const c = this.src[this.pos];
      if (c === '}') {
        this.pos++;
        return { ok: true, value: out };
      }
      let key: string;
      if (c === '"') key = this.template();
      else if (c !== undefined && IDENT_START.test(c)) key = this.identifier();
      else return { ok: false };
      if (key === 'for' && !/[=:]/.test(this.src[this.pos] ?? '')) return { ok: false };
      this.skipSpace(false);
      const sep = this.src[this.pos];
      if (sep !== '=' && sep !== ':') return { ok: false };
      this.pos++;
      out[key] = this.expression();
      this.skipSpace(false);
      if (this.src[this.pos] === ',') this.pos++;
      else if (!/[\n\r}#/]/.test(this.src[this.pos] ?? '')) return { ok: false };
    }
  }

  /** A quoted template: escapes decoded, `${…}` and `%{…}` kept as their (trimmed) source. */
  private template(): string {
    this.pos++;
    let out = '';
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined || c === '\n') this.fail('unterminated string');
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c === '\\') {
        const e = this.src[this.pos + 1] ?? '';
        if (ESCAPES[e] !== undefined) {
          out += ESCAPES[e];
          this.pos += 2;
        } else if (e === 'u' || e === 'U') {
          const hex = this.src.slice(this.pos + 2, this.pos + (e === 'u' ? 6 : 10));
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== (e === 'u' ? 4 : 8)) this.fail('bad unicode escape');
          out += String.fromCodePoint(parseInt(hex, 16));
          this.pos += 2 + hex.length;
        } else this.fail(`bad escape \\${e}`);
        continue;
      }
      if ((c === '$' || c === '%') && this.src[this.pos + 1] === c && this.src[this.pos + 2] === '{') {
        out += `${c}{`;
        this.pos += 3;
        continue;
      }
      if ((c === '$' || c === '%') && this.src[this.pos + 1] === '{') {
        this.pos += 2;
        const inner = this.balanced('}');
        out += `${c}{${inner.trim().replace(/^~|~$/g, '').trim()}}`;
        continue;
      }
      out += c;
      this.pos++;
    }
  }

  /** `<<EOT` / `<<-EOT` … `EOT`: the lines verbatim (no escapes), `<<-` removing common indent. */
  private heredoc(): string {
    const m = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)\r?\n/.exec(this.src.slice(this.pos, this.pos + 200));
    if (!m) this.fail('bad heredoc');
    this.pos += m[0].length;
    const lines: string[] = [];
    for (;;) {
      if (this.pos >= this.src.length) this.fail(`heredoc ${m[2]} is not closed`);
      let end = this.src.indexOf('\n', this.pos);
      if (end < 0) end = this.src.length;
      const line = this.src.slice(this.pos, end).replace(/\r$/, '');
      if (line.trim() === m[2]) {
        this.pos += line.length;
        break;
      }
      lines.push(line);
      this.pos = end + 1;
    }
    if (m[1] === '-') {
      let indent = Infinity;
      for (const l of lines) if (l.trim()) indent = Math.min(indent, /^[ \t]*/.exec(l)![0].length);
      if (Number.isFinite(indent)) return lines.map((l) => `${l.slice(indent)}\n`).join('');
    }
    return lines.map((l) => `${l}\n`).join('');
  }

  /** Source text of a non-literal expression, up to the item's end at nesting depth 0. */
  private rawExpression(): string {
    const start = this.pos;
    let depth = 0;
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) break;
      if (depth === 0 && (this.atTerminator() || c === '\n')) break;
      if (c === '"') {
        this.template();
        continue;
      }
      if (c === '<' && this.src.startsWith('<<', this.pos) && /^<<-?[A-Za-z_]/.test(this.src.slice(this.pos, this.pos + 4))) {
        this.heredoc();
        continue;
      }
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') depth--;
      if (depth < 0) this.fail(`unexpected ${JSON.stringify(c)}`);
      // A lone `=` outside brackets starts another attribute on the same line.
      if (depth === 0 && c === '=' && !/[=!<>]/.test(this.src[this.pos - 1] ?? '') && !/[=>]/.test(this.src[this.pos + 1] ?? '')) {
        this.fail('expected a new line before another attribute');
      }
      this.pos++;
    }
    const raw = this.src.slice(start, this.pos).trim();
    if (!raw) this.fail('expected an expression');
    return raw;
  }

  /** Text up to the matching `close`, strings and nesting respected; consumes the close. */
  private balanced(close: string): string {
    const start = this.pos;
    let depth = 0;
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) this.fail('unclosed interpolation');
      if (c === '"') {
        this.template();
        continue;
      }
      if (c === '{' || c === '(' || c === '[') depth++;
      else if (c === '}' || c === ')' || c === ']') {
        if (depth === 0 && c === close) break;
        depth--;
      }
      this.pos++;
    }
    const inner = this.src.slice(start, this.pos);
    this.pos++;
    return inner;
  }

  private atTerminator(): boolean {
    const c = this.src[this.pos];
    return (
      c === undefined || c === '\n' || c === '\r' || c === ',' || c === ')' || c === ']' || c === '}' || c === '#' ||
      this.src.startsWith('//', this.pos) || this.src.startsWith('/*', this.pos)
    );
  }

  private identifier(): string {
    const start = this.pos;
    if (!IDENT_START.test(this.src[this.pos] ?? '')) this.fail(`expected a name, found ${JSON.stringify(this.src[this.pos] ?? 'end of text')}`);
    while (IDENT_PART.test(this.src[this.pos] ?? '')) this.pos++;
    return this.src.slice(start, this.pos);
  }

  /** Spaces and comments; with `newlines`, line ends too (a `#`/`//` comment always ends at one). */
  private skipSpace(newlines: boolean): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t' || (newlines && (c === '\n' || c === '\r'))) this.pos++;
      else if (c === '#' || this.src.startsWith('//', this.pos)) {
        const end = this.src.indexOf('\n', this.pos);
        this.pos = end < 0 ? this.src.length : newlines ? end + 1 : end;
      } else if (this.src.startsWith('/*', this.pos)) {
        const end = this.src.indexOf('*/', this.pos + 2);
        if (end < 0) this.fail('unclosed comment');
        this.pos = end + 2;
      } else return;
    }
  }

  private fail(message: string): never {
    const before = this.src.slice(0, this.pos);
    const line = before.split('\n').length;
    throw new HclSyntaxError(message, line, this.pos - before.lastIndexOf('\n'));
  }
}

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
