/**
 * Aho-Corasick over bytes, ASCII case-folded, compiled to a full transition table: one table
 * lookup per input byte, whatever the number of literals. V8's regex engine tries each
 * alternative at each position, so a 100-literal alternation runs at ~70 MB/s here; this runs
 * several times faster and leaves the full regexes to the few candidate lines.
 */
export class LiteralAutomaton {
  /** next[state * 256 + byte] */
  private readonly next: Uint16Array | Uint32Array;
  /** Non-zero when reaching the state means some literal ends here. */
  private readonly accepting: Uint8Array;

  /** Literal ids recognised on reaching each state (own and inherited through failure links). */
  private readonly outputs: number[][];

  /** `literals[i]` gets id i; `scanLines` reports the ids found on each candidate line. */
  constructor(literals: readonly string[]) {
    // Trie of the case-folded literals.
    const children: Map<number, number>[] = [new Map<number, number>()];
    const accept: boolean[] = [false];
    const own: number[][] = [[]];
    for (const [id, literal] of literals.entries()) {
      // Input is scanned as raw UTF-8 bytes; only ASCII letters are folded.
      let state = 0;
      for (const raw of Buffer.from(literal, 'utf8')) {
        const b = fold(raw);
        let to = children[state]!.get(b);
        if (to === undefined) {
          to = children.length;
          children.push(new Map<number, number>());
          accept.push(false);
          own.push([]);
          children[state]!.set(b, to);
        }
        state = to;
      }
      accept[state] = true;
      own[state]!.push(id);
    }
    const count = children.length;
    const next = count < 65536 ? new Uint16Array(count * 256) : new Uint32Array(count * 256);
    const fail = new Int32Array(count);
    const accepting = new Uint8Array(count);
    const outputs: number[][] = own.map(() => []);
    const setEdge = (state: number, b: number, to: number) => {
      next[state * 256 + b] = to;
      if (b >= 97 && b <= 122) next[state * 256 + b - 32] = to;
    };
    // Breadth-first: a state's row starts as a copy of its failure state's (already final) row.
    const queue: number[] = [];
    for (const [b, to] of children[0]!) {
      setEdge(0, b, to);
      queue.push(to);
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      accepting[state] = accept[state] || accepting[fail[state]!] ? 1 : 0;
      outputs[state] = [...own[state]!, ...outputs[fail[state]!]!];
      next.copyWithin(state * 256, fail[state]! * 256, fail[state]! * 256 + 256);
      for (const [b, to] of children[state]!) {
        fail[to] = next[fail[state]! * 256 + b]!;
        queue.push(to);
      }
      for (const [b, to] of children[state]!) setEdge(state, b, to);
    }
    this.next = next;
    this.accepting = accepting;
    this.outputs = outputs;
  }

  /**
   * Calls `onLine(start, end, lineIndex, ids)` for each line of `input` (which ends with a
   * newline) that contains a literal; `end` is the index of the line's newline and `ids` the
   * literal ids found anywhere on the line. Returns the number of newlines in `input`.
   */
  scanLines(input: Uint8Array, onLine: (start: number, end: number, lineIndex: number, ids: number[]) => void): number {
    // A plain Uint8Array view keeps the element access monomorphic (Buffer is a subclass).
    const buf = new Uint8Array(input.buffer, input.byteOffset, input.length);
    const next = this.next;
    const accepting = this.accepting;
    const length = buf.length;
    let state = 0;
    let lineStart = 0;
    let newlines = 0;
    for (let i = 0; i < length; i++) {
      const b = buf[i]!;
      if (b === 10) {
        newlines++;
        lineStart = i + 1;
        state = 0;
        continue;
      }
      state = next[(state << 8) | b]!;
      if (accepting[state] !== 0) {
        // Finish the line collecting every literal on it, so callers test only their rules.
        const ids = [...this.outputs[state]!];
        let j = i + 1;
        for (; j < length; j++) {
          const c = buf[j]!;
          if (c === 10) break;
          state = next[(state << 8) | c]!;
          if (accepting[state] !== 0) for (const id of this.outputs[state]!) if (!ids.includes(id)) ids.push(id);
        }
        onLine(lineStart, j, newlines, ids);
        // Continue at the newline, which the loop counts.
        i = j - 1;
        state = 0;
      }
    }
    return newlines;
  }
}

function fold(b: number): number {
  return b >= 65 && b <= 90 ? b + 32 : b;
}
