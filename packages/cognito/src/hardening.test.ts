import { runHostileInputSuite, runSecretCanarySuite } from '@idport/contract-tests';
import { inject } from 'vitest';
import { createCognitoProvider } from './cognito-provider';

// Issue 11 against cognito-local: hostile input over every operation, and the canary run.
const createProvider = async () => {
  const { endpoint, userPoolId, clientId } = inject('emailPool');
  return createCognitoProvider({
    region: 'local',
    endpoint,
    userPoolId,
    clientId,
    usernameAttribute: 'email',
    maxAttempts: 1,
  });
};

runHostileInputSuite({ name: 'cognito (cognito-local)', createProvider, numRuns: 25 });
runSecretCanarySuite({ name: 'cognito (cognito-local)', createProvider });
