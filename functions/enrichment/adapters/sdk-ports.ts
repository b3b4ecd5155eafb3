import { AthenaClient } from '@aws-sdk/client-athena';
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { STSClient } from '@aws-sdk/client-sts';
import type { EnrichmentPorts } from '../ports.js';
import { athenaTrail } from './athena.js';
import { validateAthenaConfig, type AthenaTrailConfig } from './athena-sql.js';
import { autoScalingGroups } from './auto-scaling.js';
import { LOOKUP_EVENTS_RPS, lookupEventsTrail } from './cloudtrail.js';
import { intervalLimiter } from './pacing.js';
import { stsDecoder } from './sts.js';

export interface AwsPortsConfig {
  /** Region of the CircleCI Server installation; default: the SDK chain (AWS_REGION, profile). */
  region?: string;
  /** Query the CloudTrail S3 trail through Athena instead of LookupEvents. */
  athena?: AthenaTrailConfig;
  /**
   * Pace of LookupEvents calls; default 2, the account's limit per region. Lower it when other
   * tools share the account's quota.
   */
  lookupEventsPerSecond?: number;
}

const cache = new Map<string, EnrichmentPorts>();

/**
 * Composition root: SDK clients made once per process and configuration. Only the region is ever
 * passed, so credentials, retries and `AWS_ENDPOINT_URL` / `AWS_ENDPOINT_URL_<SERVICE>` overrides
 * come from the standard SDK chain unchanged.
 */
export function awsEnrichmentPorts(config: AwsPortsConfig = {}): EnrichmentPorts {
  if (config.athena) validateAthenaConfig(config.athena);
  if (config.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(config.region)) {
    throw new Error(`AWS region "${config.region}" is not a region name such as us-east-1`);
  }
  const key = JSON.stringify(config);
  const cached = cache.get(key);
  if (cached) return cached;
  const rps = config.lookupEventsPerSecond ?? LOOKUP_EVENTS_RPS;
  const regional = config.region ? { region: config.region } : {};
  const trailClient = new CloudTrailClient(regional);
  const ports: EnrichmentPorts = {
    sts: stsDecoder(new STSClient(regional)),
    asg: autoScalingGroups(new AutoScalingClient(regional)),
    trail: config.athena
      ? athenaTrail(new AthenaClient(regional), config.athena)
      : lookupEventsTrail(trailClient, {
          globalClient: () => new CloudTrailClient({ region: 'us-east-1' }),
          limiter: intervalLimiter(rps),
          globalLimiter: intervalLimiter(rps),
        }),
  };
  cache.set(key, ports);
  return ports;
}

/**
 * Reads the trail backend from the environment: `ENRICHMENT_TRAIL_BACKEND=athena` with
 * `ENRICHMENT_ATHENA_DATABASE`, `ENRICHMENT_ATHENA_TABLE` and optional `ENRICHMENT_ATHENA_WORKGROUP`,
 * `ENRICHMENT_ATHENA_OUTPUT` (s3://…), `ENRICHMENT_ATHENA_PARTITION_COLUMN`. Throws when the
 * backend is athena and a required value is missing.
 */
export function athenaConfigFromEnv(env: Record<string, string | undefined>): AthenaTrailConfig | undefined {
  const backend = env.ENRICHMENT_TRAIL_BACKEND?.trim().toLowerCase() || 'lookup-events';
  if (backend === 'lookup-events') return undefined;
  if (backend !== 'athena') throw new Error(`ENRICHMENT_TRAIL_BACKEND must be lookup-events or athena, got "${backend}"`);
  const database = env.ENRICHMENT_ATHENA_DATABASE?.trim();
  const table = env.ENRICHMENT_ATHENA_TABLE?.trim();
  if (!database || !table) throw new Error('ENRICHMENT_TRAIL_BACKEND=athena needs ENRICHMENT_ATHENA_DATABASE and ENRICHMENT_ATHENA_TABLE');
  const optional = (name: string): string | undefined => env[name]?.trim() || undefined;
  const workGroup = optional('ENRICHMENT_ATHENA_WORKGROUP');
  const outputLocation = optional('ENRICHMENT_ATHENA_OUTPUT');
  const partitionColumn = optional('ENRICHMENT_ATHENA_PARTITION_COLUMN');
  return validateAthenaConfig({
    database,
    table,
    ...(workGroup ? { workGroup } : {}),
    ...(outputLocation ? { outputLocation } : {}),
    ...(partitionColumn ? { partitionColumn } : {}),
  });
}
