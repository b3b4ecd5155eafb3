import { describe, expect, it } from 'vitest';
import { coreTriage } from '../../functions/adapters/core-triage.js';
import { handleUpload } from '../../functions/pipeline/bundle-triage.js';
import type { IntakeDeps } from '../../functions/pipeline/deps.js';
import { foldStateKey, inputStateKey } from '../../functions/pipeline/input-fold.js';
import { maskSecrets, triage, type Report } from '../../functions/triage/index.js';
import { bytesInput } from '../triage/helpers.js';
import { MemoryIncidentStore, MemoryObjects } from './fakes.js';

const BUCKET = 'incident-bucket';
const NOW = new Date('2025-03-14T10:00:00Z');

/** Synthetic Nomad client journal lines: a known failure, unknown errors and benign noise, varied per log. */
function clientLog(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < 30; i++) {
    const t = `2025-03-14T09:${String(10 + (n % 40)).padStart(2, '0')}:${String(i).padStart(2, '0')}.118Z`;
    lines.push(`Mar 14 09:39:01 ip-10-0-12-${n} nomad[1234]: ${t} [INFO]  client: node registration complete: node_id=${n}-${i}`);
    if (i % 3 === 0) lines.push(`Mar 14 09:39:01 ip-10-0-12-${n} nomad[1234]: ${t} [ERROR] client.driver_mgr.docker: failed to create container: driver=docker error="Error response from daemon: network ci-privileged not found"`);
    if (i % 5 === 0) lines.push(`Mar 14 09:39:01 ip-10-0-12-${n} nomad[1234]: ${t} [ERROR] client.gc: widget collection stalled: reason=busy shard=${(n + i) % 4}`);
  }
  return lines.join('\n') + '\n';
}

function setup() {
  const objects = new MemoryObjects(BUCKET);
  const d: IntakeDeps = {
    store: new MemoryIncidentStore(),
    objects,
    queue: { send: () => Promise.resolve() },
    triage: coreTriage,
    mask: maskSecrets,
    settings: { installationId: 'acme-ci', bucket: BUCKET, correlationWindowMinutes: 60, retentionDays: 90 },
    clock: { now: () => NOW },
    logger: { info: () => {}, warn: () => {}, error: () => {} },
  };
  const uploads: Array<{ name: string; body: string }> = [];
  const send = async (name: string, body: string, etag = `etag-${name}-${body.length}`) => {
    const key = `incoming/case-7/${name}`;
    objects.set(key, body);
    const outcome = await handleUpload({ bucket: BUCKET, key, etag, size: Buffer.byteLength(body), time: '2025-03-14T09:55:00Z' }, d);
    expect(outcome.outcome).toBe('reported');
    return outcome as { incidentId: string; evidenceVersion: number; reportKey: string };
  };
  return { d, objects, uploads, send };
}

/** The stored report of a version, as JSON, without the generation time. */
function storedReport(objects: MemoryObjects, key: string): Report {
  return { ...(JSON.parse(objects.text(key)!) as Report), generatedAt: 'x' };
}

async function fromScratch(inputs: Array<{ name: string; body: string }>): Promise<Report> {
  const report = await triage(inputs.map((i) => bytesInput(`case-7/${i.name}`, i.body)), { now: () => NOW });
  return { ...(JSON.parse(JSON.stringify(report)) as Report), generatedAt: 'x' };
}

describe('an incident whose inputs arrive one by one', () => {
  it('reads only the new object at every upload, and its report equals a triage of all inputs at once', async () => {
    const { objects, send } = setup();
    const inputs = Array.from({ length: 30 }, (_, n) => ({ name: `client-${n}.log`, body: clientLog(n) }));
    const inputReads: number[] = [];
    const outcomes = [];
    for (const input of inputs) {
      const before = objects.bytesRead('incoming/');
      outcomes.push(await send(input.name, input.body));
      inputReads.push(objects.bytesRead('incoming/') - before);
    }
    const last = outcomes.at(-1)!;
    expect(inputReads).toEqual(inputs.map((i) => Buffer.byteLength(i.body)));
    expect(last.evidenceVersion).toBe(30);
    expect(storedReport(objects, last.reportKey)).toEqual(await fromScratch(inputs));
    // Every earlier version too: v10 covers the first ten inputs.
    expect(storedReport(objects, `reports/${last.incidentId}/v10.json`)).toEqual(await fromScratch(inputs.slice(0, 10)));
  }, 60_000);

  it('rebuilds from the per-input states when the stored fold is missing, and re-reads an input whose state is unusable', async () => {
    const { objects, send } = setup();
    const inputs = Array.from({ length: 4 }, (_, n) => ({ name: `client-${n}.log`, body: clientLog(n) }));
    const outcomes = [];
    for (const input of inputs.slice(0, 3)) outcomes.push(await send(input.name, input.body));
    const incidentId = outcomes[0]!.incidentId;
    objects.objects.delete(foldStateKey(incidentId, 3));
    objects.set(inputStateKey(incidentId, { key: `incoming/case-7/${inputs[1]!.name}`, etag: `etag-${inputs[1]!.name}-${inputs[1]!.body.length}` }), 'not a state');
    const before = new Map(objects.reads);
    const outcome = await send(inputs[3]!.name, inputs[3]!.body);
    const readNow = (key: string) => (objects.reads.get(key) ?? 0) - (before.get(key) ?? 0);
    expect(readNow(`incoming/case-7/${inputs[0]!.name}`)).toBe(0);
    expect(readNow(`incoming/case-7/${inputs[1]!.name}`)).toBe(Buffer.byteLength(inputs[1]!.body));
    expect(readNow(`incoming/case-7/${inputs[3]!.name}`)).toBe(Buffer.byteLength(inputs[3]!.body));
    expect(storedReport(objects, outcome.reportKey)).toEqual(await fromScratch(inputs));
  }, 30_000);

  it('drops the earlier content of a key uploaded again, and reports as if only the new content had been sent', async () => {
    const { objects, send } = setup();
    await send('a.log', clientLog(1));
    await send('b.log', clientLog(2));
    const replaced = await send('a.log', clientLog(3), 'etag-new');
    expect(storedReport(objects, replaced.reportKey)).toEqual(await fromScratch([{ name: 'b.log', body: clientLog(2) }, { name: 'a.log', body: clientLog(3) }]));
  }, 30_000);
});
