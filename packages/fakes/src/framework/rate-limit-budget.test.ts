import { describe, expect, it } from 'vitest';
import { RateLimitBudget } from './rate-limit-budget';

describe('rate-limit budget as a token bucket', () => {
  it('allows the burst, refuses the next call with the wait until one token is back, and refills', () => {
    let now = 1_000_000;
    const budget = new RateLimitBudget(
      [{ name: 'Write Users', pathPattern: '^/users', limit: 3, windowSeconds: 60, refillPerSecond: 0.5 }],
      () => now,
    );
    for (let call = 0; call < 3; call += 1) expect(budget.take('POST', '/users')?.allowed).toBe(true);
    const refused = budget.take('POST', '/users');
    expect(refused?.allowed).toBe(false);
    expect(refused?.retryAfterSeconds).toBe(2);
    now += 2000;
    expect(budget.take('POST', '/users')?.allowed).toBe(true);
    expect(budget.take('POST', '/users')?.allowed).toBe(false);
    expect(budget.take('GET', '/other')).toBeNull();
  });
});
