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
  await fakeControl().setRateLimits(oktaDefaultRateLimits.map((rule) => ({ ...rule, limit: rule.limit * 10 })));
});
afterAll(async () => {
  await fakeControl().setRateLimits(oktaDefaultRateLimits);
});

runIdentityProviderContract({
  name: 'okta (@idport/fakes Okta fake)',
  createProvider: async () => createOktaProvider(testSettings()),
});
