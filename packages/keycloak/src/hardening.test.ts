import { runHostileInputSuite, runSecretCanarySuite } from '@idport/contract-tests';
import { failOnSpecViolations, testSettings } from './__fixtures__/keycloak-test-settings';
import { createKeycloakProvider } from './keycloak-provider';

// Whatever reaches Keycloak must still be a request its API documents.
failOnSpecViolations();

const createProvider = async () => createKeycloakProvider(testSettings());

runHostileInputSuite({ name: 'keycloak (@idport/fakes Keycloak fake)', createProvider, numRuns: 60 });

runSecretCanarySuite({ name: 'keycloak (@idport/fakes Keycloak fake)', createProvider });
