import { runIdentityProviderContract } from '@idport/contract-tests';
import { createAuth0Fake } from '@idport/fakes';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { createAuth0Provider } from './auth0-provider';
import { createAuth0RewritingFetch } from './auth0-rewriting-fetch';

// The real auth0 SDKs against the spec-checked fake: every request and response is validated
// against Auth0's two OpenAPI documents, a mismatch fails the call (specCheck 'enforce'), and
// the Management API runs under Auth0's paid-tier rate budgets (the fake's default).
// bcrypt cost 4 instead of Auth0's 10 keeps the suite's ~600 password hashes fast.
const fake = createAuth0Fake({ tenant: { bcryptCost: 4 }, jobDelayMs: 10 });

beforeAll(async () => {
  await fake.start();
});
afterEach(() => {
  expect(fake.server.takeViolations()).toEqual([]);
});
afterAll(async () => {
  const stats = fake.server.stats();
  // Figures for the report: how much traffic the spec checker saw and what the budgets did.
  console.log(
    `auth0 fake (contract): ${stats.requests} requests, ${stats.validatedPairs} request/response pairs validated ` +
      `(${JSON.stringify(stats.validatedPairsByDocument)}), uncovered ${JSON.stringify(stats.uncoveredCalls)}, ` +
      `${stats.violations} violations, ${stats.rateLimited} answered 429`,
  );
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

// Against a real tenant when its settings are in the environment (see the README, "Running the
// contract suite against a real tenant").
const tenant = {
  domain: process.env.IDPORT_AUTH0_DOMAIN,
  clientId: process.env.IDPORT_AUTH0_CLIENT_ID,
  clientSecret: process.env.IDPORT_AUTH0_CLIENT_SECRET,
  audience: process.env.IDPORT_AUTH0_AUDIENCE,
  connectionId: process.env.IDPORT_AUTH0_CONNECTION_ID,
  managementClientId: process.env.IDPORT_AUTH0_MANAGEMENT_CLIENT_ID,
  managementClientSecret: process.env.IDPORT_AUTH0_MANAGEMENT_CLIENT_SECRET,
};
if (Object.values(tenant).every((value) => typeof value === 'string' && value.length > 0)) {
  runIdentityProviderContract({
    name: `auth0 (${tenant.domain})`,
    createProvider: async () =>
      createAuth0Provider({
        domain: tenant.domain as string,
        clientId: tenant.clientId as string,
        clientSecret: tenant.clientSecret as string,
        audience: tenant.audience as string,
        connection: process.env.IDPORT_AUTH0_CONNECTION ?? 'Username-Password-Authentication',
        connectionId: tenant.connectionId as string,
        management: {
          clientId: tenant.managementClientId as string,
          clientSecret: tenant.managementClientSecret as string,
        },
        ...(process.env.IDPORT_AUTH0_ROLES_CLAIM ? { rolesClaim: process.env.IDPORT_AUTH0_ROLES_CLAIM } : {}),
      }),
    // Users are created and deleted; everything the suite makes starts with this prefix.
    emailPrefix: process.env.IDPORT_AUTH0_EMAIL_PREFIX ?? 'idport-contract',
    quirks: process.env.IDPORT_AUTH0_ROLES_CLAIM ? {} : { groupsNotInTokens: true },
  });
}
