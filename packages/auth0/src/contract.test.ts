import { runIdentityProviderContract } from '@idport/contract-tests';
import { createAuth0Fake } from '@idport/fakes';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { createAuth0Provider } from './auth0-provider';
import { createAuth0RewritingFetch } from './auth0-rewriting-fetch';

// The real auth0 SDKs against the spec-checked fake: every request and response is validated
// against Auth0's two OpenAPI documents, and a mismatch fails the call (specCheck 'enforce').
// bcrypt cost 4 instead of Auth0's 10 keeps the ~600 password hashes of the suite fast.
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

const [app, m2m] = fake.settings.applications;

runIdentityProviderContract({
  name: 'auth0 (fake)',
  createProvider: async () =>
    createAuth0Provider({
      domain: fake.domain,
      clientId: app?.clientId as string,
      clientSecret: app?.clientSecret as string,
      audience: fake.settings.apiAudience,
      connection: fake.settings.connection.name,
      connectionId: fake.settings.connection.id,
      management: { clientId: m2m?.clientId as string, clientSecret: m2m?.clientSecret as string },
      fetch: createAuth0RewritingFetch(fake.domain, fake.url),
      jobPollIntervalMs: 20,
    }),
});
