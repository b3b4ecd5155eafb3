import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { run } from '../../functions/cli/run.js';
import type * as enrichmentModule from '../../functions/enrichment/index.js';

type EnrichmentModule = typeof enrichmentModule;
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../triage/helpers.js';

// The enrichment itself fails unexpectedly (a bug, or an environment failure outside the steps).
vi.mock('../../functions/enrichment/index.js', async (original) => ({
  ...(await original<EnrichmentModule>()),
  enrich: () => Promise.reject(new Error('enrichment blew up')),
}));

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const err: Buffer[] = [];
  stderr.on('data', (c: Buffer) => err.push(c));
  return { io: { stdout, stderr: stderr as unknown as NodeJS.WriteStream, env: {} }, err: () => Buffer.concat(err).toString() };
}

describe('CLI exit codes around the enrichment', () => {
  const log = join(tempDir('cli-exit'), 'nomad-client.log');
  writeFileSync(log, 'Mar 14 09:39:01 ip-10-0-12-34 nomad[1234]: 2025-03-14T09:39:01.118Z [ERROR] client.driver_mgr.docker: failed to create container: driver=docker error="Error response from daemon: network ci-privileged not found"\n');

  it('exits 4 (internal) when the enrichment fails unexpectedly', async () => {
    const t = io();
    expect(await run([log, '--aws', '--region', 'us-east-1'], t.io)).toBe(4);
    expect(t.err()).toMatch(/enrichment blew up/);
  });

  it('exits 2 (usage) for a malformed region, before any AWS call', async () => {
    const t = io();
    expect(await run([log, '--aws', '--region', 'Mars-1'], t.io)).toBe(2);
    expect(t.err()).toMatch(/not a region name/);
  });
});
