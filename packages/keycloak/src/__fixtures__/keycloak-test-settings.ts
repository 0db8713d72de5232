import { FakeControl } from '@idport/fakes';
import { afterEach, inject } from 'vitest';
import type { KeycloakProviderSettings } from '../keycloak-provider-options';

/** The fake started by the global setup. */
export const fakeUrl = (): string => inject('keycloakFakeUrl');

/** Control endpoints of the fake (violations, faults, reset). */
export const fakeControl = (): FakeControl => new FakeControl(fakeUrl());

/** Settings of the default realm of `@idport/fakes`' Keycloak fake. */
export function testSettings(overrides: Partial<KeycloakProviderSettings> = {}): KeycloakProviderSettings {
  return {
    baseUrl: fakeUrl(),
    realm: 'idport',
    clientId: 'idport-app',
    clientSecret: 'idport-app-secret',
    admin: { grantType: 'client_credentials', clientId: 'idport-admin', clientSecret: 'idport-admin-secret' },
    ...overrides,
  };
}

/** Fails the test that made the fake see a request or response outside Keycloak's spec. */
export function failOnSpecViolations(): void {
  afterEach(async () => {
    await fakeControl().assertNoViolations();
  });
}
