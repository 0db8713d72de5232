/** Options of {@link createRateLimiter}. */
export interface RateLimiterOptions {
  /** Requests allowed per window. */
  requests: number;
  /** Window length in seconds. */
  perSeconds: number;
  now?: () => number;
  sleep?: (milliseconds: number) => Promise<void>;
}

/** Paces calls to stay under a vendor's documented limit. */
export interface RateLimiter {
  /** Resolves when one more request may be sent. */
  acquire(): Promise<void>;
  /** Pauses every caller until the given time (from a 429's Retry-After). */
  pauseFor(seconds: number): void;
}

/**
 * A token bucket: `requests` tokens refill evenly over `perSeconds`, so bursts up to the
 * bucket size pass and sustained traffic settles at the documented rate.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const capacity = Math.max(1, options.requests);
  const refillPerMs = capacity / (options.perSeconds * 1000);
  let tokens = capacity;
  let updatedAt = now();
  let pausedUntil = 0;
  let queue: Promise<void> = Promise.resolve();

  const refill = () => {
    const current = now();
    tokens = Math.min(capacity, tokens + (current - updatedAt) * refillPerMs);
    updatedAt = current;
  };

  const takeOne = async (): Promise<void> => {
    for (;;) {
      const pause = pausedUntil - now();
      if (pause > 0) {
        await sleep(pause);
        continue;
      }
      refill();
      if (tokens >= 1) {
        tokens -= 1;
        return;
      }
      await sleep(Math.ceil((1 - tokens) / refillPerMs));
    }
  };

  return {
    acquire() {
      // Callers are served in arrival order so none starves.
      const turn = queue.then(takeOne);
      queue = turn.catch(() => undefined);
      return turn;
    },
    pauseFor(seconds: number) {
      pausedUntil = Math.max(pausedUntil, now() + seconds * 1000);
    },
  };
}
