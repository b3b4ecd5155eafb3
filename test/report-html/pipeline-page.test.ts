import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { presignedLinker } from '../../functions/adapters/presigned-report-links.js';
import { ALARM_EVENT } from '../integration/fixtures.js';
import { useHarness } from '../integration/harness.js';

// AWS's documented example key: not a real credential.
const EXAMPLE_KEY = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

const session = useHarness();

describe('incident page in the pipeline', () => {
  it('stores v<n>.html beside the JSON and Markdown, masked, and links it from Slack and SNS', async () => {
    const linker = presignedLinker({ bucket: 'incident-uploads', region: 'us-east-1', seconds: 3600, credentials: () => Promise.resolve(EXAMPLE_KEY) });
    const h = await session.start({ overrides: { reportLinks: linker } });
    const { stack, slack } = h;
    const result = await stack.alarm(ALARM_EVENT);
    const incidentId = result.status === 'processed' && 'incidentId' in result.results[0]! ? result.results[0].incidentId : '';
    await stack.drain();
    const events = [];
    for (const file of [session.inputs().bundle, session.inputs().secretLog]) events.push(await stack.upload(file, incidentId, new Date('2025-03-14T09:44:03Z')));
    await stack.routeUploads(events);
    await stack.drain();

    const incident = (await stack.store.get(incidentId))!;
    const ref = incident.report!;
    expect(ref.htmlKey).toBe(`reports/${incidentId}/v${ref.evidenceVersion}.html`);
    const html = (await stack.objects.getText(ref.htmlKey!))!;
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'`);
    expect(html).toContain(incidentId);
    expect(html).toContain('data-deadline="met"');
    // The secrets of the uploaded log never reach the page, neither in findings nor in the ticket.
    expect(html).not.toContain('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    expect(html).not.toContain('ghp_abcdefghijklmnopqrstuvwxyz0123456789');

    // The root message, edited in place for the report.
    const slackText = JSON.stringify(slack.requests.filter((r) => r.path === '/api/chat.update').at(-1)?.body.blocks);
    expect(slackText).toContain('|Incident page> (link valid until 2');
    expect(slackText).toContain(`/reports/${incidentId}/v${ref.evidenceVersion}.html?X-Amz-Algorithm=AWS4-HMAC-SHA256`);
    const sns = h.published().at(-1)!.message.content.description;
    expect(sns).toMatch(/\*Incident page:\* https:\/\/incident-uploads\.s3\.us-east-1\.amazonaws\.com\/reports\/inc-[0-9a-f]+\/v\d\.html\?X-Amz-/);
    expect(sns).toContain('X-Amz-Expires=3600');

    // The local stack writes the same page under its data folder.
    const dataDir = mkdtempSync(join(tmpdir(), 'local-pages-'));
    const path = await stack.writePage(incidentId, dataDir);
    expect(path).toBe(join(dataDir, 'pages', incidentId, `v${ref.evidenceVersion}.html`));
    expect(readFileSync(path!, 'utf8')).toBe(html);
  });
});
