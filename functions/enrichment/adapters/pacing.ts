import { isThrottle, toCallError } from '../errors.js';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** setTimeout that an AbortSignal cuts short (rejecting, so the caller stops). */
export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError(signal!));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('aborted');
}

export interface RetryOptions {
  /** Total tries, first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep?: Sleep;
  random?: () => number;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 };

/**
 * Retries throttled calls with capped exponential backoff and full jitter. The SDK retries too,
 * but shared account quotas (CloudTrail's 2 requests/s) outlast its three quick tries.
 */
export async function withRetry<T>(fn: () => Promise<T>, options: RetryOptions = DEFAULT_RETRY, signal?: AbortSignal): Promise<T> {
  const wait = options.sleep ?? sleep;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!isThrottle(err) || attempt >= options.attempts) throw err;
      const cap = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
      await wait(Math.round(cap * (0.5 + random() / 2)), signal);
    }
  }
}

export interface RateLimiter {
  acquire(signal?: AbortSignal): Promise<void>;
}

/**
 * Spaces calls at least 1/rps apart, shared by every caller holding the same limiter, so pages
 * and concurrent lookups together stay under the account limit.
 */
export function intervalLimiter(requestsPerSecond: number, clock: { now: () => number; sleep: Sleep } = { now: Date.now, sleep }): RateLimiter {
  if (!(requestsPerSecond > 0)) throw new Error(`requestsPerSecond must be positive, got ${requestsPerSecond}`);
  const gap = 1000 / requestsPerSecond;
  let next = 0;
  return {
    async acquire(signal) {
      const now = clock.now();
      const at = Math.max(now, next);
      next = at + gap;
      if (at > now) await clock.sleep(at - now, signal);
    },
  };
}

/** Runs one SDK call for `action`, turning any failure into an AwsCallError. */
export async function call<T>(action: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toCallError(action, err);
  }
}
