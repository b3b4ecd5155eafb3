import { describe, expect, it } from 'vitest';
import { LiteralAutomaton } from '../../functions/triage/scan/literal-automaton.js';

const LITERALS = ['deadline exceeded', 'infra_fail', 'Task Claim', 'no such host'];

function scan(text: Buffer, engine: 'wasm' | 'js') {
  const found: [number, number, number, number[]][] = [];
  const newlines = new LiteralAutomaton(LITERALS, { engine }).scanLines(text, (start, end, index, ids) => found.push([start, end, index, [...ids].sort()]));
  return { found, newlines };
}

/** Lines of filler around the middle of a block, where the WebAssembly scan splits it in two streams. */
function block(lines: string[]): Buffer {
  return Buffer.from(`${lines.join('\n')}\n`);
}

describe('LiteralAutomaton two-stream WebAssembly scan', () => {
  const filler = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag} ${i} ok request path=/api/v2 status=200`);

  it('reports the lines on both sides of the split, in order, with their indexes', () => {
    const lines = [...filler(60, 'a'), 'x TASK CLAIM failed', ...filler(2, 'b'), 'deadline exceeded then infra_fail', ...filler(60, 'c'), 'dial tcp: lookup db: no such host'];
    const text = block(lines);
    const wasm = scan(text, 'wasm');
    expect(wasm.found.map(([, , index]) => index)).toEqual([60, 63, 124]);
    expect(wasm.found[1]![3]).toEqual([0, 1]);
    expect(wasm).toEqual(scan(text, 'js'));
  });

  it('finds a literal on the first and the last line of each stream', () => {
    for (let at = 40; at < 90; at++) {
      const lines = filler(130, 'f');
      lines[at] = `${lines[at]} infra_fail`;
      lines[at + 1] = `deadline exceeded ${lines[at + 1]}`;
      const text = block(lines);
      const wasm = scan(text, 'wasm');
      expect(wasm.found.map(([, , index]) => index)).toEqual([at, at + 1]);
      expect(wasm).toEqual(scan(text, 'js'));
    }
  });

  it('handles a first half without a newline (one long line, then short ones)', () => {
    const text = block([`${'y'.repeat(6000)} no such host`, 'ok', 'Task claim error']);
    const wasm = scan(text, 'wasm');
    expect(wasm.found.map(([, , index]) => index)).toEqual([0, 2]);
    expect(wasm).toEqual(scan(text, 'js'));
  });

  it('lists every literal of a line once, however often and wherever it occurs on the line', () => {
    const lines = [...filler(50, 'g'), 'infra_fail infra_fail no such host infra_fail', ...filler(50, 'h'), 'no such host, infra_fail and deadline exceeded, deadline exceeded'];
    const text = block(lines);
    const wasm = scan(text, 'wasm');
    expect(wasm.found.map(([, , index, ids]) => [index, ids])).toEqual([
      [50, [1, 3]],
      [101, [0, 1, 3]],
    ]);
    expect(wasm).toEqual(scan(text, 'js'));
  });

  it('ends an unterminated last line at the end of the input', () => {
    const text = Buffer.from(`${filler(80, 'k').join('\n')}\nlast line: no such host`);
    const wasm = scan(text, 'wasm');
    expect(wasm.found).toEqual([[text.lastIndexOf(10) + 1, text.length, 80, [3]]]);
    expect(wasm).toEqual(scan(text, 'js'));
  });

  it('counts newlines of blocks without any hit, across SIMD widths and tails', () => {
    for (const size of [1, 15, 16, 17, 4095, 4096, 4097, 70_000]) {
      const text = Buffer.alloc(size, 'z');
      for (let i = 7; i < size; i += 13) text[i] = 10;
      text[size - 1] = 10;
      const expected = text.filter((b) => b === 10).length;
      expect(scan(text, 'wasm')).toEqual({ found: [], newlines: expected });
    }
  });
});
