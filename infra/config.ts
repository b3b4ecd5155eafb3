import { DEFAULT_CORRELATION_WINDOW_MINUTES } from '../functions/pipeline/ports.js';

/**
 * Deployment settings read from CDK context (`cdk.json` or `cdk deploy -c key=value`).
 *
 * Values given with `-c` arrive as strings, so lists accept either a JSON array or a
 * comma-separated string, and numbers accept numeric strings. Invalid values fail the
 * synth with a message naming the key, instead of producing a half-configured stack.
 */

/** Nomad metric alarms the CircleCI Server operations guide names; off unless a namespace is set. */
export interface NomadAlarmConfig {
  /** CloudWatch namespace the CircleCI metrics forwarder writes to (the guide's example: `ci_metrics`). */
  readonly namespace: string;
  /** Pending jobs above this value for `evaluationMinutes` raise the alarm. */
  readonly pendingJobsThreshold: number;
  /** Consecutive one-minute periods a condition must hold before alarming. */
  readonly evaluationMinutes: number;
  /** Dimensions the forwarder attaches to the metrics; CloudWatch alarms need an exact match. */
  readonly dimensions: Readonly<Record<string, string>>;
}

/** CloudTrail through Athena instead of LookupEvents (see docs/enrichment.md). */
export interface AthenaTrailSettings {
  readonly database: string;
  readonly table: string;
  readonly workGroup: string;
  /** Bucket the trail writes to (read by the query). */
  readonly trailBucket: string;
  /** Bucket Athena writes query results to. */
  readonly resultsBucket: string;
  /** Projected date column of the table. */
  readonly partitionColumn: string | undefined;
}

export interface PipelineConfig {
  /** Names the CircleCI installation in reports and incident keys. */
  readonly installationId: string;
  /** CloudWatch alarms whose names start with one of these feed the pipeline (EventBridge). */
  readonly alarmNamePrefixes: readonly string[];
  /** Alarms carrying all of these tags feed the pipeline (checked by the alarm function). */
  readonly alarmTags: Readonly<Record<string, string>>;
  /** Existing SNS topics (alarm actions) whose notifications feed the pipeline. */
  readonly alarmTopicArns: readonly string[];
  /** Complete ARN of a Secrets Manager secret holding `{"webhookUrl": ...}`; no Slack delivery when absent. */
  readonly slackSecretArn: string | undefined;
  /** IAM role names used by the CircleCI installation, for CloudTrail correlation. */
  readonly circleciRoleNames: readonly string[];
  /** How far either side of an alarm or upload the enrichment looks. */
  readonly correlationWindowMinutes: number;
  readonly bundleRetentionDays: number;
  readonly reportRetentionDays: number;
  readonly accessLogRetentionDays: number;
  readonly logRetentionDays: number;
  /** Powertools log level for every function. */
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Reserved concurrency of the alarm function (CloudTrail LookupEvents allows 2 requests/s); 0 = none. */
  readonly alarmReservedConcurrency: number;
  readonly nomadAlarms: NomadAlarmConfig | undefined;
  /** @default - CloudTrail LookupEvents */
  readonly athenaTrail: AthenaTrailSettings | undefined;
}

/** Context keys this app reads; `cdk.json` lists the same keys with their defaults. */
export const CONTEXT_KEYS = [
  'installationId',
  'alarmNamePrefixes',
  'alarmTags',
  'alarmTopicArns',
  'slackSecretArn',
  'circleciRoleNames',
  'correlationWindowMinutes',
  'bundleRetentionDays',
  'reportRetentionDays',
  'accessLogRetentionDays',
  'logRetentionDays',
  'logLevel',
  'alarmReservedConcurrency',
  'nomadMetricsNamespace',
  'nomadPendingJobsThreshold',
  'nomadEvaluationMinutes',
  'nomadMetricDimensions',
  'enrichmentAthena',
] as const;

export type ContextKey = (typeof CONTEXT_KEYS)[number];
export type ContextReader = (key: ContextKey) => unknown;

const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;
// Secrets Manager appends a 6-character suffix; grants on a partial ARN would need a wildcard.
const COMPLETE_SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@-]+-[A-Za-z0-9]{6}$/;
const TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/;

export class ConfigError extends Error {
  constructor(key: string, message: string) {
    super(`context "${key}": ${message}`);
    this.name = 'ConfigError';
  }
}

