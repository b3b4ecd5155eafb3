/** Prints the benchmark table, the ratios and the targets with pass/fail marks. */
import { formatSize } from '../fixtures/size.js';

export interface ToolResult {
  tool: string;
  seconds: number;
  peakRssBytes: number | null;
  /** CPU seconds (user + system), when measured. */
  cpuSeconds?: number | null;
  detail: string;
  error?: string;
}

export interface SizeResult {
  targetBytes: number;
  uncompressedBytes: number;
  tools: ToolResult[];
}

export interface Target {
  label: string;
  pass: boolean | null;
  detail: string;
}

const RSS_LIMIT = 200e6;
const LINEARITY_LIMIT = 1.2;

const mbPerSecond = (bytes: number, seconds: number): number => bytes / 1e6 / seconds;
const rss = (bytes: number | null): string => (bytes === null ? 'n/a' : `${(bytes / 1e6).toFixed(0)} MB`);
const tool = (r: SizeResult, name: string): ToolResult | undefined => r.tools.find((t) => t.tool === name && !t.error);

/** The whole-process command a user types, as the README documents it. */
export const DOCUMENTED = 'npm run triage';
/** Node's own gunzip of the bundle, nothing else: the practical limit for the triage. */
export const NODE_GUNZIP = 'node gunzip';
const GUNZIP_SHARE = 0.8;

/** The targets, evaluated over every size (RSS and the gunzip share at the largest). `pass: null` means not measurable. */
export function evaluateTargets(results: SizeResult[]): Target[] {
  const largestSize = Math.max(...results.map((r) => r.targetBytes));
  /** `subject` reaches `share` of `other`'s throughput (at every size, or only at the largest). */
  const per = (subject: string, other: string, share: number, label: string, largestOnly = false): Target => {
    const pairs = results.filter((r) => !largestOnly || r.targetBytes === largestSize).map((r) => [r, tool(r, subject), tool(r, other)] as const);
    const usable = pairs.filter(([, t, o]) => t && o);
    if (usable.length === 0) return { label, pass: null, detail: `no ${subject} and ${other} measurements` };
    const detail = usable.map(([r, t, o]) => `${formatSize(r.targetBytes)}: ${(o!.seconds / t!.seconds).toFixed(2)}× ${other} speed`).join('; ');
    return { label, pass: usable.every(([, t, o]) => t!.seconds * share <= o!.seconds), detail };
  };
  const targets = [
    per(DOCUMENTED, 'tar|grep', 1, `${DOCUMENTED} (whole process) throughput ≥ tar|grep`),
    per(DOCUMENTED, NODE_GUNZIP, GUNZIP_SHARE, `${DOCUMENTED} throughput ≥ ${GUNZIP_SHARE} × ${NODE_GUNZIP} at ${formatSize(largestSize)}`, true),
  ];
  const largest = results.reduce<SizeResult | undefined>((a, b) => (!a || b.targetBytes > a.targetBytes ? b : a), undefined);
  const largestTriage = largest && tool(largest, 'triage');
  targets.push(
    largestTriage?.peakRssBytes != null
      ? { label: `triage peak RSS < 200 MB at ${formatSize(largest!.targetBytes)}`, pass: largestTriage.peakRssBytes < RSS_LIMIT, detail: rss(largestTriage.peakRssBytes) }
      : { label: 'triage peak RSS < 200 MB', pass: null, detail: 'not measured' },
  );
  const triaged = results.filter((r) => tool(r, 'triage')).sort((a, b) => a.uncompressedBytes - b.uncompressedBytes);
  if (triaged.length >= 2) {
    const first = triaged[0]!;
    const last = triaged[triaged.length - 1]!;
    const perMb = (r: SizeResult): number => tool(r, 'triage')!.seconds / (r.uncompressedBytes / 1e6);
    const ratio = perMb(last) / perMb(first);
    targets.push({
      label: 'linear growth',
      pass: ratio <= LINEARITY_LIMIT,
      detail: `s/MB at ${formatSize(last.targetBytes)} ÷ s/MB at ${formatSize(first.targetBytes)} = ${ratio.toFixed(2)} (≤ ${LINEARITY_LIMIT})`,
    });
  } else {
    targets.push({ label: 'linear growth', pass: null, detail: 'needs two sizes' });
  }
  return targets;
}

export function printReport(results: SizeResult[], options: { ripgrep: boolean }, out: (line: string) => void = console.log): void {
  const header = ['size', 'tool', 'seconds', 'MB/s', 'peak RSS', 'triage time ÷ tool', 'cpu s', 'note'];
  const rows: string[][] = [];
  for (const r of results) {
    const triage = tool(r, 'triage');
    for (const t of r.tools) {
      if (t.error) {
        rows.push([formatSize(r.targetBytes), t.tool, 'FAILED', '', '', '', '', t.error]);
        continue;
      }
      const ratio = triage && t.tool !== 'triage' ? (triage.seconds / t.seconds).toFixed(2) : '';
      const cpu = t.cpuSeconds == null ? '' : t.cpuSeconds.toFixed(2);
      rows.push([formatSize(r.targetBytes), t.tool, t.seconds.toFixed(2), mbPerSecond(r.uncompressedBytes, t.seconds).toFixed(1), rss(t.peakRssBytes), ratio, cpu, t.detail]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const format = (row: string[]): string => row.map((cell, i) => (i >= 2 && i <= 6 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  out('');
  out(format(header));
  out(format(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) out(format(row));
  if (!options.ripgrep) out('(rg not on PATH: tar|rg skipped)');
  out('');
  out('MB/s = uncompressed input MB (10^6) per wall-clock second. Peak RSS: triage from --stats, others from GNU time %M (largest process).');
  out('cpu s = user + system seconds of the process tree (GNU time): steadier than wall time when the machine is busy.');
  out('');
  out('Targets');
  for (const target of evaluateTargets(results)) {
    const mark = target.pass === null ? '[n/a ]' : target.pass ? '[PASS]' : '[FAIL]';
    out(`${mark} ${target.label}: ${target.detail}`);
  }
}
