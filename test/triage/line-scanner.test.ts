import { describe, expect, it } from 'vitest';
import { LineScanner, type CandidateLine } from '../../functions/triage/scan/line-scanner.js';

type Seen = Omit<CandidateLine, 'header' | 'literalIds'> & { header?: { lineNo: number; text: string } };

/** Records candidates with their header resolved during the callback, as the triage does. */
function record(hits: Seen[]) {
  return (c: CandidateLine) => {
    const header = c.header?.();
    hits.push({ lineNo: c.lineNo, text: c.text, ...(header ? { header } : {}) });
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

  it('finds the first line of the record a continuation line belongs to', () => {
    const log = [
      '2025-03-14T09:41:00.000Z [ERROR] policy_manager: encountered an error monitoring policy IDs: error=',
      '  | 1 error occurred:',
      '  | \t* failed to validate file /etc/p.hcl: policy Min must not be greater Max',
      '',
    ].join('\n');
    const { hits } = scan([log], /Min must not be greater Max/gm);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.lineNo).toBe(3);
    expect(hits[0]!.header).toEqual({ lineNo: 1, text: expect.stringContaining('encountered an error monitoring policy IDs') });
  });

  it('records first and last lines even without a prefilter', () => {
    const { hits, stats } = scan(['NETWORK ID   NAME\nabc   bridge\n'], undefined);
    expect(hits).toEqual([]);
    expect(stats.firstLine).toBe('NETWORK ID   NAME');
    expect(stats.lastLine).toBe('abc   bridge');
  });
});

describe('LineScanner record headers', () => {
  it('takes the timestamped Logback line, not the exception line, as the header of a Caused by', () => {
    const log = [
      '2025-03-14 09:39:58.120 ERROR 1 --- [grpc-3] c.c.contexts.Store : fetch failed',
      'java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.',
      '\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)',
      'Caused by: org.postgresql.util.PSQLException: FATAL: sorry, too many clients already',
      '',
    ].join('\n');
    const hits: Seen[] = [];
    const scanner = new LineScanner(/too many clients/gm, 1024, record(hits));
    scanner.push(Buffer.from(log));
    scanner.finish();
    expect(hits[0]?.lineNo).toBe(4);
    expect(hits[0]?.header).toEqual({ lineNo: 1, text: expect.stringContaining('2025-03-14 09:39:58.120 ERROR') });
  });
});
