/**
 * Aho-Corasick over bytes, ASCII case-folded, compiled to a full transition table: one table
 * lookup per input byte, whatever the number of literals. V8's regex engine tries each
 * alternative at each position, so a 100-literal alternation runs at ~70 MB/s here; this runs
 * several times faster and leaves the full regexes to the few candidate lines.
 */
import { CLASS_BASE, instantiateDfa, WASM_PAGE, type WasmDfa } from './wasm-dfa.js';

/** Below this many bytes one stream is as fast as two. */
const TWO_STREAMS_FROM = 4096;

export class LiteralAutomaton {
  /** next[(state << shift) | classOf[byte]]: a compact table stays in cache, a shift beats a multiply. */
  private readonly next: Uint16Array | Uint32Array;
  /** Byte → class; bytes no literal uses share class 0, letters share a class with their capital. */
  private readonly classOf: Uint8Array;
  private readonly shift: number;
  /** States at or above this number end some literal (accepting states are numbered last). */
  private readonly firstAccepting: number;

  /** The same tables in WebAssembly memory, when the state count fits u16 entries. */
  private readonly wasm: WasmDfa | undefined;
  private readonly nextBase: number = 0;
  private readonly bufferBase: number = 0;

  /** Literal ids recognised on reaching each state (own and inherited through failure links). */
  private readonly outputs: number[][];


