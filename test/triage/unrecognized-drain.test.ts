import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../functions/triage/bundle/limits.js';
import type { FileInfo } from '../../functions/triage/model/file-kind.js';
import { UnrecognizedCollector } from '../../functions/triage/unrecognized/collector.js';
import { Drain } from '../../functions/triage/unrecognized/drain.js';
import { maskVariables, tokensOf } from '../../functions/triage/unrecognized/mask.js';

const mine = (lines: string[]) => {
  const drain = new Drain();
  for (const line of lines) drain.add(tokensOf(line));
  return drain.templates().map((t) => [t.count, t.tokens.join(' ')]);
};

describe('masking before tokenising', () => {
  it.each([
    ['ids and addresses', 'dial tcp 10.0.12.34:5432 for alloc 8c1a2b3c-1111-4222-8333-444455556666', 'dial tcp <*> for alloc <*>'],
    ['hex, numbers, durations', 'took 1.5s (2m30s) at 0x7ffdc0 after 3 retries on deadbeef0123', 'took <*> (<*>) at <*> after <*> retries on <*>'],
    ['paths and URLs', 'open /var/lib/nomad/alloc/x/y.log: Get https://example.com/v1/a?b=c', 'open <*>: Get <*>'],
    ['timestamps', 'lease expired at 2025-03-14T09:40:12.318Z (09:40:12)', 'lease expired at <*> (<*>)'],
    ['single-token quoted values, not quoted prose', `missing key "db_password" in 'values.yaml': "could not parse the file"`, 'missing key <*> in <*>: "could not parse the file"'],
  ])('%s', (_name, input, masked) => {
    expect(maskVariables(input)).toBe(masked);
  });

  it('drops the time prefix and picks the message out of a JSON record', () => {
    expect(tokensOf('{"level":"error","ts":"2025-03-14T09:40:12.318Z","msg":"dispatch failed","error":"context canceled","task_id":"x"}')).toEqual(['dispatch', 'failed', '<*>', 'context', 'canceled']);
    expect(tokensOf('2025-03-14T09:40:12.318Z [ERROR] worker: failed')).toEqual(['worker:', 'failed']);
    expect(tokensOf('2025-03-14 09:40:12.318 ERROR 1 --- [nio-3000-exec-1] c.c.contexts.Handler           : request failed')).toEqual(['c.c.contexts.Handler:', 'request', 'failed']);
    expect(tokensOf('time="2025-03-14T09:40:12Z" level=error msg="claim failed" runner=abc')).toEqual(['msg="claim', 'failed"', 'runner=abc']);
  });

  it('caps the tokens of a line', () => {
    const tokens = tokensOf(`ERROR ${Array.from({ length: 500 }, (_, i) => `w${String.fromCharCode(97 + (i % 26))}x`).join(' ')}`);
    expect(tokens.length).toBe(40);
    expect(tokens.at(-1)).toBe('<*>');
  });
});

describe('Drain template mining', () => {
  it('groups lines that differ in variable parts and keeps different messages apart', () => {
    const templates = mine([
      '2025-03-14T09:40:12.318Z [ERROR] client.driver_mgr: failed to fingerprint driver: driver=qemu error="exec: qemu-system-x86_64: not found"',
      '2025-03-14T09:40:13.318Z [ERROR] client.driver_mgr: failed to fingerprint driver: driver=java error="exec: java: not found"',
      '2025-03-14T09:40:14.318Z [ERROR] client.driver_mgr: failed to fingerprint driver: driver=exec error="exec: unshare: not found"',
      '2025-03-14T09:40:15.318Z [ERROR] client.gc: error collecting allocation: alloc_id=8c1a2b3c-1111-4222-8333-444455556666 error="rpc error: code = Unavailable"',
      '2025-03-14T09:40:16.318Z [ERROR] client.gc: error collecting allocation: alloc_id=9d1a2b3c-1111-4222-8333-444455556666 error="rpc error: code = Unavailable"',
      'E0314 09:40:17.318412       1 proxier.go:1565] "Failed to execute iptables-restore" err="exit status 1"',
      'E0314 09:40:18.318412       1 proxier.go:1565] "Failed to execute iptables-restore" err="exit status 4"',
    ]);
    expect(templates).toEqual([
      [3, 'client.driver_mgr: failed to fingerprint driver: <*> error="exec: <*> not found"'],
      [2, 'client.gc: error collecting allocation: alloc_id=<*> error="rpc error: code = Unavailable"'],
      [2, 'proxier.go:<*>] "Failed to execute iptables-restore" err="exit status <*>"'],
    ]);
  });

  it('does not merge lines that only share the level word and masked parts', () => {
    expect(mine(['ERROR <*> database is locked', 'ERROR <*> queue is full']).length).toBe(2);
  });

  it('stops making templates at its cap and counts the lines it drops', () => {
    const drain = new Drain({ depth: 5, similarity: 0.5, maxChildren: 8, maxTemplates: 10 });
    for (let i = 0; i < 1000; i++) drain.add(['ERROR', `alpha${String.fromCharCode(97 + (i % 26))}`, word(i), word(i * 7 + 3)]);
    expect(drain.size).toBe(10);
    expect(drain.dropped).toBeGreaterThan(0);
  });
});

