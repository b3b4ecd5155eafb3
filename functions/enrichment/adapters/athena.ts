import {
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  type AthenaClient,
} from '@aws-sdk/client-athena';
import { AwsCallError } from '../errors.js';
import type { CloudTrailEvents, TrailEvent } from '../ports.js';
import type { TRAIL_COLUMNS} from './athena-sql.js';
import { trailQuerySql, validateAthenaConfig, type AthenaTrailConfig } from './athena-sql.js';
import { call, DEFAULT_RETRY, sleep as realSleep, withRetry, type RetryOptions, type Sleep } from './pacing.js';
import { fromRecord } from './trail-record.js';

type Column = (typeof TRAIL_COLUMNS)[number];

/**
 * CloudTrail port over the trail's S3 bucket through Athena, for accounts whose volume outgrows
 * LookupEvents. Same queries and results as the LookupEvents adapter.
 */
export function athenaTrail(
  client: AthenaClient,
  config: AthenaTrailConfig,
  options: { retry?: RetryOptions; sleep?: Sleep } = {},
): CloudTrailEvents {
  validateAthenaConfig(config);
  const retry = options.retry ?? DEFAULT_RETRY;
  const wait = options.sleep ?? realSleep;
  const pollMs = config.pollIntervalMs ?? 1_000;
  const send = <T>(action: string, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> => withRetry(() => call(action, fn), retry, signal);

  return {
    backend: 'athena',
    async lookup(query, signal) {
      const started = await send(
        'athena:StartQueryExecution',
        () =>
          client.send(
            new StartQueryExecutionCommand({
              QueryString: trailQuerySql(config, query),
              QueryExecutionContext: { Database: config.database },
              WorkGroup: config.workGroup ?? 'primary',
              ...(config.outputLocation ? { ResultConfiguration: { OutputLocation: config.outputLocation } } : {}),
            }),
            { abortSignal: signal },
          ),
        signal,
      );
      const id = started.QueryExecutionId;
      if (!id) throw new AwsCallError('athena:StartQueryExecution', 'error', 'Athena returned no QueryExecutionId');

      // Transient errors can move a query from RUNNING back to QUEUED, so poll until final.
      for (;;) {
        const status = await send('athena:GetQueryExecution', () => client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }), { abortSignal: signal }), signal);
        const state = status.QueryExecution?.Status?.State;
        if (state === 'SUCCEEDED') break;
        if (state === 'FAILED' || state === 'CANCELLED') {
          throw new AwsCallError('athena:StartQueryExecution', 'error', `query ${id} ${state}: ${status.QueryExecution?.Status?.StateChangeReason ?? 'no reason given'}`);
        }
        await wait(pollMs, signal);
      }

      const rows: Array<Partial<Record<Column, string>>> = [];
      let header: string[] | undefined;
      let token: string | undefined;
      do {
        const page = await send(
          'athena:GetQueryResults',
          () => client.send(new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: token, MaxResults: 1000 }), { abortSignal: signal }),
          signal,
        );
        for (const row of page.ResultSet?.Rows ?? []) {
          const cells = (row.Data ?? []).map((d) => d.VarCharValue);
          // The first row of the first page repeats the column names.
          if (!header) {
            header = cells.map((c) => c ?? '');
            continue;
          }
          rows.push(Object.fromEntries(header.map((h, i) => [h, cells[i]])));
        }
        token = page.NextToken;
      } while (token && rows.length <= query.maxEvents);

      return { events: rows.slice(0, query.maxEvents).map(toEvent), truncated: rows.length > query.maxEvents };
    },
  };
}

function toEvent(r: Partial<Record<Column, string>>): TrailEvent {
  const record: Record<string, unknown> = {
    readOnly: r.read_only,
    awsRegion: r.aws_region,
    errorCode: r.error_code,
    errorMessage: r.error_message,
    requestParameters: r.request_parameters,
    userIdentity: {
      type: r.identity_type,
      arn: r.identity_arn,
      principalId: r.principal_id,
      accountId: r.account_id,
      userName: r.user_name,
      sessionContext: { sessionIssuer: { arn: r.issuer_arn, userName: r.issuer_name } },
    },
  };
  const time = r.event_time ? new Date(r.event_time) : undefined;
  return {
    eventId: r.event_id ?? 'unknown',
    eventTime: time && !Number.isNaN(time.getTime()) ? time.toISOString() : (r.event_time ?? new Date(0).toISOString()),
    eventSource: r.event_source ?? 'unknown',
    eventName: r.event_name ?? 'unknown',
    userIdentity: {},
    resources: [],
    complete: true,
    ...fromRecord(record),
  };
}