/** Builds the pipeline configuration from a context reader such as `app.node.tryGetContext`. */
export function readConfig(read: ContextReader): PipelineConfig {
  const namespace = optionalString(read, 'nomadMetricsNamespace');
  return {
    installationId: requiredString(read, 'installationId', 'circleci-server'),
    alarmNamePrefixes: stringList(read, 'alarmNamePrefixes', ['circleci-']),
    alarmTags: stringMap(read, 'alarmTags'),
    alarmTopicArns: stringList(read, 'alarmTopicArns').map((arn) => matching('alarmTopicArns', arn, TOPIC_ARN, 'an SNS topic ARN')),
    slackSecretArn: optionalSecretArn(read),
    circleciRoleNames: stringList(read, 'circleciRoleNames'),
    correlationWindowMinutes: integer(read, 'correlationWindowMinutes', DEFAULT_CORRELATION_WINDOW_MINUTES, 1, 24 * 60),
    bundleRetentionDays: integer(read, 'bundleRetentionDays', 30, 1, 3650),
    reportRetentionDays: integer(read, 'reportRetentionDays', 90, 1, 3650),
    accessLogRetentionDays: integer(read, 'accessLogRetentionDays', 90, 1, 3650),
    logRetentionDays: integer(read, 'logRetentionDays', 30, 1, 3653),
    logLevel: logLevel(read),
    alarmReservedConcurrency: integer(read, 'alarmReservedConcurrency', 2, 0, 1000),
    nomadAlarms:
      namespace === undefined
        ? undefined
        : {
            namespace,
            pendingJobsThreshold: integer(read, 'nomadPendingJobsThreshold', 10, 0, 1_000_000),
            evaluationMinutes: integer(read, 'nomadEvaluationMinutes', 5, 1, 1440),
            dimensions: stringMap(read, 'nomadMetricDimensions'),
          },
    athenaTrail: athenaTrail(read),
  };
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
const WORKGROUP = /^[A-Za-z0-9._-]{1,128}$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

function athenaTrail(read: ContextReader): AthenaTrailSettings | undefined {
  const key = 'enrichmentAthena';
  const settings = stringMap(read, key);
  if (Object.keys(settings).length === 0) return undefined;
  const known = ['database', 'table', 'workGroup', 'trailBucket', 'resultsBucket', 'partitionColumn'];
  const unknown = Object.keys(settings).filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new ConfigError(key, `unknown field(s) ${unknown.join(', ')}; expected ${known.join(', ')}`);
  const field = (name: string, pattern: RegExp, fallback?: string): string => {
    const value = settings[name] ?? fallback;
    if (value === undefined) throw new ConfigError(key, `"${name}" is required`);
    if (!pattern.test(value)) throw new ConfigError(key, `"${name}" is not valid: ${JSON.stringify(value)}`);
    return value;
  };
  return {
    database: field('database', IDENTIFIER),
    table: field('table', IDENTIFIER),
    workGroup: field('workGroup', WORKGROUP, 'primary'),
    trailBucket: field('trailBucket', BUCKET),
    resultsBucket: field('resultsBucket', BUCKET),
    partitionColumn: settings.partitionColumn === undefined ? undefined : field('partitionColumn', IDENTIFIER),
  };
}

function optionalString(read: ContextReader, key: ContextKey): string | undefined {
  const value = read(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new ConfigError(key, `expected a string, got ${JSON.stringify(value)}`);
  return value.trim() === '' ? undefined : value.trim();
}

function requiredString(read: ContextReader, key: ContextKey, fallback: string): string {
  return optionalString(read, key) ?? fallback;
}

/** A list from context; `fallback` applies only when the key is absent (an empty string clears it). */
function stringList(read: ContextReader, key: ContextKey, fallback: readonly string[] = []): string[] {
  let value = read(key);
  if (value === undefined || value === null) return [...fallback];
  if (value === '') return [];
  if (typeof value === 'string') {
    value = value.trim().startsWith('[') ? parseJson(key, value) : value.split(',');
  }
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new ConfigError(key, `expected a list of strings (JSON array or comma-separated), got ${JSON.stringify(value)}`);
  }
  return value.map((item) => item.trim()).filter((item) => item !== '');
}

function stringMap(read: ContextReader, key: ContextKey): Record<string, string> {
  let value = read(key);
  if (value === undefined || value === null || value === '') return {};
  if (typeof value === 'string') value = parseJson(key, value);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(key, `expected a JSON object of strings, got ${JSON.stringify(value)}`);
  }
  const entries = Object.entries(value as Record<string, unknown>);
  for (const [name, item] of entries) {
    if (typeof item !== 'string' || name === '') {
      throw new ConfigError(key, `expected string values, got ${JSON.stringify(name)}: ${JSON.stringify(item)}`);
    }
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

function integer(read: ContextReader, key: ContextKey, fallback: number, min: number, max: number): number {
  const value = read(key);
  if (value === undefined || value === null || value === '') return fallback;
  const parsed = typeof value === 'string' ? Number(value.trim()) : value;
  if (typeof parsed !== 'number' || !Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw new ConfigError(key, `expected an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return parsed;
}

function logLevel(read: ContextReader): PipelineConfig['logLevel'] {
  const value = (optionalString(read, 'logLevel') ?? 'INFO').toUpperCase();
  const level = LOG_LEVELS.find((candidate) => candidate === value);
  if (level === undefined) throw new ConfigError('logLevel', `expected one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(value)}`);
  return level;
}

function optionalSecretArn(read: ContextReader): string | undefined {
  const value = optionalString(read, 'slackSecretArn');
  if (value === undefined) return undefined;
  return matching('slackSecretArn', value, COMPLETE_SECRET_ARN, 'the complete secret ARN including its 6-character suffix (aws secretsmanager describe-secret --query ARN)');
}

function matching(key: ContextKey, value: string, pattern: RegExp, expected: string): string {
  if (!pattern.test(value)) throw new ConfigError(key, `expected ${expected}, got ${JSON.stringify(value)}`);
  return value;
}

function parseJson(key: ContextKey, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ConfigError(key, `not valid JSON: ${text}`);
  }
}
