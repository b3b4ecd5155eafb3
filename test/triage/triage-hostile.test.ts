import { describe, expect, it } from 'vitest';
import { fileInput, reportSchema, triage, type Report } from '../../functions/triage/index.js';
import {
  ESCAPING_LINKS,
  writeBinaryLogsBundle,
  writeEscapingSymlinkBundle,
  writeHugeLineBundle,
  writeManyEntriesBundle,
  writeSymlinkLoopBundle,
  writeTraversalBundle,
} from '../fixtures/hostile.js';
import { finding, tempDir } from './helpers.js';

const NOW = () => new Date('2025-03-14T10:00:00Z');

async function run(write: (dir: string) => Promise<string>): Promise<Report> {
  const report = await triage([fileInput(await write(tempDir('hostile')))], { now: NOW });
  expect(reportSchema.safeParse(report).success).toBe(true);
  return report;
}

describe('hostile bundles end in a report with a bundle-quality finding, never a crash', () => {
  it('ignores absolute and parent-directory names', async () => {
    const report = await run(writeTraversalBundle);
    const f = finding(report, 'bundle-quality.unsafe-name');
    expect(f?.data.paths).toEqual(expect.arrayContaining(['../../etc/passwd', '/etc/passwd']));
    // Only the bundle-quality finding names them; nothing was read from them.
    const elsewhere = report.findings.filter((x) => x.issueType !== 'bundle-quality').flatMap((x) => x.locations);
    expect(elsewhere.every((l) => !l.path.includes('..') && !l.path.startsWith('/'))).toBe(true);
    expect(report.bundle.stats.files).toBeGreaterThan(0);
  });

  it('never follows symlinks that leave the bundle', async () => {
    const report = await run(writeEscapingSymlinkBundle);
    expect(finding(report, 'bundle-quality.symlink-escape')?.count).toBe(ESCAPING_LINKS.length);
  });

  it('reports symlinks that loop instead of following them', async () => {
    const report = await run(writeSymlinkLoopBundle);
    const loop = finding(report, 'bundle-quality.symlink-loop');
    expect(loop).toMatchObject({ count: 2, data: { paths: ['nomad/nomad-server-0/a.log', 'nomad/nomad-server-0/b.log'] } });
    expect(loop!.evidence.map((e) => e.text)).toEqual([
      'symlink nomad/nomad-server-0/a.log does not lead to a file in the bundle',
      'symlink nomad/nomad-server-0/b.log does not lead to a file in the bundle',
    ]);
    // Neither link was read as a log.
    expect(report.findings.filter((f) => f.issueType !== 'bundle-quality')).toEqual([]);
  });

  it('skips binary data under log paths', async () => {
    const report = await run(writeBinaryLogsBundle);
    expect(finding(report, 'bundle-quality.binary-log')?.count).toBeGreaterThan(0);
  });

  it('cuts a 16 MB line inside a bundle log', async () => {
    const report = await run((dir) => writeHugeLineBundle(dir, 16_000_000));
    const long = finding(report, 'bundle-quality.long-line');
    expect(long?.count).toBe(1);
    expect(long!.evidence[0]).toMatchObject({ line: 1, text: expect.stringMatching(/longer than 1048576 bytes/) as unknown });
    expect(long!.evidence[0]!.path).toMatch(/frontend\.log$/);
  });

  it('reads tens of thousands of tiny entries with bounded work', async () => {
    const report = await run((dir) => writeManyEntriesBundle(dir, 20_000));
    expect(report.inputs[0]?.status).toBe('ok');
    expect(report.bundle.stats.files).toBeGreaterThanOrEqual(20_000);
  });
});
