import { describe, expect, it } from 'vitest';
import { awsEnrichmentRunner } from '../../functions/adapters/enrichment-runner.js';
import type { EnrichmentPorts } from '../../functions/enrichment/index.js';
import type { EnrichmentRunner } from '../../functions/pipeline/ports.js';
import { REAL_ASG_NAME, TYPO_ASG_NAME } from '../fixtures/bundle-generator.js';
import { useHarness } from './harness.js';
import { ALARM_EVENT } from './fixtures.js';

const session = useHarness();

/** AWS as the enrichment's ports see it: only the real ASG exists, CloudTrail is quiet. */
function fakeAws(described: string[][]): EnrichmentPorts {
  const real = { name: REAL_ASG_NAME, minSize: 0, maxSize: 10, desiredCapacity: 0, instances: 0, suspendedProcesses: [], tags: { 'circleci-server': 'true' } };
  return {
    sts: { decode: () => Promise.reject(new Error('no messages expected')) },
    trail: { backend: 'lookup-events', lookup: () => Promise.resolve({ events: [], truncated: false }) },
    asg: {
      describe: (names) => {
        described.push(names);
        return Promise.resolve(names.includes(REAL_ASG_NAME) ? [real] : []);
      },
      list: () => Promise.resolve({ groups: [real], truncated: false }),
      lifecycleHooks: () => Promise.resolve([]),
      instanceRefreshes: () => Promise.resolve([]),
    },
  };
}

describe('alarm-time enrichment', () => {
  it('sends the checklist first, then checks the ASG of the last policy seen and adds the result to the thread', async () => {
    const described: string[][] = [];
    const h = await session.start({ overrides: { enrichment: awsEnrichmentRunner(fakeAws(described), { circleciRoleNames: ['circleci-nomad-autoscaler'] }) } });
    // An earlier bundle of the installation carried the autoscaler policy (with the typo).
    await h.stack.routeUploads([await h.stack.upload(session.inputs().bundle, 'earlier-case', new Date('2025-03-10T12:00:00Z'))]);
    await h.stack.drain();
    described.length = 0;
    const before = h.slack.requests.length;

    const result = await h.stack.alarm(ALARM_EVENT);
    const incidentId = result.status === 'processed' && 'incidentId' in result.results[0]! ? result.results[0].incidentId : '';
    const queued = h.stack.queue.take();
    expect(queued.map((m) => m.kind)).toEqual(['opened', 'enrichment-added']);
    for (const m of queued) await h.stack.queue.send(m);
    await h.stack.drain();

    expect(described.flat()).toContain(TYPO_ASG_NAME);
    const incident = await h.stack.store.get(incidentId);
    expect(incident?.enrichment?.highlights.join('\n')).toContain(`"${TYPO_ASG_NAME}"`);
    expect(incident?.enrichment?.highlights.join('\n')).toContain(`closest existing: ${REAL_ASG_NAME}`);
    const sent = h.slack.requests.slice(before);
    expect(sent[0]!.path).toBe('/api/chat.postMessage');
    // Both changes were queued before the notifier ran, so one message may carry both.
    expect(JSON.stringify(sent.map((r) => r.body))).toContain('does not exist');
    expect(JSON.stringify(sent.map((r) => r.body))).toContain('Collect before 09:43 UTC');
    expect(await h.stack.latestMarkdown(incidentId)).toContain('Collect now');
  });

  it('a failing enrichment still leaves the checklist out and says the enrichment failed', async () => {
    const broken: EnrichmentRunner = {
      enrich: () => Promise.reject(new Error('AccessDenied: cloudtrail:LookupEvents')),
      renderMarkdown: () => undefined,
      highlights: () => [],
    };
    const h = await session.start({ overrides: { enrichment: broken } });
    await h.stack.alarm(ALARM_EVENT);
    await h.stack.drain();
    const incident = (await h.stack.store.list(1))[0]!;
    expect(incident.enrichment?.error).toContain('AccessDenied');
    expect(h.slack.posts()[0]!.path).toBe('/api/chat.postMessage');
    expect(JSON.stringify(h.slack.requests.map((r) => r.body))).toContain('AWS enrichment failed');
  });
});
