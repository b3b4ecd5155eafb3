/**
 * Local pipeline benchmark: a ~50 MB (compressed) support bundle from upload to report stored and
 * delivered, through the same handlers as the deployed stack (dynalite + s3rver in-process).
 *
 *   npm run bench:pipeline [-- --mb 50 --runs 3]
 *
 * The bundle is generated once into .bench-cache/; each run is measured in a fresh process so the
 * peak RSS is the pipeline's, not the generator's.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { startEmulators } from '../../functions/local/emulators.js';
import { LocalStack } from '../../functions/local/stack.js';
import type { ChatSink, TopicSink } from '../../functions/pipeline/ports.js';
import { writeBundleTarGz } from '../fixtures/bundle-generator.js';

const { values } = parseArgs({
  options: { mb: { type: 'string', default: '50' }, runs: { type: 'string', default: '3' }, measure: { type: 'string' } },
});

/** Generator output compresses about 6.6:1; aim the uncompressed size at the wanted compressed size. */
const RATIO = 6.6;

if (values.measure) {
  const result = await measure(values.measure);
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  await orchestrate();
}

async function orchestrate(): Promise<void> {
  const mb = Number(values.mb);
  const file = resolve('.bench-cache', `support-bundle-2025-03-14T09_41_07-${mb}mb.tar.gz`);
  if (!existsSync(file)) {
    mkdirSync('.bench-cache', { recursive: true });
    const started = Date.now();
    const made = await writeBundleTarGz({ variant: 'asg-typo', targetBytes: Math.round(mb * 1e6 * RATIO) }, file);
    console.error(`generated ${file}: ${(made.compressedBytes / 1e6).toFixed(1)} MB compressed, ${(made.uncompressedBytes / 1e6).toFixed(0)} MB uncompressed, ${made.entries} entries (${Date.now() - started} ms)`);
  }
  const runs: Measurement[] = [];
  for (let i = 0; i < Number(values.runs); i++) {
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, '--measure', file], { encoding: 'utf8', env: { ...process.env, POWERTOOLS_METRICS_DISABLED: 'true' } });
    const line = child.stdout.trim().split('\n').at(-1);
    if (child.status !== 0 || !line) throw new Error(`run ${i + 1} failed: ${child.stderr.slice(-2000)}`);
    runs.push(JSON.parse(line) as Measurement);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const m = runs[0]!;
  console.log(`bundle: ${(m.compressedBytes / 1e6).toFixed(1)} MB compressed, ${(m.uncompressedBytes / 1e6).toFixed(0)} MB scanned by triage; node ${process.version}; ${runs.length} runs, median`);
  console.log(`| phase | wall (s) |`);
  console.log(`|---|---|`);
  console.log(`| upload to S3 (multipart, s3rver) | ${(median(runs.map((r) => r.uploadMs)) / 1000).toFixed(2)} |`);
  console.log(`| S3 event → report stored (stream from S3, triage, write, incident) | ${(median(runs.map((r) => r.triageMs)) / 1000).toFixed(2)} |`);
  console.log(`| report → delivered (Slack + SNS) | ${(median(runs.map((r) => r.notifyMs)) / 1000).toFixed(2)} |`);
  console.log(`| **upload → delivered** | **${(median(runs.map((r) => r.totalMs)) / 1000).toFixed(2)}** |`);
  console.log(`peak RSS of the whole process (emulators included): ${median(runs.map((r) => r.peakRssMb))} MB; before the upload: ${median(runs.map((r) => r.baselineRssMb))} MB`);
  console.log(`throughput (uncompressed, S3 event → report): ${(m.uncompressedBytes / 1e6 / (median(runs.map((r) => r.triageMs)) / 1000)).toFixed(0)} MB/s`);
}

interface Measurement {
  compressedBytes: number;
  uncompressedBytes: number;
  uploadMs: number;
  triageMs: number;
  notifyMs: number;
  totalMs: number;
  peakRssMb: number;
  baselineRssMb: number;
  findings: number;
  delivered: number;
}

async function measure(file: string): Promise<Measurement> {
  const dir = mkdtempSync(join(tmpdir(), 'pipeline-bench-'));
  const emulators = await startEmulators({ s3Directory: join(dir, 's3') });
  let delivered = 0;
  const chat: ChatSink = { mode: 'bot', post: (_m, thread) => (delivered++, Promise.resolve(thread ?? { ts: '1.0', channel: 'C' })) };
  const topic: TopicSink = { publish: () => (delivered++, Promise.resolve()) };
  const stack = new LocalStack({
    endpoints: emulators,
    names: { incidentTable: 'incidents', idempotencyTable: 'idempotency', bucket: 'bench' },
    installationId: 'bench',
    chat,
    topic,
    logger: new Logger({ serviceName: 'bench', logLevel: 'SILENT' }),
    metrics: new Metrics({ serviceName: 'bench', namespace: 'Bench' }),
  });
  try {
    await stack.init();
    const baselineRssMb = Math.round(process.memoryUsage().rss / 1e6);
    const t0 = performance.now();
    const event = await stack.upload(file, 'bench-case');
    const t1 = performance.now();
    await stack.routeUploads([event]);
    const t2 = performance.now();
    await stack.drain();
    const t3 = performance.now();
    const id = await stack.store.folderIncident('bench-case');
    const incident = id ? await stack.store.get(id) : undefined;
    if (!incident?.report || delivered < 2) throw new Error('the report was not stored and delivered');
    const report = JSON.parse((await stack.objects.getText(incident.report.jsonKey)) ?? '{}') as { bundle: { stats: { bytesScanned: number } } };
    return {
      compressedBytes: statSync(file).size,
      uncompressedBytes: report.bundle.stats.bytesScanned,
      uploadMs: Math.round(t1 - t0),
      triageMs: Math.round(t2 - t1),
      notifyMs: Math.round(t3 - t2),
      totalMs: Math.round(t3 - t0),
      // resourceUsage reports kilobytes.
      peakRssMb: Math.round((process.resourceUsage().maxRSS * 1024) / 1e6),
      baselineRssMb,
      findings: incident.report.findings,
      delivered,
    };
  } finally {
    await emulators.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
