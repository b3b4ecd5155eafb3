import { AthenaClient, GetQueryExecutionCommand, GetQueryResultsCommand, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { athenaTrail } from '../../functions/enrichment/adapters/athena.js';
import { literal, TRAIL_COLUMNS, trailQuerySql, validateAthenaConfig } from '../../functions/enrichment/adapters/athena-sql.js';
import { athenaConfigFromEnv } from '../../functions/enrichment/index.js';
import { noSleep, sdkError } from './sdk-errors.js';

const config = { database: 'security', table: 'cloudtrail_logs', workGroup: 'incident', outputLocation: 's3://acme-athena-results/enrichment/' };
const query = {
  start: new Date('2025-03-13T23:40:00Z'),
  end: new Date('2025-03-14T09:51:00.500Z'),
  attribute: { key: 'Username' as const, value: "o'brien" },
  maxEvents: 100,
};

describe('trailQuerySql', () => {
  it('prunes partitions to the days of the window and filters like LookupEvents', () => {
    const sql = trailQuerySql(config, query);
    expect(sql).toContain('FROM "security"."cloudtrail_logs"');
    expect(sql).toContain(`WHERE "timestamp" BETWEEN '2025/03/13' AND '2025/03/14'`);
    expect(sql).toContain(
      `from_iso8601_timestamp(eventtime) BETWEEN from_iso8601_timestamp('2025-03-13T23:40:00Z') AND from_iso8601_timestamp('2025-03-14T09:51:00Z')`,
    );
    expect(sql).toContain(
      `(useridentity.username = 'o''brien' OR useridentity.sessioncontext.sessionissuer.username = 'o''brien' OR element_at(split(useridentity.arn, '/'), -1) = 'o''brien')`,
    );
    expect(sql).toMatch(/LIMIT 101$/);
    for (const column of TRAIL_COLUMNS) expect(sql).toContain(` AS ${column}`);
  });

  it('maps the other attributes and a custom partition column', () => {
    const base = { ...query, maxEvents: 5 };
    expect(trailQuerySql({ ...config, partitionColumn: 'day' }, { ...base, attribute: { key: 'EventName', value: 'PutRolePolicy' } })).toMatch(
      /WHERE "day" BETWEEN [\s\S]*AND eventname = 'PutRolePolicy'/,
    );
    expect(trailQuerySql(config, { ...base, attribute: { key: 'EventSource', value: 'iam.amazonaws.com' } })).toContain(`eventsource = 'iam.amazonaws.com'`);
    expect(trailQuerySql(config, { ...base, attribute: { key: 'ReadOnly', value: 'False' } })).toContain(`readonly = 'false'`);
    expect(trailQuerySql(config, { ...base, attribute: { key: 'ResourceName', value: 'p-9x8y7z6w' } })).toContain(
      `(any_match(resources, r -> r.arn = 'p-9x8y7z6w') OR strpos(requestparameters, 'p-9x8y7z6w') > 0)`,
    );
  });

  it('refuses identifiers and literals that could escape the query', () => {
    expect(() => validateAthenaConfig({ database: 'x"; DROP', table: 't' })).toThrow(/database/);
    expect(() => validateAthenaConfig({ database: 'd', table: 't', outputLocation: 'http://x' })).toThrow(/s3:\/\//);
    expect(() => literal('a\nb')).toThrow(/control characters/);
  });
});

describe('athenaConfigFromEnv', () => {
  it('defaults to LookupEvents and fails fast on an incomplete Athena setup', () => {
    expect(athenaConfigFromEnv({})).toBeUndefined();
    expect(athenaConfigFromEnv({ ENRICHMENT_ATHENA_DATABASE: 'x', ENRICHMENT_ATHENA_TABLE: 'y', ENRICHMENT_TRAIL_BACKEND: 'athena' })).toEqual({ database: 'x', table: 'y' });
    expect(() => athenaConfigFromEnv({ ENRICHMENT_TRAIL_BACKEND: 'athena', ENRICHMENT_ATHENA_DATABASE: 'x' })).toThrow(/ENRICHMENT_ATHENA_TABLE/);
    expect(() => athenaConfigFromEnv({ ENRICHMENT_TRAIL_BACKEND: 'lake' })).toThrow(/lookup-events or athena/);
  });
});

const athena = mockClient(AthenaClient);

function row(values: Array<string | undefined>): { Data: Array<{ VarCharValue?: string }> } {
  return { Data: values.map((v) => (v === undefined ? {} : { VarCharValue: v })) };
}

const HEADER = row([...TRAIL_COLUMNS]);
function eventRow(id: string): { Data: Array<{ VarCharValue?: string }> } {
  return row([
    id,
    '2025-03-14T09:40:57Z',
    'ec2.amazonaws.com',
    'RunInstances',
    'false',
    'us-east-1',
    'Client.UnauthorizedOperation',
    'You are not authorized to perform this operation.',
    'AssumedRole',
    'arn:aws:sts::210987654321:assumed-role/acme-ci-machine-provisioner/i-0abc',
    'AROAEXAMPLE:i-0abc',
    '210987654321',
    undefined,
    'arn:aws:iam::210987654321:role/acme-ci-machine-provisioner',
    'acme-ci-machine-provisioner',
    '{"instanceType":"m5.large","launchTemplateName":"acme-ci-nomad-lt"}',
  ]);
}

describe('athenaTrail', () => {
  beforeEach(() => athena.reset());

  it('starts the query, polls until it succeeds, and pages the results', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
    athena
      .on(GetQueryExecutionCommand)
      .resolvesOnce({ QueryExecution: { Status: { State: 'QUEUED' } } })
      .resolvesOnce({ QueryExecution: { Status: { State: 'RUNNING' } } })
      .resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
    athena
      .on(GetQueryResultsCommand)
      .resolvesOnce({ ResultSet: { Rows: [HEADER, eventRow('a')] }, NextToken: 'r2' })
      .resolvesOnce({ ResultSet: { Rows: [eventRow('b')] } });
    const polls: number[] = [];
    const trail = athenaTrail(new AthenaClient({ region: 'us-east-1' }), { ...config, pollIntervalMs: 250 }, { retry: noSleep, sleep: (ms) => (polls.push(ms), Promise.resolve()) });
    const page = await trail.lookup(query);
    expect(trail.backend).toBe('athena');
    expect(polls).toEqual([250, 250]);
    expect(page.truncated).toBe(false);
    expect(page.events.map((e) => e.eventId)).toEqual(['a', 'b']);
    expect(page.events[0]).toMatchObject({
      eventTime: '2025-03-14T09:40:57.000Z',
      eventName: 'RunInstances',
      readOnly: false,
      errorCode: 'Client.UnauthorizedOperation',
      userIdentity: { sessionIssuerArn: 'arn:aws:iam::210987654321:role/acme-ci-machine-provisioner' },
      resources: ['acme-ci-nomad-lt'],
    });
    const start = athena.commandCalls(StartQueryExecutionCommand)[0]!.args[0].input;
    expect(start).toMatchObject({ WorkGroup: 'incident', QueryExecutionContext: { Database: 'security' }, ResultConfiguration: { OutputLocation: config.outputLocation } });
    expect(start.QueryString).toBe(trailQuerySql(config, query));
  });

  it('says the result was cut when more rows than asked came back', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-2' });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
    athena.on(GetQueryResultsCommand).resolves({ ResultSet: { Rows: [HEADER, eventRow('a'), eventRow('b')] } });
    const trail = athenaTrail(new AthenaClient({ region: 'us-east-1' }), config, { retry: noSleep });
    await expect(trail.lookup({ ...query, maxEvents: 1 })).resolves.toMatchObject({ truncated: true, events: [{ eventId: 'a' }] });
  });

  it('reports a failed query with its reason', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-3' });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'FAILED', StateChangeReason: 'TABLE_NOT_FOUND: line 7:6: Table awsdatacatalog.security.cloudtrail_logs does not exist' } } });
    const trail = athenaTrail(new AthenaClient({ region: 'us-east-1' }), config, { retry: noSleep });
    await expect(trail.lookup(query)).rejects.toMatchObject({ kind: 'error', message: /q-3 FAILED: TABLE_NOT_FOUND/ });
  });

  it('retries throttled polls and names the missing permission when Athena denies us', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-4' });
    athena
      .on(GetQueryExecutionCommand)
      .rejectsOnce(sdkError('TooManyRequestsException', 'Rate exceeded', 400))
      .resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
    athena.on(GetQueryResultsCommand).resolves({ ResultSet: { Rows: [HEADER] } });
    const trail = athenaTrail(new AthenaClient({ region: 'us-east-1' }), config, { retry: noSleep });
    await expect(trail.lookup(query)).resolves.toEqual({ events: [], truncated: false });
    expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(2);

    athena.reset();
    athena.on(StartQueryExecutionCommand).rejects(sdkError('AccessDeniedException', 'not authorized to perform: athena:StartQueryExecution', 400));
    await expect(trail.lookup(query)).rejects.toMatchObject({ kind: 'access-denied', action: 'athena:StartQueryExecution' });
  });
});
