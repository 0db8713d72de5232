/**
 * How many vendor calls may be in flight: additive increase, multiplicative decrease.
 * A 429 halves the limit; every `recoverAfter` successes give one slot back, so a run
 * backs off under throttling and recovers when the vendor does.
 */
export class AdaptiveConcurrency {
  private inFlight = 0;
  private successes = 0;
  private waiting: (() => void)[] = [];
  private current: number;

  constructor(
    private readonly maximum: number,
    private readonly recoverAfter = 20,
  ) {
    this.current = Math.max(1, maximum);
  }

  get limit(): number {
    return this.current;
  }

  async acquire(): Promise<void> {
    while (this.inFlight >= this.current) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.inFlight += 1;
  }

  /** Halves the limit (a 429 seen outside a call this object tracks). */
  throttle(): void {
    this.current = Math.max(1, Math.floor(this.current / 2));
    this.successes = 0;
  }

  release(outcome: 'success' | 'throttled' | 'error'): void {
    this.inFlight -= 1;
    if (outcome === 'throttled') {
      this.throttle();
    } else if (outcome === 'success') {
      this.successes += 1;
      if (this.successes >= this.recoverAfter && this.current < this.maximum) {
        this.current += 1;
        this.successes = 0;
      }
    }
    const next = this.waiting.shift();
    next?.();
  }
}
