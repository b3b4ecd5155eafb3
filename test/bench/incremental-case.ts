/**
 * Bench case of incremental incidents: one incident receives `uploads` extra logs one by one
 * through the upload domain on the local emulators (s3rver, dynalite), as the deployed Lambda
 * would. For each upload it records the wall and CPU time from the S3 event to the stored report
 * and the bytes read from the bucket (input objects and stored triage states), and prints the
 * 1st against the last upload (target: the last within 1.5× of the first, reading only its own
 * input), with a from-scratch triage of all the logs for comparison.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { coreTriage } from '../../functions/adapters/core-triage.js';
import { S3ObjectStore } from '../../functions/adapters/s3-object-store.js';
import { createResources, emulatorClients, startEmulators } from '../../functions/local/emulators.js';
import { LocalIncidentStore } from '../../functions/local/local-incident-store.js';
import { handleUpload } from '../../functions/pipeline/bundle-triage.js';
import type { IntakeDeps } from '../../functions/pipeline/deps.js';
import type { ObjectStore } from '../../functions/pipeline/ports.js';
import { maskSecrets, triage } from '../../functions/triage/index.js';
import { formatSize } from '../fixtures/size.js';

const JOURNAL = resolve(import.meta.dirname, '../../events/logs/nomad-client-journal.log');
const WITHIN = 1.5;

/** Counts the bytes the domain reads, by prefix: `incoming/` objects and `triage-state/` objects. */
class CountingObjects implements ObjectStore {
  readonly read = new Map<string, number>();
  constructor(private readonly inner: ObjectStore) {}
  private count(key: string, n: number): void {
    const prefix = key.split('/')[0]!;
    this.read.set(prefix, (this.read.get(prefix) ?? 0) + n);
  }
  async open(key: string): Promise<Readable> {
    const stream = await this.inner.open(key);
    stream.on('data', (chunk: Buffer) => this.count(key, chunk.length));
    return stream;
  }
  putText(key: string, body: string, contentType: string): Promise<void> {
    return this.inner.putText(key, body, contentType);
  }
  async getText(key: string): Promise<string | undefined> {
    const text = await this.inner.getText(key);
    if (text !== undefined) this.count(key, Buffer.byteLength(text));
    return text;
  }
  putBytes(key: string, body: Uint8Array, contentType: string): Promise<void> {
    return this.inner.putBytes(key, body, contentType);
  }
  async getBytes(key: string): Promise<Buffer | undefined> {
    const bytes = await this.inner.getBytes(key);
    if (bytes) this.count(key, bytes.length);
    return bytes;
  }
  uri(key: string): string {
    return this.inner.uri(key);
  }
}

/** A Nomad client journal of about `bytes`: the sample journal repeated, host names varied per log so no two logs share a line. */
export function clientJournal(n: number, bytes: number): string {
  const sample = readFileSync(JOURNAL, 'utf8').split('\n').filter((l) => l && !l.startsWith('--'));
  const out: string[] = [];
  let size = 0;
  for (let copy = 0; size < bytes; copy++) {
    for (const line of sample) {
      const varied = line.replace(/ip-10-0-12-34/g, `ip-10-${n}-${copy % 250}-34`);
      out.push(varied);
      size += varied.length + 1;
    }
  }
  return out.join('\n') + '\n';
}

export interface UploadStep {
  upload: number;
  wallMs: number;
  cpuMs: number;
  inputBytes: number;
  stateBytes: number;
  ownBytes: number;
}

export interface IncrementalCaseResult {
  steps: UploadStep[];
  scratchWallMs: number;
  scratchBytes: number;
}

