import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../functions/cli/run.js';
import { writeGzipOfNonTar, writeNotGzipBundle, writeTruncatedBundle } from '../fixtures/hostile.js';
import { tempDir } from '../triage/helpers.js';
import { sampleInputs } from './sample.js';

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough() as unknown as NodeJS.WriteStream;
  const out: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  (stderr as unknown as PassThrough).resume();
  return { io: { stdout, stderr, env: {} }, out: () => Buffer.concat(out).toString() };
}

describe('incident-triage --format html', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('cli-html');
  });

  it('writes the sample incident page to --out, with the alarm and the missed deadline', async () => {
    const out = join(dir, 'r.html');
    const t = io();
    expect(await run([...sampleInputs(), '--format', 'html', '--out', out, '--alarm-time', '2025-03-14T09:30:00Z', '--quiet'], t.io)).toBe(0);
    expect(t.out()).toBe('');
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('data-deadline="missed"');
    expect(html).toContain('given with --alarm-time at 2025-03-14 09:30:00 UTC');
    expect(html).toContain('<textarea id="ticket-markdown"');
  });

  it('still writes the page when no input could be read (exit 3), saying why', async () => {
    const empty = join(dir, 'empty.log');
    writeFileSync(empty, '');
    const t = io();
    expect(await run([empty, '--format', 'html', '--quiet'], t.io)).toBe(3);
    expect(t.out()).toContain('No known CircleCI Server failure pattern matched.');
    expect(t.out()).toContain('empty.log (unusable)');
  });

  it('renders hostile inputs: broken archives beside a log line full of markup and control characters', async () => {
    const log = join(dir, 'nomad-autoscaler.log');
    writeFileSync(
      log,
      '2025-03-14T09:38:47.118Z [ERROR] policy_manager.policy_handler: failed to describe AWS Autoscaling Group: expected 1 Autoscaling Group, got 0: policy_id=<script>alert(1)</script>\u202e<img src=x onerror=alert(2)>\u0007\n',
    );
    // The log first: its line is then among the evidence lines the finding keeps.
    const inputs = [log, await writeNotGzipBundle(dir), await writeTruncatedBundle(dir), await writeGzipOfNonTar(dir)];
    const out = join(dir, 'hostile.html');
    expect(await run([...inputs, '--format', 'html', '--out', out, '--quiet'], io().io)).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('policy_id=&lt;script>alert(1)&lt;/script><span class="ctl" title="control character">\\u202E</span>&lt;img src=x onerror=alert(2)>');
    expect(html.match(/<script/g)).toHaveLength(1);
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(html).not.toMatch(/[\u202e\u0007]/);
    expect(html).toContain('not-gzip.tar.gz');
  });
});
