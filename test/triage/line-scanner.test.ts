import { describe, expect, it } from 'vitest';
import { LineScanner, type CandidateLine } from '../../functions/triage/scan/line-scanner.js';

type Seen = Omit<CandidateLine, 'literalIds' | 'lines'> & { lines?: number };

/** Records candidates; single lines without their line count, to keep expectations short. */
function record(hits: Seen[]) {
  return (c: CandidateLine) => {
    hits.push({ lineNo: c.lineNo, text: c.text, ...(c.lines > 1 ? { lines: c.lines } : {}) });
  };
}

function scan(chunks: string[], prefilter: RegExp | undefined, maxLineBytes = 1024) {
  const hits: Seen[] = [];
  const scanner = new LineScanner(prefilter, maxLineBytes, record(hits));
  for (const chunk of chunks) scanner.push(Buffer.from(chunk, 'latin1'));
  return { hits, stats: scanner.finish() };
}

describe('LineScanner', () => {
  it('reports 1-based line numbers of prefiltered lines and counts every line', () => {
    const { hits, stats } = scan(['ok\nERROR one\nok\nok\nERROR two\n'], /ERROR/gm);
    expect(hits.map((h) => [h.lineNo, h.text])).toEqual([
      [2, 'ERROR one'],
      [5, 'ERROR two'],
    ]);
    expect(stats.lines).toBe(5);
  });

  it('keeps line numbers right when lines and matches straddle chunk boundaries', () => {
    const text = Array.from({ length: 50 }, (_, i) => (i % 7 === 3 ? `line ${i} ERROR here` : `line ${i} fine`)).join('\n') + '\n';
    const chunks: string[] = [];
    for (let i = 0; i < text.length; i += 13) chunks.push(text.slice(i, i + 13));
    const { hits, stats } = scan(chunks, /ERROR/gm);
    expect(hits.map((h) => h.lineNo)).toEqual([4, 11, 18, 25, 32, 39, 46]);
    expect(hits.every((h) => h.text === `line ${h.lineNo - 1} ERROR here`)).toBe(true);
    expect(stats.lines).toBe(50);
  });

  it('examines a last line that has no newline', () => {
    const { hits, stats } = scan(['a\nb ERROR'], /ERROR/gm);
    expect(hits).toEqual([{ lineNo: 2, text: 'b ERROR' }]);
    expect(stats.lines).toBe(2);
  });

  it('cuts a line longer than the limit, skips its rest and goes on counting', () => {
    const long = `ERROR ${'x'.repeat(5000)}`;
    const { hits, stats } = scan(['first\n', long.slice(0, 3000), long.slice(3000), '\nafter ERROR\n'], /ERROR/gm, 1024);
    expect(hits.map((h) => h.lineNo)).toEqual([2, 3]);
    expect(hits[0]!.text.length).toBe(1024);
    expect(stats.longLines).toBe(1);
    expect(stats.firstLongLine).toBe(2);
    expect(stats.lines).toBe(3);
  });

  it('records first and last lines even without a prefilter', () => {
    const { hits, stats } = scan(['NETWORK ID   NAME\nabc   bridge\n'], undefined);
    expect(hits).toEqual([]);
    expect(stats.firstLine).toBe('NETWORK ID   NAME');
    expect(stats.lastLine).toBe('abc   bridge');
  });
});
