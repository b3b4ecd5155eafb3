import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { S3ObjectStore } from '../../functions/adapters/s3-object-store.js';
import { enrich, renderEnrichmentMarkdown } from '../../functions/enrichment/index.js';
import { processSqsBatch } from '../../functions/handlers/sqs-batch.js';
import { localContext } from '../../functions/local/lambda-context.js';
import { sqsEvent } from '../../functions/local/sample-events.js';
import { renderMarkdown, reportSchema, sealReport } from '../../functions/triage/index.js';
import { fakeDecoder, fakeGroups, fakeTrail, trailEvent } from '../enrichment/fake-ports.js';
import { incidentReport } from '../enrichment/fixtures.js';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';

// FAKE values in real shapes.
const VAULT = 'hvs.CAESIFakeFakeFake0123456789abcdefghijKLMNOPqrstuv';
const STRIPE = 'sk_live_51FakeFakeFakeFake0123456789abcdefABCDEF';
const AWS_PAIR_SECRET = 'Fk3v8Qm4Lp9Rt6Wz1Yb3Nc5Df7Gh0Jk2Lm4Np6QZ';

describe('enrichment text', () => {
  it('is masked in the stored report and the ticket, and escaped in its table', async () => {
    const report = incidentReport();
    const enrichment = await enrich(
      report,
      {
        sts: fakeDecoder({}),
        trail: fakeTrail([trailEvent({ eventId: 'd1', errorCode: 'AccessDenied', errorMessage: `denied for token ${VAULT} <!channel> | x` })]),
        asg: fakeGroups([]),
      },
      { now: () => new Date('2025-03-14T10:05:00Z') },
    );
    const sealed = sealReport({ ...report, enrichment });
    const json = JSON.stringify(sealed);
    const md = renderMarkdown(sealed, { sections: [renderEnrichmentMarkdown] });
    expect(JSON.stringify(enrichment)).toContain(VAULT);
    expect(json).not.toContain(VAULT);
    expect(md).not.toContain(VAULT);
    expect(md).toMatch(/denied for token \\\*\\\*\\\*MASKED:[0-9a-f]{6}\\\*\\\*\\\* &lt;!channel&gt; \\\| x/);
    expect(sealed.redactions).toContainEqual({ kind: 'vault-token', count: 1 });
    expect(reportSchema.safeParse(sealed).success).toBe(true);
  });
});

describe('S3 writes', () => {
  it('mask JSON value by value and Markdown as text, whatever the caller passed', async () => {
    const s3 = mockClient(S3Client);
    s3.on(PutObjectCommand).resolves({});
    const store = new S3ObjectStore(new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }), 'bucket');
    await store.putText('r.json', JSON.stringify({ note: `key ${STRIPE}`, nested: ['-----BEGIN PRIVATE KEY-----\nMIIEvQfake\n'] }, null, 2), 'application/json');
    await store.putText('r.md', `# Ticket\n\nAKIAZ3MF8QK2W5R7T9YB:${AWS_PAIR_SECRET}\n`, 'text/markdown; charset=utf-8');
    const [json, md] = s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input.Body as string);
    expect(json).not.toContain(STRIPE);
    expect(json).not.toContain('MIIEvQfake');
    expect(JSON.parse(json!)).toMatchObject({ note: expect.stringMatching(/^key \*\*\*MASKED:[0-9a-f]{6}\*\*\*$/) });
    expect(md).not.toContain(AWS_PAIR_SECRET);
    expect(md).toMatch(/^# Ticket/);
    s3.restore();
  });
});

describe('SQS batch logs', () => {
  it('mask the error text of a failed record', async () => {
    const lines: string[] = [];
    const logger = new Logger({ logLevel: 'INFO' });
    const capture = (...args: unknown[]) => void lines.push(JSON.stringify(args));
    logger.error = capture;
    logger.info = capture;
    logger.warn = capture;
    const out = await processSqsBatch(sqsEvent(['{}'], 'notify'), localContext('notifier'), {
      source: 'test',
      logger,
      metrics: new Metrics({ namespace: 'Test' }),
      record: () => Promise.reject(new Error(`upstream said: password=${STRIPE} Authorization: Bearer ${VAULT}`)),
    });
    expect(out.batchItemFailures).toHaveLength(1);
    expect(lines.join('\n')).toContain('record failed');
    expect(lines.join('\n')).not.toContain(STRIPE);
    expect(lines.join('\n')).not.toContain(VAULT);
  });
});
