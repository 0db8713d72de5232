import { type FaultProxy, runFaultCampaign, startFaultProxy } from '@idport/contract-tests';
import { afterAll, inject } from 'vitest';
import { createEmulatorProvider } from './__fixtures__/firebase-test-environment';

// Issue 11: the firebase adapter through a fault proxy in front of the Auth emulator, at a 10% rate.
let proxy: FaultProxy | undefined;
afterAll(async () => proxy?.close());
const host = inject('firebaseEmulatorHost');

if (host) {
  runFaultCampaign({
    name: 'firebase (Auth emulator behind a fault proxy)',
    proxy: () => proxy as FaultProxy,
    createProvider: async () => {
      proxy = await startFaultProxy({
        target: `http://${host}`,
        rate: 0.1,
        // Google's throttling answer.
        rateLimitResponse: {
          headers: { 'content-type': 'application/json' },
          body: '{"error":{"code":429,"message":"TOO_MANY_ATTEMPTS_TRY_LATER","status":"RESOURCE_EXHAUSTED"}}',
        },
      });
      return createEmulatorProvider(new URL(proxy.url).host);
    },
    iterations: 30,
  });
}
