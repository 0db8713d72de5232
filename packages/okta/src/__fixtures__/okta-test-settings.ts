import { FakeControl } from '@idport/fakes';
import { afterEach, inject } from 'vitest';
import type { OktaProviderSettings } from '../okta-provider-options';

/** The fake started by the global setup. */
export const fakeUrl = (): string => inject('oktaFakeUrl');

/** Control endpoints of the fake (violations, faults, rate limits, reset). */
export const fakeControl = (): FakeControl => new FakeControl(fakeUrl());

/** Settings for the default org of `@idport/fakes`' Okta fake. */
export function testSettings(overrides: Partial<OktaProviderSettings> = {}): OktaProviderSettings {
  return {
    orgUrl: fakeUrl(),
    apiToken: 'idport-fake-api-token',
    clientId: 'idport-app',
    clientSecret: 'idport-app-secret',
    ...overrides,
  };
}

/** Fails the test that made the fake see a request or response outside Okta's documents. */
export function failOnSpecViolations(): void {
  afterEach(async () => {
    await fakeControl().assertNoViolations();
  });
}
