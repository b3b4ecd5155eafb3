import type { TrailQuery } from '../ports.js';

/** Where the CloudTrail table lives; the table uses partition projection on a date column. */
export interface AthenaTrailConfig {
  database: string;
  table: string;
  /** Athena workgroup; default `primary`. */
  workGroup?: string;
  /** `s3://…` for query results, unless the workgroup sets one. */
  outputLocation?: string;
  /** Projected partition column, format `yyyy/MM/dd`; default `timestamp`. */
  partitionColumn?: string;
  /** Delay between query status polls; default 1,000 ms. */
  pollIntervalMs?: number;
}

const IDENTIFIER = /^[A-Za-z0-9_]{1,255}$/;

/** Fails fast on configuration that would produce invalid or injectable SQL. */
export function validateAthenaConfig(config: AthenaTrailConfig): AthenaTrailConfig {
  for (const [key, value] of [
    ['database', config.database],
    ['table', config.table],
    ['partitionColumn', config.partitionColumn ?? 'timestamp'],
  ] as const) {
    if (!IDENTIFIER.test(value)) throw new Error(`Athena trail config: ${key} "${value}" must be letters, digits and underscores`);
  }
  if (config.outputLocation !== undefined && !/^s3:\/\/[^/\s]+/.test(config.outputLocation)) {
    throw new Error(`Athena trail config: outputLocation "${config.outputLocation}" must be an s3:// URI`);
  }
  if (config.workGroup !== undefined && !/^[A-Za-z0-9._-]{1,128}$/.test(config.workGroup)) {
    throw new Error(`Athena trail config: workGroup "${config.workGroup}" is not a valid workgroup name`);
  }
  return config;
}

/** Result columns, in order; the runner maps rows back by these names. */
export const TRAIL_COLUMNS = [
  'event_id',
  'event_time',
  'event_source',
  'event_name',
  'read_only',
  'aws_region',
  'error_code',
  'error_message',
  'identity_type',
  'identity_arn',
  'principal_id',
  'account_id',
  'user_name',
  'issuer_arn',
  'issuer_name',
  'request_parameters',
] as const;

/**
 * The SQL equivalent of one LookupEvents query over the CloudTrail S3 table. The partition
 * predicate keeps the scan to the days of the window; `Username` matches like event history does
 * (user name or session name) and also the role behind a session.
 */
export function trailQuerySql(config: AthenaTrailConfig, query: TrailQuery): string {
  validateAthenaConfig(config);
  const partition = config.partitionColumn ?? 'timestamp';
  const { key, value } = query.attribute;
  const v = literal(value);
  const attribute: Record<TrailQuery['attribute']['key'], string> = {
    Username: `(useridentity.username = ${v} OR useridentity.sessioncontext.sessionissuer.username = ${v} OR element_at(split(useridentity.arn, '/'), -1) = ${v})`,
    EventName: `eventname = ${v}`,
    EventSource: `eventsource = ${v}`,
    ReadOnly: `readonly = ${literal(value.toLowerCase())}`,
    // Event history's ResourceName matches the record's resources or the names in its request.
    ResourceName: `(any_match(resources, r -> r.arn = ${v}) OR strpos(requestparameters, ${v}) > 0)`,
  };
  return [
    'SELECT eventid AS event_id, eventtime AS event_time, eventsource AS event_source, eventname AS event_name,',
    '  readonly AS read_only, awsregion AS aws_region, errorcode AS error_code, errormessage AS error_message,',
    '  useridentity.type AS identity_type, useridentity.arn AS identity_arn, useridentity.principalid AS principal_id,',
    '  useridentity.accountid AS account_id, useridentity.username AS user_name,',
    '  useridentity.sessioncontext.sessionissuer.arn AS issuer_arn, useridentity.sessioncontext.sessionissuer.username AS issuer_name,',
    '  requestparameters AS request_parameters',
    `FROM "${config.database}"."${config.table}"`,
    `WHERE "${partition}" BETWEEN ${literal(day(query.start))} AND ${literal(day(query.end))}`,
    `  AND from_iso8601_timestamp(eventtime) BETWEEN from_iso8601_timestamp(${literal(iso(query.start))}) AND from_iso8601_timestamp(${literal(iso(query.end))})`,
    `  AND ${attribute[key]}`,
    'ORDER BY eventtime DESC',
    // One row more than asked tells whether the result was cut.
    `LIMIT ${Math.max(1, Math.floor(query.maxEvents)) + 1}`,
  ].join('\n');
}

/** A SQL string literal; quotes are doubled, control characters refused. */
export function literal(value: string): string {
  if ([...value].some((c) => c.charCodeAt(0) < 0x20)) throw new Error('SQL literal contains control characters');
  return `'${value.replace(/'/g, "''")}'`;
}

function day(d: Date): string {
  return d.toISOString().slice(0, 10).replace(/-/g, '/');
}

function iso(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
