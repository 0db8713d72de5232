import { runHostileInputSuite } from '@idport/contract-tests';
import { failOnSpecViolations, testSettings } from './__fixtures__/keycloak-test-settings';
import { createKeycloakProvider } from './keycloak-provider';

// Whatever reaches Keycloak must still be a request its API documents.
failOnSpecViolations();

runHostileInputSuite({
  name: 'keycloak (@idport/fakes Keycloak fake)',
  createProvider: async () => createKeycloakProvider(testSettings()),
  numRuns: 60,
});
