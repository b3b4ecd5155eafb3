import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { run, type CliIo } from '../../functions/cli/run.js';
import { newIncident, withChange } from '../../functions/pipeline/incident.js';
import type { Incident } from '../../functions/pipeline/model.js';
import { deliverIncidentUpdate } from '../../functions/pipeline/notifier.js';
import type { ChatMessage, ObjectStore, TopicSink } from '../../functions/pipeline/ports.js';

type TopicMessage = Parameters<TopicSink['publish']>[0];
import { maskSecrets, renderMarkdown, sealReport, triage, type Report } from '../../functions/triage/index.js';
import { MemoryIncidentStore } from '../pipeline/fakes.js';
import { claim, fileOf } from '../rules/helpers.js';
import { bytesInput, tempDir } from '../triage/helpers.js';
import { leakPieces, loadSecretCorpus, unescapeOutput, type SecretEntry } from './secrets-corpus.js';

const corpus = loadSecretCorpus();
const secrets = corpus.filter((e): e is SecretEntry & { secret: string } => 'secret' in e);
const benign = corpus.filter((e): e is SecretEntry & { benign: string } => 'benign' in e);

async function cli(args: string[]): Promise<string> {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c));
  const io = { stdout, stderr: Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.WriteStream, env: {} } satisfies CliIo;
  await run([...args, '--quiet'], io);
  return Buffer.concat(chunks).toString('utf8');
}

/** The real notifier with the real Slack and Amazon Q builders, fed the stored report. */
async function messages(report: Report): Promise<{ slack: ChatMessage[]; sns: TopicMessage[] }> {
  const store = new MemoryIncidentStore();
  const opened = newIncident({ id: 'inc-0123456789ab', installationId: 'i', openedBy: 'upload', openedAt: '2025-03-14T09:40:00.000Z', folder: 'f', retentionDays: 1 });
  const incident: Incident = withChange(opened, { key: 'k1', kind: 'report-ready', at: '2025-03-14T09:41:00.000Z', text: 'report v1' }, (d) => {
    d.report = { evidenceVersion: 1, jsonKey: 'r.json', markdownKey: 'r.md', severity: report.summary.severity, headline: report.summary.headline, issueTypes: report.summary.issueTypes, findings: report.findings.length, generatedAt: report.generatedAt };
  })!;
  store.incidents.set(incident.id, incident);
  const objects: ObjectStore = { open: () => Promise.reject(new Error('unused')), putText: () => Promise.resolve(), getText: () => Promise.resolve(JSON.stringify(report)), putBytes: () => Promise.resolve(), getBytes: () => Promise.resolve(undefined), uri: (k) => `s3://b/${k}` };
  const slack: ChatMessage[] = [];
  const sns: TopicMessage[] = [];
  await deliverIncidentUpdate(
    { type: 'incident-changed', incidentId: incident.id, version: incident.version, kind: 'report-ready' },
    {
      store,
      objects,
      chat: { mode: 'webhook', post: (m) => (slack.push(m), Promise.resolve(undefined)) },
      topic: { publish: (m) => (sns.push(m), Promise.resolve()) },
      mask: maskSecrets,
      bucket: 'b',
      clock: { now: () => new Date('2025-03-14T09:42:00Z') },
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    },
  );
  return { slack, sns };
}

function leaks(secret: string, outputs: Record<string, string>): string[] {
  return Object.entries(outputs).flatMap(([name, text]) => {
    const plain = unescapeOutput(text);
    return leakPieces(secret).filter((p) => text.includes(p) || plain.includes(p)).map((p) => `${name}: ${p}`);
  });
}

describe('secrets corpus', () => {
  it('holds at least 40 kinds of fake credentials in plain, JSON, escaped-JSON and URL forms, and benign look-alikes', () => {
    expect(new Set(secrets.map((e) => e.kind)).size).toBeGreaterThanOrEqual(40);
    expect(new Set(secrets.map((e) => e.form))).toEqual(new Set(['plain', 'json', 'escaped-json', 'url']));
    expect(benign.length).toBeGreaterThanOrEqual(10);
  });

  it.each(corpus.map((e) => [e.id, e] as const))('%s sits on a line a rule claims', (_id, entry) => {
    expect(claim(fileOf(entry.where.service, entry.where.kind), entry.text)).toBeDefined();
  });
});

describe('no fake credential reaches any output', () => {
  const dir = tempDir('secrets-corpus');
  it.each(secrets.map((e) => [e.id, e.kind, e] as const))('%s (%s)', async (id, _kind, entry) => {
    const folder = join(dir, id);
    mkdirSync(folder);
    const path = join(folder, entry.where.file);
    writeFileSync(path, `${entry.text}\n`);
    const json = await cli([path, '--format', 'json']);
    const markdown = await cli([path, '--format', 'md']);
    const report = JSON.parse(json) as Report;
    // The line was claimed and its evidence kept, so the check below is about masking, not absence.
    expect(report.findings.some((f) => f.evidence.some((e) => e.text.includes('***MASKED:')))).toBe(true);
    expect(report.redactions?.length).toBeGreaterThan(0);
    const { slack, sns } = await messages(report);
    expect(slack.length).toBe(1);
    expect(sns.length).toBe(1);
    expect(leaks(entry.secret, { json, markdown, slack: JSON.stringify(slack), sns: JSON.stringify(sns) })).toEqual([]);
  });
});

describe('benign look-alikes stay intact', () => {
  it.each(benign.map((e) => [e.id, e.kind, e] as const))('%s (%s)', async (_id, _kind, entry) => {
    const report = sealReport(await triage([bytesInput(entry.where.file, `${entry.text}\n`)]));
    expect(report.findings.some((f) => f.evidence.some((e) => e.text === entry.text))).toBe(true);
    expect(unescapeOutput(renderMarkdown(report))).toContain(entry.benign);
    expect(report.redactions).toBeUndefined();
  });
});
