import { runIdentityProviderContract } from '@idport/contract-tests';
import { failOnSpecViolations, testSettings } from './__fixtures__/keycloak-test-settings';
import { createKeycloakProvider } from './keycloak-provider';

failOnSpecViolations();

runIdentityProviderContract({
  name: 'keycloak (@idport/fakes Keycloak fake)',
  createProvider: async () => createKeycloakProvider(testSettings()),
});
