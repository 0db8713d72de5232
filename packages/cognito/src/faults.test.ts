import { type FaultProxy, runFaultCampaign, startFaultProxy } from '@idport/contract-tests';
import { afterAll, inject } from 'vitest';
import { createCognitoProvider } from './cognito-provider';

// Issue 11: the cognito adapter through a fault proxy in front of cognito-local, at a 10% rate.
let proxy: FaultProxy | undefined;
afterAll(async () => proxy?.close());

runFaultCampaign({
  name: 'cognito (cognito-local behind a fault proxy)',
  proxy: () => proxy as FaultProxy,
  createProvider: async () => {
    const { endpoint, userPoolId, clientId } = inject('emailPool');
    proxy = await startFaultProxy({
      target: endpoint,
      rate: 0.1,
      // Cognito's throttling answer, as the AWS SDK parses it.
      rateLimitResponse: {
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amzn-errortype': 'TooManyRequestsException',
        },
        body: '{"__type":"TooManyRequestsException","message":"Rate exceeded"}',
      },
    });
    return createCognitoProvider({
      region: 'local',
      endpoint: proxy.url,
      userPoolId,
      clientId,
      usernameAttribute: 'email',
      maxAttempts: 1,
    });
  },
  iterations: 30,
});
