import { describe, expect, it } from 'vitest';
import { IdentityError } from '../errors/identity-error';
import { parseRetryAfter } from './parse-retry-after';
import { createRateLimiter } from './rate-limiter';
import { retryDelay, retryOperation } from './retry-policy';

const rateLimited = (retryAfter?: number) =>
  new IdentityError({ code: 'RATE_LIMITED', message: 'slow down', retryAfter });

describe('retryOperation', () => {
  it('retries retryable errors up to maxAttempts, sleeping between attempts', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const result = await retryOperation(
      async () => {
        calls += 1;
        if (calls < 3) throw rateLimited();
        return 'done';
      },
      { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, baseDelayMs: 100 },
    );
    expect(result).toBe('done');
    expect(calls).toBe(3);
    expect(sleeps).toEqual([50, 100]);
  });

  it('honours Retry-After over its own backoff', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    await retryOperation(
      async () => {
        calls += 1;
        if (calls === 1) throw rateLimited(7);
      },
      { sleep: async (ms) => void sleeps.push(ms) },
    );
    expect(sleeps).toEqual([7000]);
  });

  it('gives up after maxAttempts and rethrows the last error', async () => {
    let calls = 0;
    await expect(
      retryOperation(
        async () => {
          calls += 1;
          throw rateLimited();
        },
        { maxAttempts: 3, sleep: async () => undefined },
      ),
    ).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(calls).toBe(3);
  });

  it('never retries non-retryable errors or foreign errors', async () => {
    let calls = 0;
    const fail = (error: unknown) => async () => {
      calls += 1;
      throw error;
    };
    await expect(
      retryOperation(fail(new IdentityError({ code: 'USER_NOT_FOUND', message: 'x' }))),
    ).rejects.toThrow();
    await expect(retryOperation(fail(new TypeError('bug')))).rejects.toThrow(TypeError);
    expect(calls).toBe(2);
  });

  it('caps delays at maxDelayMs', () => {
    expect(retryDelay(rateLimited(3600), 1, { maxDelayMs: 1000 })).toBe(1000);
    expect(retryDelay(rateLimited(), 20, { maxDelayMs: 1000, random: () => 0.999 })).toBeLessThan(1000);
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it('reads delta seconds and HTTP dates', () => {
    expect(parseRetryAfter({ 'Retry-After': '12' }, now)).toBe(12);
    expect(parseRetryAfter({ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }, now)).toBe(30);
  });
  it('reads epoch reset headers against the server date', () => {
    const serverNow = Date.parse('2026-01-01T00:10:00Z') / 1000;
    const headers = new Headers({
      'X-Rate-Limit-Reset': String(serverNow + 20),
      Date: 'Thu, 01 Jan 2026 00:10:00 GMT',
    });
    expect(parseRetryAfter(headers, now)).toBe(20);
    expect(parseRetryAfter({ 'x-ratelimit-reset': String(now.getTime() / 1000 + 5) }, now)).toBe(5);
  });
  it('returns undefined without a usable header and bounds absurd values', () => {
    expect(parseRetryAfter({}, now)).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after': 'soon' }, now)).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after': '99999999' }, now)).toBe(3600);
  });
});

describe('createRateLimiter', () => {
  it('lets a burst through, then paces to the rate', async () => {
    let clock = 0;
    const limiter = createRateLimiter({
      requests: 2,
      perSeconds: 1,
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
    });
    await limiter.acquire();
    await limiter.acquire();
    expect(clock).toBe(0);
    await limiter.acquire();
    expect(clock).toBe(500);
    limiter.pauseFor(10);
    await limiter.acquire();
    expect(clock).toBeGreaterThanOrEqual(10_500);
  });
});
