import { describe, expect, it } from 'vitest';
import { intervalLimiter, sleep, withRetry } from '../../functions/enrichment/adapters/pacing.js';
import { AwsCallError, toCallError } from '../../functions/enrichment/errors.js';
import { sdkError } from './sdk-errors.js';

describe('withRetry', () => {
  it('backs off exponentially with jitter, capped, on throttling only', async () => {
    const waits: number[] = [];
    let calls = 0;
    const throttled = new AwsCallError('x:Y', 'throttled', 'Rate exceeded');
    const result = await withRetry(
      () => (++calls < 4 ? Promise.reject(throttled) : Promise.resolve('ok')),
      { attempts: 5, baseDelayMs: 100, maxDelayMs: 300, random: () => 1, sleep: (ms) => (waits.push(ms), Promise.resolve()) },
    );
    expect(result).toBe('ok');
    expect(waits).toEqual([100, 200, 300]);
    const denied = new AwsCallError('x:Y', 'access-denied', 'no');
    await expect(withRetry(() => Promise.reject(denied), { attempts: 5, baseDelayMs: 1, maxDelayMs: 1 })).rejects.toBe(denied);
  });
});

describe('intervalLimiter', () => {
  it('spaces sequential acquisitions by 1/rps', async () => {
    let now = 1_000;
    const slept: number[] = [];
    const limiter = intervalLimiter(2, { now: () => now, sleep: (ms) => (slept.push(ms), (now += ms), Promise.resolve()) });
    await limiter.acquire();
    await limiter.acquire();
    now += 200;
    await limiter.acquire();
    expect(slept).toEqual([500, 300]);
    expect(() => intervalLimiter(0)).toThrow(/positive/);
  });

  it('stops waiting when aborted', async () => {
    const controller = new AbortController();
    const pending = sleep(10_000, controller.signal);
    controller.abort(new Error('budget spent'));
    await expect(pending).rejects.toThrow('budget spent');
  });
});

describe('toCallError', () => {
  it('classifies denials, throttling, invalid messages and timeouts', () => {
    expect(toCallError('ec2:X', sdkError('UnauthorizedOperation', 'no', 403)).kind).toBe('access-denied');
    expect(toCallError('a:B', sdkError('Forbidden', 'no', 403)).kind).toBe('access-denied');
    expect(toCallError('a:B', sdkError('TooManyRequestsException', 'slow', 429)).kind).toBe('throttled');
    expect(toCallError('a:B', sdkError('InvalidAuthorizationMessageException', 'bad', 400)).kind).toBe('invalid-message');
    expect(toCallError('a:B', sdkError('AbortError', 'aborted', 0)).kind).toBe('timeout');
    expect(toCallError('a:B', sdkError('SignatureDoesNotMatch', 'sig', 403)).kind).toBe('error');
    expect(toCallError('a:B', sdkError('ExpiredToken', 'The security token included in the request is expired', 403)).kind).toBe('error');
    expect(toCallError('a:B', Object.assign(new Error('Forbidden'), { $metadata: { httpStatusCode: 403 } })).kind).toBe('access-denied');
    expect(toCallError('a:B', 'weird')).toMatchObject({ kind: 'error', message: 'weird' });
  });
});
