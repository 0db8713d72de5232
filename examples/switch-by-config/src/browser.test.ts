import { inject } from 'vitest';
import { describeBrowserJourney } from './test-support/browser-journey';

// The embedded provider and cognito-local: the same journey as against the vendor fakes
// (browser-vendor-fakes.test.ts), nothing but the configuration changed.
describeBrowserJourney({
  provider: 'local',
  peer: 'in memory',
  environment: () => ({
    IDPORT_PROVIDER: 'local',
    IDPORT_LOCAL_DATABASE: ':memory:',
    // Cheaper scrypt for the test only (the default costs ~350 ms per hash).
    IDPORT_LOCAL_PASSWORD_HASHING__LOG_N: '12',
  }),
});

describeBrowserJourney({
  provider: 'cognito',
  peer: 'cognito-local',
  environment: () => {
    const pool = inject('cognitoPool');
    return {
      IDPORT_PROVIDER: 'cognito',
      IDPORT_COGNITO_REGION: 'local',
      IDPORT_COGNITO_ENDPOINT: pool.endpoint,
      IDPORT_COGNITO_USER_POOL_ID: pool.userPoolId,
      IDPORT_COGNITO_CLIENT_ID: pool.clientId,
      IDPORT_COGNITO_MAX_ATTEMPTS: '1',
    };
  },
});
