import { type FaultProxy, runFaultCampaign, startFaultProxy } from '@idport/contract-tests';
import { afterAll } from 'vitest';
import { fakeUrl, testSettings } from './__fixtures__/keycloak-test-settings';
import { createKeycloakProvider } from './keycloak-provider';

// The adapter through the shared fault proxy in front of the Keycloak fake, at a 10% rate:
// idempotent calls must succeed through withRetry, others fail only with typed errors, and
// nothing is applied twice.
let proxy: FaultProxy | undefined;
afterAll(async () => proxy?.close());

runFaultCampaign({
  name: 'keycloak (Keycloak fake behind a fault proxy)',
  proxy: () => proxy as FaultProxy,
  createProvider: async () => {
    proxy = await startFaultProxy({
      target: fakeUrl(),
      rate: 0.1,
      // What a proxy in front of Keycloak answers when it throttles (Keycloak has no limiter).
      rateLimitResponse: {
        headers: { 'content-type': 'application/json', 'retry-after': '1' },
        body: '{"error":"too_many_requests"}',
      },
    });
    return createKeycloakProvider(testSettings({ baseUrl: proxy.url, timeoutMs: 5000 }));
  },
  iterations: 30,
});
