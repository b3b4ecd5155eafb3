import { describe, expect, it } from 'vitest';
import { coreTriage } from '../../functions/adapters/core-triage.js';
import type { IntakeDeps } from '../../functions/pipeline/deps.js';
import type { NotifyMessage } from '../../functions/pipeline/model.js';
import type { EnrichmentRunner } from '../../functions/pipeline/ports.js';
import { incidentView } from '../../functions/pipeline/message-view.js';
import { handleUpload, MAX_INPUTS_PER_INCIDENT } from '../../functions/pipeline/bundle-triage.js';
import { maskSecrets } from '../../functions/triage/index.js';
import { MemoryIncidentStore, MemoryObjects } from './fakes.js';

const BUCKET = 'incident-bucket';
const LINE =
  'Mar 14 09:39:01 ip-10-0-12-34 nomad[1234]: 2025-03-14T09:39:01.118Z [ERROR] client.driver_mgr.docker: failed to create container: driver=docker error="Error response from daemon: network ci-privileged not found"\n';

function deps(enrichment?: EnrichmentRunner) {
  const sent: NotifyMessage[] = [];
  const warnings: string[] = [];
  const objects = new MemoryObjects(BUCKET);
  const d: IntakeDeps = {
    store: new MemoryIncidentStore(),
    objects,
    queue: { send: (m) => (sent.push(m), Promise.resolve()) },
    triage: coreTriage,
    ...(enrichment ? { enrichment } : {}),
    mask: maskSecrets,
    settings: { installationId: 'acme-ci', bucket: BUCKET, correlationWindowMinutes: 60, retentionDays: 90 },
    clock: { now: () => new Date('2025-03-14T10:00:00Z') },
    logger: { info: () => {}, warn: (m) => warnings.push(m), error: () => {} },
  };
  return { d, sent, objects, warnings };
}

async function upload(d: IntakeDeps, objects: MemoryObjects, name: string) {
  const key = `incoming/case-42/${name}`;
  objects.set(key, LINE);
  return handleUpload({ bucket: BUCKET, key, etag: `etag-${name}`, size: LINE.length, time: '2025-03-14T09:50:00Z' }, d);
}

describe('uploads to an incident', () => {
  it('refuses the upload past the maximum visibly: on the timeline and in a notification, with the object kept', async () => {
    const { d, sent, objects } = deps();
    for (let i = 0; i < MAX_INPUTS_PER_INCIDENT; i++) expect((await upload(d, objects, `client-${i}.log`)).outcome).toBe('reported');
    sent.length = 0;
    const refused = await upload(d, objects, 'one-too-many.log');
    expect(refused).toMatchObject({ outcome: 'refused' });
    const incidentId = (refused as { incidentId: string }).incidentId;
    const incident = (await d.store.get(incidentId))!;
    expect(incident.inputs).toHaveLength(MAX_INPUTS_PER_INCIDENT);
    const entry = incident.timeline.at(-1)!;
    expect(entry.kind).toBe('input-refused');
    expect(entry.text).toContain(`s3://${BUCKET}/incoming/case-42/one-too-many.log`);
    expect(sent).toEqual([{ type: 'incident-changed', incidentId, version: entry.version, kind: 'input-refused' }]);
    expect(objects.objects.has('incoming/case-42/one-too-many.log')).toBe(true);
    const view = incidentView(incident, undefined, { bucket: BUCKET, uri: objects.uri.bind(objects), kind: 'input-refused' });
    expect(view.changeText).toMatch(/^Upload one-too-many\.log not added: the incident already holds 40 inputs/);
    // A redelivery of the same event changes nothing more.
    await upload(d, objects, 'one-too-many.log');
    expect((await d.store.get(incidentId))!.timeline.filter((t) => t.kind === 'input-refused')).toHaveLength(1);
  }, 60_000);

  it('says in the report and its reference when the AWS enrichment failed', async () => {
    const broken: EnrichmentRunner = { enrich: () => Promise.reject(new Error('AccessDenied: cloudtrail:LookupEvents')), renderMarkdown: () => undefined, highlights: () => [] };
    const { d, objects } = deps(broken);
    const outcome = await upload(d, objects, 'nomad-client.log');
    expect(outcome.outcome).toBe('reported');
    const incident = (await d.store.get((outcome as { incidentId: string }).incidentId))!;
    expect(incident.report?.enrichmentError).toBe('AccessDenied: cloudtrail:LookupEvents');
    expect(objects.text(incident.report!.markdownKey)).toContain('**AWS enrichment failed**: AccessDenied: cloudtrail:LookupEvents');
    const view = incidentView(incident, undefined, { bucket: BUCKET, uri: objects.uri.bind(objects), kind: 'report-ready' });
    expect(view.enrichment).toContain('AWS enrichment of report v1 failed: AccessDenied: cloudtrail:LookupEvents');
  });
});