/** A distinct digit-free word for n, so no two generated lines share a template. */
function word(n: number): string {
  let s = '';
  for (let v = n + 1; v > 0; v = Math.floor(v / 26)) s += String.fromCharCode(97 + (v % 26));
  return s;
}

describe('queued lines', () => {
  const file = (service: string): FileInfo => ({ path: `cluster-resources/pods/logs/ns/${service}-0/c.log`, kind: 'pod-log', service, input: 'b' });
  const line = (i: number) => `2025-03-14T09:40:${String(i % 60).padStart(2, '0')}.318Z [ERROR] ledger ${word(i % 7)} failed: id=${i}`;
  const summary = (c: UnrecognizedCollector) =>
    c.results().map((r) => ({ service: r.service, lines: r.lines, locations: r.locations, templates: r.drain.templates().map((t) => [t.tokens.join(' '), t.count]) }));

  it('are mined in the order offered, whatever the queue length, before any result is read', () => {
    const lines = Array.from({ length: 1300 }, (_, i) => line(i));
    const all = new UnrecognizedCollector(DEFAULT_LIMITS, () => undefined);
    lines.forEach((text, i) => all.offer(file(i % 3 ? 'a' : 'b'), i + 1, text));
    // One line at a time: every read of the collector mines what is queued first.
    const one = new UnrecognizedCollector(DEFAULT_LIMITS, () => undefined);
    lines.forEach((text, i) => {
      one.offer(file(i % 3 ? 'a' : 'b'), i + 1, text);
      expect(one.untrackedLines).toBe(0);
    });
    expect(summary(all)).toEqual(summary(one));
    expect(summary(all).reduce((n, s) => n + s.lines, 0)).toBe(1300);
  });

  it('are part of a snapshot and of an absorbed collector', () => {
    const a = new UnrecognizedCollector(DEFAULT_LIMITS, () => undefined);
    const b = new UnrecognizedCollector(DEFAULT_LIMITS, () => undefined);
    for (let i = 0; i < 10; i++) a.offer(file('a'), i + 1, line(i));
    for (let i = 0; i < 5; i++) b.offer(file('a'), i + 1, line(i + 10));
    expect(a.snapshot().services[0]!.lines).toBe(10);
    a.absorb(b);
    expect(summary(a)[0]!.lines).toBe(15);
  });
});

describe('memory bound of the pass', () => {
  const file = (i: number): FileInfo => ({ path: `cluster-resources/pods/logs/ns/svc${i % 300}-0/c.log`, kind: 'pod-log', service: `svc${i % 300}`, input: 'b' });

  it('keeps the template count at its caps over a stream of distinct error lines (GB scale with UNRECOGNIZED_BYTES)', () => {
    const targetBytes = Number(process.env.UNRECOGNIZED_BYTES ?? 30e6);
    const collector = new UnrecognizedCollector(DEFAULT_LIMITS, () => undefined);
    let bytes = 0;
    let heapPeak = 0;
    const heapStart = process.memoryUsage().heapUsed;
    for (let i = 0; bytes < targetBytes; i++) {
      const line = `2025-03-14T09:40:12.318Z [ERROR] ${word(i)} ${word(i * 31 + 7)} ${word(i * 17 + 1)} failed on ${word(i * 13 + 5)} ${'x'.repeat(i % 40)}`;
      bytes += line.length + 1;
      collector.offer(file(i), i + 1, line);
      if (i % 50_000 === 0) heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed - heapStart);
    }
    const results = collector.results();
    expect(collector.templateCount).toBe(1000);
    expect(results.length).toBe(100);
    expect(results.every((r) => r.drain.size <= 100)).toBe(true);
    expect(collector.untrackedLines).toBeGreaterThan(0);
    expect(results.every((r) => r.locations.length <= DEFAULT_LIMITS.maxLocationsPerFinding)).toBe(true);
    expect(heapPeak).toBeLessThan(200 * 1024 * 1024);
  }, 600_000);
});
