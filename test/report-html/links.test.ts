import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { parseLinkLifetime, reportLinker, reportLinkSettingsFromEnv } from '../../functions/adapters/report-link-config.js';
import { presignedLinker } from '../../functions/adapters/presigned-report-links.js';
import type { IncidentView } from '../../functions/pipeline/message-view.js';
import { qNotification } from '../../functions/pipeline/q-notification.js';
import { consoleObjectUrl } from '../../functions/pipeline/report-link.js';
import { slackMessage } from '../../functions/pipeline/slack-message.js';

// AWS's documented example key (sigv4-query-string-auth.html): not a real credential.
const EXAMPLE_KEY = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const sm = mockClient(SecretsManagerClient);
afterEach(() => sm.reset());

describe('presigned links to the incident page', () => {
  it('match the signature of the S3 documentation example', async () => {
    // https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html: GET examplebucket/test.txt, 2013-05-24, 86400 s.
    const linker = presignedLinker({ bucket: 'examplebucket', region: 'us-east-1', seconds: 86_400, credentials: () => Promise.resolve(EXAMPLE_KEY), now: () => new Date('2013-05-24T00:00:00Z'), virtualHost: 'examplebucket.s3.amazonaws.com' });
    const link = await linker.link('test.txt');
    const url = new URL(link.url);
    expect(url.host).toBe('examplebucket.s3.amazonaws.com');
    expect(url.searchParams.get('X-Amz-Signature')).toBe('aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404');
    expect(url.searchParams.get('X-Amz-Credential')).toBe('AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request');
    expect(link).toMatchObject({ access: 'presigned', expiresAt: '2013-05-25T00:00:00.000Z' });
  });

  it('never outlive the credentials that signed them', async () => {
    const now = new Date('2025-03-14T09:45:00Z');
    const expiring = { ...EXAMPLE_KEY, sessionToken: 'token', expiration: new Date('2025-03-14T10:45:00Z') };
    const linker = presignedLinker({ bucket: 'b', region: 'eu-west-1', seconds: 7 * 86_400, credentials: () => Promise.resolve(expiring), now: () => now });
    const link = await linker.link('reports/inc-1/v1.html');
    expect(new URL(link.url).host).toBe('b.s3.eu-west-1.amazonaws.com');
    expect(new URL(link.url).searchParams.get('X-Amz-Expires')).toBe('3600');
    expect(new URL(link.url).searchParams.get('X-Amz-Security-Token')).toBe('token');
    expect(link.expiresAt).toBe('2025-03-14T10:45:00.000Z');
    const dying = presignedLinker({ bucket: 'b', region: 'eu-west-1', seconds: 3600, credentials: () => Promise.resolve({ ...expiring, expiration: new Date(now.getTime() + 30_000) }), now: () => now });
    await expect(dying.link('k')).rejects.toThrow(/expire within a minute/);
  });

  it('put a dotted bucket in the path and encode the key', async () => {
    const linker = presignedLinker({ bucket: 'my.bucket', region: 'us-east-2', seconds: 600, credentials: () => Promise.resolve(EXAMPLE_KEY) });
    const url = new URL((await linker.link('reports/a b/v1.html')).url);
    expect(url.host).toBe('s3.us-east-2.amazonaws.com');
    expect(url.pathname).toBe('/my.bucket/reports/a%20b/v1.html');
  });
});

