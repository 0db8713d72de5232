import { IdentityError } from '../errors/identity-error';

/** How {@link retryOperation} retries. */
export interface RetryPolicy {
  /** Total attempts including the first. Default 4. */
  maxAttempts?: number;
  /** First backoff in milliseconds. Default 200. */
  baseDelayMs?: number;
  /** Longest single wait in milliseconds, including a server's Retry-After. Default 30000. */
  maxDelayMs?: number;
  /** Source of randomness for jitter (tests pass a fixed one). */
  random?: () => number;
  /** Sleeps; tests may replace it. */
  sleep?: (milliseconds: number) => Promise<void>;
  /** Called before each retry, e.g. to log or count. */
  onRetry?: (details: { attempt: number; delayMs: number; error: IdentityError }) => void;
}

const defaultSleep = (milliseconds: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

/**
 * The wait before retry number `attempt` (1-based): the server's Retry-After when it gave
 * one, else "full jitter" exponential backoff, so many clients do not retry in lockstep.
 */
export function retryDelay(error: IdentityError, attempt: number, policy: RetryPolicy = {}): number {
  const base = policy.baseDelayMs ?? 200;
  const max = policy.maxDelayMs ?? 30_000;
  if (error.retryAfter !== undefined) return Math.min(max, Math.ceil(error.retryAfter * 1000));
  const ceiling = Math.min(max, base * 2 ** (attempt - 1));
  return Math.floor((policy.random ?? Math.random)() * ceiling);
}

/**
 * Runs `operation`, retrying while it fails with a retryable IdentityError. Only call it
 * for operations that are safe to repeat; the caller decides that, not the error.
 */
export async function retryOperation<T>(operation: () => Promise<T>, policy: RetryPolicy = {}): Promise<T> {
  const maxAttempts = Math.max(1, policy.maxAttempts ?? 4);
  const sleep = policy.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation();
    } catch (error) {
      if (!IdentityError.isInstance(error) || !error.retryable || attempt >= maxAttempts) throw error;
      const delayMs = retryDelay(error, attempt, policy);
      policy.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs);
    }
  }
}
