import { runIdentityProviderContract } from '@idport/contract-tests';
import { oktaDefaultRateLimits } from '@idport/fakes';
import { afterAll, beforeAll } from 'vitest';
import { failOnSpecViolations, fakeControl, testSettings } from './__fixtures__/okta-test-settings';
import { createOktaProvider } from './okta-provider';

failOnSpecViolations();

// The suite runs twice (directly and through withRetry) and makes ~1,000 management calls in
// well under a minute: more than one org's documented budget (600/min on /api/v1/users/{id}).
// It checks behaviour, not throughput, so it runs with ten times the budget; the 429 path at
// the default budget is covered by okta-rate-limits.test.ts and the 2,000-user import script.
beforeAll(async () => {
  await fakeControl().setRateLimits(
    oktaDefaultRateLimits.map((rule) => ({ ...rule, limit: rule.limit * 10 })),
  );
});
afterAll(async () => {
  await fakeControl().setRateLimits(oktaDefaultRateLimits);
});

runIdentityProviderContract({
  name: 'okta (@idport/fakes Okta fake)',
  createProvider: async () => createOktaProvider(testSettings()),
});

/**
 * With a real org in the environment, the same suite runs against it (see the README, "Run the
 * contract suite against a real org"). Its users are created under the `idport-contract`
 * email prefix and deleted afterwards.
 */
const realOrg = process.env.IDPORT_OKTA_ORG_URL;
if (realOrg) {
  runIdentityProviderContract({
    name: `okta (real org ${new URL(realOrg).hostname})`,
    createProvider: async () =>
      createOktaProvider({
        orgUrl: realOrg,
        apiToken: process.env.IDPORT_OKTA_API_TOKEN,
        clientId: process.env.IDPORT_OKTA_CLIENT_ID ?? '',
        clientSecret: process.env.IDPORT_OKTA_CLIENT_SECRET,
        authorizationServerId: process.env.IDPORT_OKTA_AUTHORIZATION_SERVER_ID ?? 'default',
        audience: process.env.IDPORT_OKTA_AUDIENCE ?? 'api://default',
        // A real org's budget is shared and per minute: let the SDK wait out a window.
        requestTimeoutMs: 0,
      }),
    ...(process.env.IDPORT_OKTA_PASSWORD ? { password: process.env.IDPORT_OKTA_PASSWORD } : {}),
  });
}