describe('link settings', () => {
  it('default to the S3 console object URL, which needs an AWS login', async () => {
    expect(reportLinkSettingsFromEnv({})).toEqual({ mode: 'console' });
    const link = await reportLinker({ mode: 'console' }, { bucket: 'uploads', region: 'eu-west-1', secrets: new SecretsManagerClient({}) }).link('reports/inc-1/v2.html');
    expect(link).toEqual({ url: consoleObjectUrl('uploads', 'eu-west-1', 'reports/inc-1/v2.html'), access: 'aws-login' });
    expect(link.url).toBe('https://console.aws.amazon.com/s3/object/uploads?region=eu-west-1&bucketType=general&prefix=reports%2Finc-1%2Fv2.html');
  });

  it('validate the lifetime: 1 minute to 7 days', () => {
    expect(parseLinkLifetime('3600')).toBe(3600);
    expect(parseLinkLifetime('90m')).toBe(5400);
    expect(parseLinkLifetime('12h')).toBe(43_200);
    expect(parseLinkLifetime('7d')).toBe(604_800);
    for (const bad of ['8d', '604801', '30s', '0', '-1h', '1w', 'soon', '']) expect(() => parseLinkLifetime(bad)).toThrow(/REPORT_LINK_EXPIRES/);
  });

  it('refuse presigned links without a dedicated signing key, and unknown modes', () => {
    expect(() => reportLinkSettingsFromEnv({ REPORT_LINK_MODE: 'presigned' })).toThrow(/REPORT_LINK_SIGNER_SECRET_ARN/);
    expect(() => reportLinkSettingsFromEnv({ REPORT_LINK_MODE: 'public' })).toThrow(/console or presigned/);
    expect(reportLinkSettingsFromEnv({ REPORT_LINK_MODE: 'presigned', REPORT_LINK_SIGNER_SECRET_ARN: 'arn:s', REPORT_LINK_EXPIRES: '2d' })).toEqual({
      mode: 'presigned',
      signerSecretArn: 'arn:s',
      seconds: 172_800,
    });
  });

  it('sign with the key from Secrets Manager and reject temporary or malformed keys without echoing them', async () => {
    const settings = { mode: 'presigned' as const, signerSecretArn: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:links', seconds: 3600 };
    sm.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(EXAMPLE_KEY) });
    const linker = reportLinker(settings, { bucket: 'b', region: 'us-east-1', secrets: new SecretsManagerClient({ region: 'us-east-1' }) });
    const link = await linker.link('reports/inc-1/v1.html');
    expect(new URL(link.url).searchParams.get('X-Amz-Credential')).toMatch(/^AKIAIOSFODNN7EXAMPLE\//);
    await linker.link('reports/inc-1/v2.html');
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);

    sm.reset();
    sm.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ accessKeyId: 'ASIATEMPORARYKEY0000', secretAccessKey: 'not-a-real-secret-value' }) });
    const temporary = reportLinker(settings, { bucket: 'b', region: 'us-east-1', secrets: new SecretsManagerClient({ region: 'us-east-1' }) });
    const error = (await temporary.link('k').then(
      () => new Error('no error'),
      (e: unknown) => e as Error,
    ));
    expect(error.message).toMatch(/long-lived IAM user key/);
    expect(error.message).not.toContain('not-a-real-secret-value');
  });
});

describe('the page link in messages', () => {
  const base: IncidentView = {
    incidentId: 'inc-0123456789ab',
    version: 2,
    kind: 'report-ready',
    status: 'open',
    severity: 'critical',
    headline: 'ASG not found',
    issueTypes: ['nomad-autoscaler'],
    reportVersion: 1,
    reportUri: 's3://b/reports/inc-0123456789ab/v1.md',
    findings: [],
    moreFindings: 0,
    enrichment: [],
    nextSteps: [],
    changeText: 'Report v1',
    openedAt: '2025-03-14T09:33:12.109Z',
    messagesSoFar: 0,
  };
  const consoleUrl = consoleObjectUrl('uploads', 'eu-west-1', 'reports/inc-0123456789ab/v1.html');

  it('says the console link needs an AWS login, and keeps the URL intact for Slack', () => {
    const view = { ...base, reportPage: { url: consoleUrl, access: 'aws-login' as const } };
    const slack = JSON.stringify(slackMessage(view, 'bot').blocks);
    expect(slack).toContain(`<${consoleUrl.replace(/&/g, '&amp;')}|Incident page> (AWS console login required)`);
    expect(qNotification(view).content.description).toContain(`*Incident page:* ${consoleUrl} (AWS console login required)`);
  });

  it('says until when a presigned link works, and has no link without a page', () => {
    const view = { ...base, reportPage: { url: 'https://b.s3.amazonaws.com/k?X-Amz-Expires=60', access: 'presigned' as const, expiresAt: '2025-03-15T09:00:00.000Z' } };
    expect(qNotification(view).content.description).toContain('(valid until 2025-03-15T09:00:00.000Z)');
    expect(JSON.stringify(slackMessage(view, 'webhook').blocks)).toContain('link valid until 2025-03-15T09:00:00.000Z');
    expect(JSON.stringify(slackMessage(base, 'bot').blocks)).not.toContain('Incident page');
    expect(qNotification(base).content.description).not.toContain('Incident page');
  });
});
