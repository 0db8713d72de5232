import { runHostileInputSuite, runSecretCanarySuite } from '@idport/contract-tests';
import { createFakeProvider, useAuth0Fake } from './__fixtures__/auth0-test-fake';

// Whatever reaches the fake must still be a request Auth0's documents describe.
const fake = useAuth0Fake();
const createProvider = async () => createFakeProvider(fake);

runHostileInputSuite({ name: 'auth0 (@idport/fakes Auth0 fake)', createProvider, numRuns: 60 });

runSecretCanarySuite({ name: 'auth0 (@idport/fakes Auth0 fake)', createProvider });
