import { describe, expect, it } from 'vitest';
import { enrichmentPortsConfigFromEnv, intakeDepsFromEnv } from '../../functions/handlers/compose.js';
import { MissingConfigError } from '../../functions/shared/env.js';
import { incidentReport } from '../enrichment/fixtures.js';
import type { FakeAwsState } from '../enrichment/fake-aws-server.js';
import { useFakeAws } from '../enrichment/fake-aws-env.js';

const state: FakeAwsState = { decoded: {}, groups: [], hooks: {}, events: [], denied: new Set(), throttleCloudTrail: 0 };
const fakeAws = useFakeAws(state);

/** What the stack sets on the intake functions (infra/constructs/bindings.ts, enrichment-policy.ts). */
function deployedEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    BUCKET_NAME: 'incident-pipeline-bucket',
    INCIDENT_TABLE_NAME: 'incidents',
    NOTIFY_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/210987654321/notify',
    INSTALLATION_ID: 'acme-ci',
    // The fake server has no quota; the default pace (2/s) would only slow the test.
    ENRICHMENT_LOOKUP_EVENTS_PER_SECOND: '500',
    ...extra,
  };
}

const ATHENA = {
  ENRICHMENT_TRAIL_BACKEND: 'athena',
  ENRICHMENT_ATHENA_DATABASE: 'cloudtrail',
  ENRICHMENT_ATHENA_TABLE: 'trail_events',
  ENRICHMENT_ATHENA_WORKGROUP: 'primary',
  ENRICHMENT_ATHENA_OUTPUT: 's3://athena-results/incident-pipeline/',
};

describe('deployed wiring of the enrichment', () => {
  it('queries CloudTrail through Athena when the stack configures it', async () => {
    const deps = intakeDepsFromEnv(deployedEnv(ATHENA));
    fakeAws().calls.length = 0;
    await deps.enrichment!.enrich(incidentReport());
    const calls = fakeAws().calls;
    const started = calls.find((c) => c.service === 'athena' && c.action === 'StartQueryExecution');
    expect(started?.params).toMatchObject({ QueryExecutionContext: { Database: 'cloudtrail' }, WorkGroup: 'primary' });
    expect(calls.some((c) => c.service === 'cloudtrail')).toBe(false);
  });

  it('uses LookupEvents without an Athena configuration', async () => {
    const deps = intakeDepsFromEnv(deployedEnv());
    fakeAws().calls.length = 0;
    await deps.enrichment!.enrich(incidentReport());
    const calls = fakeAws().calls;
    expect(calls.some((c) => c.service === 'cloudtrail' && c.action === 'LookupEvents')).toBe(true);
    expect(calls.some((c) => c.service === 'athena')).toBe(false);
  });

  it('fails at cold start, naming the variable, when the Athena backend lacks its table', () => {
    expect(() => enrichmentPortsConfigFromEnv({ ENRICHMENT_TRAIL_BACKEND: 'athena', ENRICHMENT_ATHENA_DATABASE: 'cloudtrail' })).toThrow(MissingConfigError);
    expect(() => intakeDepsFromEnv(deployedEnv({ ENRICHMENT_TRAIL_BACKEND: 'athena' }))).toThrow(/ENRICHMENT_ATHENA_TABLE/);
  });
});
