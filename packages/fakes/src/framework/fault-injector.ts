/** What an injected fault does. */
export type Fault =
  /** Answer with this status (429, 500, 503, ...) and the vendor's error body for it. */
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly retryAfterSeconds?: number;
      readonly body?: unknown;
    }
  /** Wait, then handle the call normally. */
  | { readonly kind: 'latency'; readonly milliseconds: number }
  /** Destroy the socket without answering (the client sees ECONNRESET / "fetch failed"). */
  | { readonly kind: 'reset' };

/** When a fault fires, for which calls. */
export interface FaultRule {
  readonly fault: Fault;
  /** Only calls with this method. */
  readonly method?: string;
  /** Only calls whose path matches this regular expression source. */
  readonly pathPattern?: string;
  /** Fire on the Nth matching call (1-based) counted from when the rule was added. */
  readonly nth?: number;
  /** Fire on each matching call with this probability (0..1), from a seeded generator. */
  readonly rate?: number;
  /** Fire at most this many times. Default: once for `nth`, unlimited otherwise. */
  readonly times?: number;
}

interface ActiveRule {
  readonly id: number;
  readonly rule: FaultRule;
  readonly pattern: RegExp | null;
  seen: number;
  fired: number;
}

/** A small deterministic generator (mulberry32) so `rate` faults repeat across runs. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** Holds the fault rules of a fake and decides, call by call, which fault (if any) fires. */
export class FaultInjector {
  readonly #rules: ActiveRule[] = [];
  #nextId = 1;
  #random: () => number;
  readonly #seed: number;

  constructor(seed = 42) {
    this.#seed = seed;
    this.#random = seededRandom(seed);
  }

  /** Adds a rule; returns its id for {@link remove}. */
  add(rule: FaultRule): number {
    if (rule.rate !== undefined && (rule.rate < 0 || rule.rate > 1)) throw new Error('rate must be in 0..1');
    if (rule.nth !== undefined && (!Number.isInteger(rule.nth) || rule.nth < 1)) {
      throw new Error('nth must be a positive integer');
    }
    const id = this.#nextId++;
    this.#rules.push({
      id,
      rule,
      pattern: rule.pathPattern === undefined ? null : new RegExp(rule.pathPattern),
      seen: 0,
      fired: 0,
    });
    return id;
  }

  remove(id: number): void {
    const index = this.#rules.findIndex((active) => active.id === id);
    if (index >= 0) this.#rules.splice(index, 1);
  }

  clear(): void {
    this.#rules.length = 0;
    this.#random = seededRandom(this.#seed);
  }

  get size(): number {
    return this.#rules.length;
  }

  /** The faults that fire for this call, in rule order (latency first, then at most one answer). */
  decide(method: string, path: string): Fault[] {
    const fired: Fault[] = [];
    for (const active of this.#rules) {
      const { rule } = active;
      if (rule.method !== undefined && rule.method.toUpperCase() !== method) continue;
      if (active.pattern && !active.pattern.test(path)) continue;
      active.seen += 1;
      const limit = rule.times ?? (rule.nth !== undefined ? 1 : Number.POSITIVE_INFINITY);
      if (active.fired >= limit) continue;
      let fires: boolean;
      if (rule.nth !== undefined) fires = active.seen >= rule.nth;
      else if (rule.rate !== undefined) fires = this.#random() < rule.rate;
      else fires = true;
      if (!fires) continue;
      active.fired += 1;
      fired.push(rule.fault);
    }
    const latency = fired.filter((fault) => fault.kind === 'latency');
    const answer = fired.find((fault) => fault.kind !== 'latency');
    return answer ? [...latency, answer] : latency;
  }
}
