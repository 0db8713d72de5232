import type { FakeServerStats, SpecCheckMode } from './fake-server';
import type { FaultRule } from './fault-injector';
import type { RateLimitRule } from './rate-limit-budget';
import type { SpecViolation } from './spec-checker';

/**
 * Drives a fake over its `/__idport/` control endpoints, for tests that run in another
 * process than the fake (vitest workers with the fake started in `globalSetup`, or the CLI).
 */
export class FakeControl {
  readonly #baseUrl: string;

  constructor(baseUrl: string) {
    this.#baseUrl = baseUrl.replace(/\/$/, '');
  }

  async #call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.#baseUrl}/__idport${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`Fake control ${method} ${path} answered ${response.status}`);
    const text = await response.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  }

  async reset(): Promise<void> {
    await this.#call('POST', '/reset');
  }

  async stats(): Promise<FakeServerStats> {
    return (await this.#call('GET', '/stats')) as FakeServerStats;
  }

  async violations(): Promise<SpecViolation[]> {
    return (await this.#call('GET', '/violations')) as SpecViolation[];
  }

  /** Returns and clears the recorded violations. */
  async takeViolations(): Promise<SpecViolation[]> {
    return (await this.#call('DELETE', '/violations')) as SpecViolation[];
  }

  /** Throws when the fake recorded spec violations since the last call (use in `afterEach`). */
  async assertNoViolations(): Promise<void> {
    const violations = await this.takeViolations();
    if (violations.length > 0) {
      const lines = violations.map(
        (violation) =>
          `${violation.kind} ${violation.operation} (${violation.path}): ${violation.errors.join('; ')}`,
      );
      throw new Error(`Spec violations:\n${lines.join('\n')}`);
    }
  }

  async injectFault(rule: FaultRule): Promise<number> {
    return ((await this.#call('POST', '/faults', rule)) as { id: number }).id;
  }

  async clearFaults(): Promise<void> {
    await this.#call('DELETE', '/faults');
  }

  async setRateLimits(rules: readonly RateLimitRule[]): Promise<void> {
    await this.#call('PUT', '/rate-limits', rules);
  }

  async setSpecCheck(mode: SpecCheckMode): Promise<void> {
    await this.#call('PUT', '/spec-check', { mode });
  }

  /** A vendor control endpoint (`/keycloak/realms/r/users/u/totp`). */
  async get<T>(path: string): Promise<T> {
    return (await this.#call('GET', path)) as T;
  }
}
