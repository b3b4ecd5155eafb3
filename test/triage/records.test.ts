import { describe, expect, it } from 'vitest';
import { LineScanner, type CandidateLine } from '../../functions/triage/scan/line-scanner.js';
import { MAX_RECORD_BYTES, MAX_RECORD_LINES } from '../../functions/triage/scan/records.js';

function scan(chunks: string[], prefilter: RegExp, maxLineBytes = 1 << 20): { hits: CandidateLine[]; lines: number } {
  const hits: CandidateLine[] = [];
  const scanner = new LineScanner(prefilter, maxLineBytes, (c) => hits.push(c));
  for (const chunk of chunks) scanner.push(Buffer.from(chunk, 'latin1'));
  return { hits, lines: scanner.finish().lines };
}

/** Every cut of the text into two chunks, so records straddle chunk boundaries at every offset. */
function everySplit(text: string): string[][] {
  return Array.from({ length: text.length - 1 }, (_, i) => [text.slice(0, i + 1), text.slice(i + 1)]);
}

const LOGBACK = [
  '2025-03-14 09:39:58.120 ERROR 1 --- [grpc-3] c.c.contexts.Store : fetch failed',
  'java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.',
  '\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)',
  '\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:197)',
  'Caused by: org.postgresql.util.PSQLException: FATAL: sorry, too many clients already',
  '\t... 12 more',
];
const VAULT = [
  'Error writing data to transit/encrypt/contexts: Error making API request.',
  '',
  'URL: PUT https://vault.circleci-server.svc.cluster.local:8200/v1/transit/encrypt/contexts',
  'Code: 403. Errors:',
  '',
  '* permission denied',
];

describe('multi-line records', () => {
  it('hands a Java exception with its Caused by chain over as one record at its first line', () => {
    const log = ['2025-03-14 09:39:57.000 INFO 1 --- [main] c.c.App : started', ...LOGBACK, '2025-03-14 09:40:00.000 INFO 1 --- [main] c.c.App : next', ''].join('\n');
    const { hits, lines } = scan([log], /too many clients|Connection is not available/gm);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ lineNo: 2, lines: LOGBACK.length, text: LOGBACK.join('\n') });
    expect(lines).toBe(LOGBACK.length + 2);
  });

  it('keeps a Vault API error block, blank lines and bullets included, as one record', () => {
    const log = ['2025-03-14T09:41:00.000Z [INFO]  before', ...VAULT, '', '2025-03-14T09:41:01.000Z [INFO]  after', ''].join('\n');
    const { hits } = scan([log], /permission denied/gm);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ lineNo: 2, text: VAULT.join('\n') });
  });

  it('finds the same record wherever the chunk boundary falls', () => {
    const log = ['2025-03-14 09:39:57.000 INFO 1 --- [main] c.c.App : started', ...LOGBACK, ...VAULT, 'plain line', ''].join('\n');
    const whole = scan([log], /too many clients|permission denied/gm);
    expect(whole.hits.map((h) => [h.lineNo, h.lines])).toEqual([
      [2, LOGBACK.length],
      [2 + LOGBACK.length, VAULT.length],
    ]);
    for (const chunks of everySplit(log)) {
      const split = scan(chunks, /too many clients|permission denied/gm);
      expect(split.hits.map((h) => [h.lineNo, h.text])).toEqual(whole.hits.map((h) => [h.lineNo, h.text]));
      expect(split.lines).toBe(whole.lines);
    }
  });

  it('does not join bullets or blank lines to records that are not Vault blocks', () => {
    const log = ['* Trying 10.0.0.1:443...', '< HTTP/1.1 503 Service Unavailable', '', '* Connection #0 left intact', ''].join('\n');
    const { hits } = scan([log], /^< HTTP|Connection #0/gm);
    expect(hits.map((h) => [h.lineNo, h.lines])).toEqual([
      [2, 1],
      [4, 1],
    ]);
  });

  it('takes an exception line as part of the record only right under a timestamped header', () => {
    const log = ['java.net.ConnectException: Connection refused', 'java.net.ConnectException: Connection refused', ''].join('\n');
    expect(scan([log], /Connection refused/gm).hits.map((h) => h.lineNo)).toEqual([1, 2]);
  });

  it('groups stack frames behind container runtime prefixes', () => {
    const log = [
      '2025-03-14T09:39:58.120000000Z stderr F 2025-03-14 09:39:58.120 ERROR 1 --- [grpc-3] c.c.Store : fetch failed',
      '2025-03-14T09:39:58.120000000Z stderr F org.postgresql.util.PSQLException: Connection to postgresql:5432 refused.',
      '2025-03-14T09:39:58.120000000Z stderr F \tat org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:319)',
      '',
    ].join('\n');
    expect(scan([log], /refused/gm).hits.map((h) => [h.lineNo, h.lines])).toEqual([[1, 3]]);
  });

  it('bounds a record in lines, so input made only of continuation lines stays flat', () => {
    const frames = Array.from({ length: MAX_RECORD_LINES * 3 }, (_, i) => `\tat frame${i}(X.java:${i}) oops`);
    const { hits, lines } = scan(['2025-03-14 09:39:58.120 ERROR boom\n', frames.join('\n') + '\n'], /oops/gm);
    expect(lines).toBe(frames.length + 1);
    expect(hits.every((h) => h.lines <= MAX_RECORD_LINES)).toBe(true);
    expect(hits[0]).toMatchObject({ lineNo: 1, lines: MAX_RECORD_LINES });
    expect(hits.reduce((n, h) => n + h.lines, 0)).toBe(frames.length + 1);
  });

  it('bounds a record in bytes', () => {
    const frame = `\tat ${'x'.repeat(1000)} oops`;
    const log = ['2025-03-14 09:39:58.120 ERROR boom', ...Array.from({ length: 150 }, () => frame), ''].join('\n');
    const { hits } = scan([log], /oops/gm);
    expect(hits.length).toBeGreaterThan(1);
    expect(hits.every((h) => h.text.length <= MAX_RECORD_BYTES)).toBe(true);
  });

  it('leaves single-line logs as single lines', () => {
    const log = Array.from({ length: 20 }, (_, i) => `2025-03-14T09:41:${String(i).padStart(2, '0')}.000Z [ERROR] failed ${i}`).join('\n') + '\n';
    const { hits } = scan([log], /failed/gm);
    expect(hits.map((h) => h.lines)).toEqual(Array.from({ length: 20 }, () => 1));
  });
});
