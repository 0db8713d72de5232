/** One rate limit of a vendor: `limit` calls per `windowSeconds` for the calls it matches. */
export interface RateLimitRule {
  /** The vendor's name for the bucket (`/api/v1/users`, `Read Users`). */
  readonly name: string;
  readonly method?: string;
  /** Regular expression source matched against the request path. */
  readonly pathPattern: string;
  readonly limit: number;
  readonly windowSeconds: number;
  /** Where the figure is documented. */
  readonly source?: string;
  /**
   * When set, the rule is a token bucket instead of a fixed window: `limit` is the bucket size
   * (the burst) and this many calls are added back per second, as Auth0 documents its limits
   * ("size x, per_minute y"). `windowSeconds` is then only descriptive.
   */
  readonly refillPerSecond?: number;
}

/** The state of a bucket after counting one call, for the vendor's headers. */
export interface RateLimitDecision {
  readonly rule: RateLimitRule;
  readonly allowed: boolean;
  readonly remaining: number;
  /** Epoch seconds at which the window resets. */
  readonly resetAt: number;
  /** Seconds until a call is allowed again (0 when allowed). */
  readonly retryAfterSeconds: number;
}

interface Window {
  startedAt: number;
  count: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Fixed-window counters per rule, as Okta and Auth0 describe their limits ("N per minute",
 * reset time in a header). The clock is injectable so tests can move time.
 */
export class RateLimitBudget {
  #rules: RateLimitRule[];
  readonly #windows = new Map<string, Window>();
  readonly #buckets = new Map<string, Bucket>();
  readonly #now: () => number;

  constructor(rules: readonly RateLimitRule[], now: () => number = Date.now) {
    this.#rules = [...rules];
    this.#now = now;
  }

  get rules(): readonly RateLimitRule[] {
    return this.#rules;
  }

  /** Replaces the budget (from a test or the control endpoint) and clears the counters. */
  configure(rules: readonly RateLimitRule[]): void {
    this.#rules = [...rules];
    this.#windows.clear();
    this.#buckets.clear();
  }

  reset(): void {
    this.#windows.clear();
    this.#buckets.clear();
  }

  /** Counts a call against the first matching rule; null when no rule matches. */
  take(method: string, path: string): RateLimitDecision | null {
    const rule = this.#rules.find(
      (candidate) =>
        (candidate.method === undefined || candidate.method.toUpperCase() === method) &&
        new RegExp(candidate.pathPattern).test(path),
    );
    if (!rule) return null;
    const now = this.#now();
    if (rule.refillPerSecond !== undefined && rule.refillPerSecond > 0)
      return this.#takeFromBucket(rule as RateLimitRule & { refillPerSecond: number }, now);
    const windowMs = rule.windowSeconds * 1000;
    let window = this.#windows.get(rule.name);
    if (!window || now - window.startedAt >= windowMs) {
      window = { startedAt: now, count: 0 };
      this.#windows.set(rule.name, window);
    }
    const resetAtMs = window.startedAt + windowMs;
    const resetAt = Math.ceil(resetAtMs / 1000);
    if (window.count >= rule.limit) {
      return {
        rule,
        allowed: false,
        remaining: 0,
        resetAt,
        retryAfterSeconds: Math.max(1, Math.ceil((resetAtMs - now) / 1000)),
      };
    }
    window.count += 1;
    return { rule, allowed: true, remaining: rule.limit - window.count, resetAt, retryAfterSeconds: 0 };
  }

  #takeFromBucket(rule: RateLimitRule & { refillPerSecond: number }, now: number): RateLimitDecision {
    const bucket = this.#buckets.get(rule.name) ?? { tokens: rule.limit, updatedAt: now };
    bucket.tokens = Math.min(
      rule.limit,
      bucket.tokens + ((now - bucket.updatedAt) / 1000) * rule.refillPerSecond,
    );
    bucket.updatedAt = now;
    this.#buckets.set(rule.name, bucket);
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    const secondsToNextToken = allowed ? 0 : (1 - bucket.tokens) / rule.refillPerSecond;
    const secondsToFull = (rule.limit - bucket.tokens) / rule.refillPerSecond;
    return {
      rule,
      allowed,
      remaining: Math.floor(bucket.tokens),
      resetAt: Math.ceil(now / 1000 + (allowed ? secondsToFull : secondsToNextToken)),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(secondsToNextToken)),
    };
  }
}
