import { type Auth0Fake, createAuth0Fake } from '@idport/fakes';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { createAuth0Provider } from '../auth0-provider';
import type { Auth0ProviderSettings } from '../auth0-provider-options';
import { createAuth0RewritingFetch } from '../auth0-rewriting-fetch';

/**
 * Starts an in-process Auth0 fake for the calling test file (spec checking enforced, Auth0's
 * paid-tier rate budgets) and fails every test after which it recorded a spec violation.
 * bcrypt cost 4 instead of Auth0's 10 keeps hundreds of password hashes fast.
 */
export function useAuth0Fake(): Auth0Fake {
  const fake = createAuth0Fake({ tenant: { bcryptCost: 4 }, jobDelayMs: 10 });
  beforeAll(async () => {
    await fake.start();
  });
  afterEach(() => {
    expect(fake.server.takeViolations()).toEqual([]);
  });
  afterAll(async () => {
    await fake.stop();
  });
  return fake;
}

/** Settings of the adapter for the fake's default tenant, calls sent to `baseUrl` (default the fake). */
export function fakeSettings(fake: Auth0Fake, baseUrl: string = fake.url): Auth0ProviderSettings {
  const [app, m2m] = fake.settings.applications;
  return {
    domain: fake.domain,
    clientId: app?.clientId as string,
    clientSecret: app?.clientSecret as string,
    audience: fake.settings.apiAudience,
    connection: fake.settings.connection.name,
    connectionId: fake.settings.connection.id,
    management: { clientId: m2m?.clientId as string, clientSecret: m2m?.clientSecret as string },
    fetch: createAuth0RewritingFetch(fake.domain, baseUrl),
    jobPollIntervalMs: 20,
  };
}

export const createFakeProvider = (fake: Auth0Fake, baseUrl?: string) =>
  createAuth0Provider(fakeSettings(fake, baseUrl));
