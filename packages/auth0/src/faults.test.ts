import { type FaultProxy, runFaultCampaign, startFaultProxy } from '@idport/contract-tests';
import { afterAll } from 'vitest';
import { createFakeProvider, useAuth0Fake } from './__fixtures__/auth0-test-fake';

// The adapter through the shared fault proxy in front of the Auth0 fake, at a 10% rate:
// idempotent calls must succeed through withRetry, others fail only with typed errors, and
// nothing is applied twice.
const fake = useAuth0Fake();
let proxy: FaultProxy | undefined;
afterAll(async () => proxy?.close());

runFaultCampaign({
  name: 'auth0 (Auth0 fake behind a fault proxy)',
  proxy: () => proxy as FaultProxy,
  createProvider: async () => {
    proxy = await startFaultProxy({
      target: fake.url,
      rate: 0.1,
      // Auth0's Management API 429, with its headers.
      rateLimitResponse: {
        headers: {
          'content-type': 'application/json',
          'retry-after': '1',
          'x-ratelimit-limit': '50',
          'x-ratelimit-remaining': '0',
        },
        body: '{"statusCode":429,"error":"Too Many Requests","message":"Global limit has been reached","errorCode":"too_many_requests"}',
      },
    });
    return createFakeProvider(fake, proxy.url);
  },
  iterations: 30,
});
