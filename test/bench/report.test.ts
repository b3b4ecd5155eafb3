import { describe, expect, it } from 'vitest';
import { parseSize } from '../fixtures/size.js';
import { evaluateTargets, printReport, type SizeResult, type ToolResult } from './report.js';
import { parseStatsLine } from './triage-stats.js';

const t = (tool: string, seconds: number, peakRssBytes: number | null = null, error?: string): ToolResult => ({ tool, seconds, peakRssBytes, detail: '', ...(error ? { error } : {}) });

const size = (mb: number, triage: number, nodeGunzip: number, grep: number, rss = 120e6): SizeResult => ({
  targetBytes: mb * 1e6,
  uncompressedBytes: mb * 1e6,
  tools: [t('triage', triage * 0.95, rss), t('npm run triage', triage, null), t('node gunzip', nodeGunzip, 40e6), t('tar|grep', grep, 4e6)],
});

describe('evaluateTargets', () => {
  it('passes when the documented command beats grep, keeps 0.8 of Node gunzip speed at the largest size, stays under 200 MB and grows linearly', () => {
    // 0.5 of gunzip's speed at 200 MB does not count: the share is judged at the largest size.
    const targets = evaluateTargets([size(200, 1.0, 0.5, 1.1), size(1000, 5.1, 4.2, 5.5, 150e6)]);
    expect(targets.map((x) => [x.label, x.pass])).toEqual([
      ['npm run triage (whole process) throughput ≥ tar|grep', true],
      ['npm run triage throughput ≥ 0.8 × node gunzip at 1.00 GB', true],
      ['triage peak RSS < 200 MB at 1.00 GB', true],
      ['linear growth', true],
    ]);
  });

  it('fails each target on its own condition', () => {
    const targets = evaluateTargets([size(200, 1.0, 0.4, 0.9), size(1000, 7.0, 5.5, 4.0, 250e6)]);
    expect(targets.map((x) => x.pass)).toEqual([false, false, false, false]);
    expect(targets[3]!.detail).toContain('1.40');
  });

  it('reports n/a instead of guessing when a measurement is missing', () => {
    const one: SizeResult = { targetBytes: 20e6, uncompressedBytes: 20e6, tools: [t('triage', 1, null), t('node gunzip', 1, null, 'exit 1')] };
    const targets = evaluateTargets([one]);
    expect(targets.map((x) => x.pass)).toEqual([null, null, null, null]);
  });
});

describe('printReport', () => {
  it('prints one row per tool with ratios and marks failures', () => {
    const lines: string[] = [];
    const failed: SizeResult = { targetBytes: 20e6, uncompressedBytes: 20e6, tools: [t('triage', 2, 90e6), t('gunzip', 0.5, 3e6), t('tar|grep', 1, null, 'exit 2: grep: bad pattern')] };
    printReport([failed], { ripgrep: false }, (l) => lines.push(l));
    const gunzip = lines.find((l) => l.includes('gunzip'))!;
    expect(gunzip).toMatch(/0\.50\s+40\.0\s+3 MB\s+4\.00/);
    expect(lines.find((l) => l.includes('tar|grep'))).toContain('FAILED');
    expect(lines).toContain('(rg not on PATH: tar|rg skipped)');
    expect(lines.some((l) => l.startsWith('[n/a ] linear growth'))).toBe(true);
  });
});

describe('parseStatsLine', () => {
  it('takes the last {"stats" line and ignores other stderr', () => {
    const stderr = ['warning: something', '{"stats":{"maxRssBytes":1,"wallMs":5}}', 'noise', '{"stats":{"maxRssBytes":104857600,"bytesScanned":42,"wallMs":900}}', ''].join('\n');
    expect(parseStatsLine(stderr)).toEqual({ maxRssBytes: 104857600, bytesScanned: 42, wallMs: 900 });
  });

  it('returns null without a stats line or with broken JSON', () => {
    expect(parseStatsLine('error: unusable input\n')).toBeNull();
    expect(parseStatsLine('{"stats":{"max\n')).toBeNull();
  });
});

describe('parseSize', () => {
  it.each([
    ['200MB', 200_000_000],
    ['1GB', 1_000_000_000],
    ['512KiB', 524_288],
    ['1.5 GiB', 1_610_612_736],
    ['3000', 3000],
  ])('%s = %d bytes', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it('rejects unknown units', () => {
    expect(() => parseSize('12 parsecs')).toThrow(/not a size/);
  });
});
