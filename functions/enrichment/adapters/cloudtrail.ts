import type { CloudTrailClient} from '@aws-sdk/client-cloudtrail';
import { LookupEventsCommand, type LookupEventsCommandOutput } from '@aws-sdk/client-cloudtrail';
import type { CloudTrailEvents, TrailEvent } from '../ports.js';
import { call, DEFAULT_RETRY, intervalLimiter, withRetry, type RateLimiter, type RetryOptions } from './pacing.js';
import { fromLookupEvent } from './trail-record.js';

const ACTION = 'cloudtrail:LookupEvents';
/** LookupEvents allows 2 requests per second per account and region. */
export const LOOKUP_EVENTS_RPS = 2;
const GLOBAL_REGION = 'us-east-1';

export interface LookupEventsOptions {
  /** Paces the regional client; share one per process. */
  limiter?: RateLimiter;
  /** Client for global services (IAM), us-east-1; made on first use when the regional one is elsewhere. */
  globalClient?: () => CloudTrailClient;
  globalLimiter?: RateLimiter;
  retry?: RetryOptions;
}

/** CloudTrail event history adapter: paged, paced under the account limit, throttling retried. */
export function lookupEventsTrail(client: CloudTrailClient, options: LookupEventsOptions = {}): CloudTrailEvents {
  const limiter = options.limiter ?? intervalLimiter(LOOKUP_EVENTS_RPS);
  const globalLimiter = options.globalLimiter ?? intervalLimiter(LOOKUP_EVENTS_RPS);
  const retry = options.retry ?? DEFAULT_RETRY;
  let global: CloudTrailClient | undefined;

  const pick = async (scope: 'regional' | 'global' | undefined): Promise<[CloudTrailClient, RateLimiter]> => {
    if (scope !== 'global' || !options.globalClient) return [client, limiter];
    const region = await client.config.region();
    if (region === GLOBAL_REGION) return [client, limiter];
    global ??= options.globalClient();
    return [global, globalLimiter];
  };

  return {
    backend: 'lookup-events',
    async lookup(query, signal) {
      const [target, pace] = await pick(query.scope);
      // NextToken is only valid with exactly the parameters of the first page.
      const params = {
        LookupAttributes: [{ AttributeKey: query.attribute.key, AttributeValue: query.attribute.value }],
        StartTime: query.start,
        EndTime: query.end,
        MaxResults: 50,
      };
      const events: TrailEvent[] = [];
      let token: string | undefined;
      do {
        const page: LookupEventsCommandOutput = await withRetry(
          async () => {
            await pace.acquire(signal);
            return call(ACTION, () => target.send(new LookupEventsCommand({ ...params, NextToken: token }), { abortSignal: signal }));
          },
          retry,
          signal,
        );
        const batch = page.Events ?? [];
        for (let i = 0; i < batch.length; i++) {
          events.push(fromLookupEvent(batch[i]!));
          if (events.length >= query.maxEvents) return { events, truncated: i < batch.length - 1 || Boolean(page.NextToken) };
        }
        token = page.NextToken;
      } while (token);
      return { events, truncated: false };
    },
  };
}