  /** `literals[i]` gets id i; `scanLines` reports the ids found on each candidate line. */
  constructor(literals: readonly string[], options: { engine?: 'wasm' | 'js' } = {}) {
    // Classes first: each distinct folded byte of the literals gets one, in order of appearance.
    // Input is scanned as raw UTF-8 bytes; only ASCII letters are folded.
    const encoded = literals.map((literal) => Buffer.from(literal, 'utf8'));
    const classOfFolded = new Int32Array(256).fill(-1);
    // Class 1 is the newline: every state goes back to the root on it, so lines never join.
    let classCount = 2;
    let maxStates = 1;
    for (const bytes of encoded) {
      maxStates += bytes.length;
      for (const raw of bytes) {
        const b = fold(raw);
        if (classOfFolded[b]! < 0) classOfFolded[b] = classCount++;
      }
    }
    if (classCount > 255) throw new RangeError('too many distinct literal bytes');
    const classOf = new Uint8Array(256);
    for (let b = 0; b < 256; b++) classOf[b] = Math.max(0, classOfFolded[fold(b)]!);
    classOf[10] = 1;
    const shift = Math.ceil(Math.log2(classCount));
    const width = 1 << shift;
    // Trie of the case-folded literals in flat typed arrays (0 = no child: the root is nobody's
    // child); Maps per state made building this a tenth of a second for the built-in pack.
    const child = new Int32Array(maxStates * width);
    const depth = new Int32Array(maxStates);
    const accept = new Uint8Array(maxStates);
    const own = new Map<number, number[]>();
    let count = 1;
    for (const [id, bytes] of encoded.entries()) {
      let state = 0;
      for (const raw of bytes) {
        const slot = (state << shift) | classOfFolded[fold(raw)]!;
        let to = child[slot]!;
        if (to === 0) {
          to = count++;
          child[slot] = to;
          depth[to] = depth[state]! + 1;
        }
        state = to;
      }
      accept[state] = 1;
      const ids = own.get(state);
      if (ids) ids.push(id);
      else own.set(state, [id]);
    }
    const next = count < 65536 ? new Uint16Array(count * width) : new Uint32Array(count * width);
    const fail = new Int32Array(count);
    const accepting = new Uint8Array(count);
    const none: number[] = [];
    const outputs: number[][] = new Array<number[]>(count).fill(none);
    // Breadth-first: a state's row starts as a copy of its failure state's (already final) row.
    const queue = new Int32Array(count);
    let tail = 0;
    for (let c = 0; c < width; c++) {
      const to = child[c]!;
      if (to === 0) continue;
      next[c] = to;
      queue[tail++] = to;
    }
    for (let head = 0; head < tail; head++) {
      const state = queue[head]!;
      const f = fail[state]!;
      accepting[state] = accept[state] || accepting[f] ? 1 : 0;
      const mine = own.get(state);
      outputs[state] = mine ? [...mine, ...outputs[f]!] : outputs[f]!;
      next.copyWithin(state * width, f * width, f * width + width);
      const row = state << shift;
      for (let c = 0; c < width; c++) {
        const to = child[row | c]!;
        if (to === 0) continue;
        fail[to] = next[f * width + c]!;
        queue[tail++] = to;
      }
      for (let c = 0; c < width; c++) {
        const to = child[row | c]!;
        if (to !== 0) next[row | c] = to;
      }
    }
    // Renumber so accepting states come last: "is accepting" becomes one compare with
    // `firstAccepting` instead of a table load on every byte. The root stays state 0. Within
    // each group, breadth-first order keeps the shallow states, where text spends nearly all its
    // bytes, in adjacent rows that stay in cache.
    const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => accepting[a]! - accepting[b]! || depth[a]! - depth[b]! || a - b);
    const renamed = new Int32Array(count);
    order.forEach((old, index) => (renamed[old] = index));
    const table = count < 65536 ? new Uint16Array(count * width) : new Uint32Array(count * width);
    for (let old = 0; old < count; old++) {
      const row = renamed[old]! << shift;
      for (let c = 0; c < width; c++) table[row | c] = renamed[next[(old << shift) | c]!]!;
    }
    this.firstAccepting = order.findIndex((old) => accepting[old] === 1);
    if (this.firstAccepting < 0) this.firstAccepting = count;
    this.outputs = order.map((old) => outputs[old]!);
    this.classOf = classOf;
    this.shift = shift;
    if (table instanceof Uint16Array && options.engine !== 'js') {
      this.nextBase = align(CLASS_BASE + 256, 8);
      this.bufferBase = align(this.nextBase + table.byteLength, 8);
      this.wasm = instantiateDfa(this.bufferBase + WASM_PAGE);
      const heap = new Uint8Array(this.wasm.memory.buffer);
      heap.set(classOf, CLASS_BASE);
      heap.set(new Uint8Array(table.buffer, table.byteOffset, table.byteLength), this.nextBase);
    }
    this.next = table;
  }

  /**
   * Calls `onLine(start, end, lineIndex, ids)` for each line of `input` (which ends with a
   * newline) that contains a literal; `end` is the index of the line's newline and `ids` the
   * literal ids found anywhere on the line. Returns the number of newlines in `input`.
   */
  scanLines(input: Uint8Array, onLine: (start: number, end: number, lineIndex: number, ids: number[]) => void): number {
    return this.wasm ? this.scanWasm(input, this.wasm, onLine) : this.scanJs(input, onLine);
  }

  private scanWasm(input: Uint8Array, wasm: WasmDfa, onLine: (start: number, end: number, lineIndex: number, ids: number[]) => void): number {
    const length = input.length;
    const base = this.bufferBase;
    // Two streams of whole lines: the second starts after the newline nearest the middle.
    const mid = length >= TWO_STREAMS_FROM ? input.lastIndexOf(10, length >> 1) + 1 : 0;
    const outA = align(base + length, 4);
    const outB = outA + 4 * entryBound(mid);
    const need = outB + 4 * entryBound(length - mid);
    if (wasm.memory.buffer.byteLength < need) wasm.memory.grow(Math.ceil((need - wasm.memory.buffer.byteLength) / WASM_PAGE));
    const heap = wasm.memory.buffer;
    new Uint8Array(heap).set(input, base);
    const endA = wasm.lines(base, base + mid, base + mid, base + length, this.shift, this.nextBase, this.firstAccepting, outA, outB);
    const endB = wasm.endB();
    const linesA = wasm.linesA();
    const total = linesA + wasm.linesB();
    // Copied out: a callback may scan again with this automaton and overwrite the lists.
    const a = new Uint32Array(heap, outA, (endA - outA) >> 2).slice();
    const b = new Uint32Array(heap, outB, (endB - outB) >> 2).slice();
    this.eachLine(a, base, 0, onLine);
    this.eachLine(b, base, linesA, onLine);
    return total;
  }

  /** Turns one stream's entry lists (see the .wat) into `onLine` calls: no line is walked again. */
  private eachLine(entries: Uint32Array, base: number, firstLine: number, onLine: (start: number, end: number, lineIndex: number, ids: number[]) => void): void {
    const outputs = this.outputs;
    let i = 0;
    while (i < entries.length) {
      const start = (entries[i]! & 0x3fffffff) - base;
      const lineIndex = firstLine + entries[i + 1]!;
      i += 2;
      const ids: number[] = [];
      let last = -1;
      for (let entry = entries[i]!; (entry & 0x40000000) === 0; entry = entries[++i]!) {
        if (entry === last) continue;
        last = entry;
        for (const id of outputs[entry]!) if (!ids.includes(id)) ids.push(id);
      }
      const end = (entries[i]! & 0x3fffffff) - base;
      i++;
      onLine(start, end, lineIndex, ids);
    }
  }

  private scanJs(input: Uint8Array, onLine: (start: number, end: number, lineIndex: number, ids: number[]) => void): number {
    // A plain Uint8Array view keeps the element access monomorphic (Buffer is a subclass).
    const buf = new Uint8Array(input.buffer, input.byteOffset, input.length);
    const next = this.next;
    const firstAccepting = this.firstAccepting;
    const classOf = this.classOf;
    const shift = this.shift;
    const length = buf.length;
    let state = 0;
    // Newlines are counted natively between candidate lines, not byte by byte here.
    let counted = 0;
    let lines = 0;
    for (let i = 0; i < length; i++) {
      state = next[(state << shift) | classOf[buf[i]!]!]!;
      if (state >= firstAccepting) {
        const start = input.lastIndexOf(10, i) + 1;
        lines += countNewlines(input, counted, start);
        // Finish the line collecting every literal on it, so callers test only their rules.
        const ids = [...this.outputs[state]!];
        let j = i + 1;
        for (; j < length; j++) {
          const c = buf[j]!;
          if (c === 10) break;
          state = next[(state << shift) | classOf[c]!]!;
          if (state >= firstAccepting) for (const id of this.outputs[state]!) if (!ids.includes(id)) ids.push(id);
        }
        onLine(start, j, lines, ids);
        counted = start;
        // Continue at the newline (class 1 resets the state).
        i = j - 1;
        state = 0;
      }
    }
    return lines + countNewlines(input, counted, length);
  }
}

/** Room for the entry lists of `bytes` bytes of lines: n + 2 entries for a line of n bytes. */
function entryBound(bytes: number): number {
  return 2 * bytes + 8;
}

function align(value: number, to: number): number {
  return Math.ceil(value / to) * to;
}

function countNewlines(buf: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = buf.indexOf(10, from); i !== -1 && i < to; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

function fold(b: number): number {
  return b >= 65 && b <= 90 ? b + 32 : b;
}