export async function runIncrementalCase(uploads: number, logBytes: number): Promise<IncrementalCaseResult> {
  const dir = mkdtempSync(join(tmpdir(), 'incremental-bench-'));
  const emulators = await startEmulators({ s3Directory: join(dir, 's3') });
  try {
    const clients = emulatorClients(emulators);
    const names = { incidentTable: 'incidents', idempotencyTable: 'idempotency', bucket: 'bench' };
    await createResources(clients, names);
    const objects = new CountingObjects(new S3ObjectStore(clients.s3, names.bucket));
    const deps: IntakeDeps = {
      store: new LocalIncidentStore(DynamoDBDocumentClient.from(clients.dynamodb, { marshallOptions: { removeUndefinedValues: true } }), names.incidentTable),
      objects,
      queue: { send: () => Promise.resolve() },
      triage: coreTriage,
      mask: maskSecrets,
      settings: { installationId: 'bench', bucket: names.bucket, correlationWindowMinutes: 60, retentionDays: 90 },
      clock: { now: () => new Date() },
      logger: { info: () => {}, warn: () => {}, error: () => {} },
    };
    const logs = Array.from({ length: uploads }, (_, n) => clientJournal(n, logBytes));
    const steps: UploadStep[] = [];
    for (const [n, body] of logs.entries()) {
      const key = `incoming/bench-case/client-${n}.log`;
      const put = await clients.s3.send(new PutObjectCommand({ Bucket: names.bucket, Key: key, Body: body }));
      objects.read.clear();
      const cpu = process.cpuUsage();
      const t0 = performance.now();
      const outcome = await handleUpload({ bucket: names.bucket, key, etag: put.ETag ?? `e${n}`, size: Buffer.byteLength(body), time: new Date().toISOString() }, deps);
      const wallMs = performance.now() - t0;
      const used = process.cpuUsage(cpu);
      if (outcome.outcome !== 'reported') throw new Error(`upload ${n + 1}: ${outcome.outcome}`);
      steps.push({ upload: n + 1, wallMs, cpuMs: (used.user + used.system) / 1000, inputBytes: objects.read.get('incoming') ?? 0, stateBytes: objects.read.get('triage-state') ?? 0, ownBytes: Buffer.byteLength(body) });
    }
    // What the last upload would cost if every input were triaged again (the design before).
    const t0 = performance.now();
    await triage(logs.map((body, n) => ({ name: `client-${n}.log`, kind: 'stream' as const, open: () => Promise.resolve(Readable.from([Buffer.from(body)])) })));
    const scratchWallMs = performance.now() - t0;
    return { steps, scratchWallMs, scratchBytes: logs.reduce((a, b) => a + Buffer.byteLength(b), 0) };
  } finally {
    await emulators.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printIncrementalCase(result: IncrementalCaseResult): boolean {
  const { steps } = result;
  const first = steps[0]!;
  const last = steps.at(-1)!;
  // The first upload also pays one-time costs (rule compilation, table warm-up): compare with the median of uploads 2-4 too.
  const early = steps.slice(1, 4).map((s) => s.wallMs).sort((a, b) => a - b)[1] ?? first.wallMs;
  const ratio = last.wallMs / first.wallMs;
  const onlyOwn = last.inputBytes === last.ownBytes;
  console.log('');
  console.log(`Incremental incident: ${steps.length} extra logs of ${formatSize(first.ownBytes)} uploaded one by one (local emulators, in-process; S3 event → report stored):`);
  console.log('| upload | wall ms | CPU ms | input bytes read | own input bytes | triage-state bytes read |');
  console.log('|---|---|---|---|---|---|');
  for (const s of [first, ...steps.slice(1, 4), last]) {
    console.log(`| ${s.upload} | ${s.wallMs.toFixed(0)} | ${s.cpuMs.toFixed(0)} | ${s.inputBytes} | ${s.ownBytes} | ${s.stateBytes} |`);
  }
  console.log(`  last vs first upload: ${ratio.toFixed(2)}× wall (target ≤ ${WITHIN}×) ${ratio <= WITHIN ? 'OK' : 'MISSED'}; last vs uploads 2-4 (median): ${(last.wallMs / early).toFixed(2)}×`);
  console.log(`  last upload reads only its own input: ${onlyOwn ? 'yes' : `no (${last.inputBytes} of ${last.ownBytes})`}`);
  console.log(`  for comparison, triaging all ${steps.length} logs from scratch: ${result.scratchWallMs.toFixed(0)} ms, ${result.scratchBytes} input bytes`);
  return ratio <= WITHIN && onlyOwn;
}
