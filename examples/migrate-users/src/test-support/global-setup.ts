import {
  type Auth0Fake,
  createAuth0Fake,
  createKeycloakFake,
  createOktaFake,
  defaultKeycloakRealm,
  defaultOktaOrg,
  type KeycloakFake,
  type OktaFake,
} from '@idport/fakes';
import type { TestProject } from 'vitest/node';
// Reused from the Cognito adapter's own tests (same repository, not a published API):
// cognito-local's binary as a child process on a free loopback port, and a pool with
// optional TOTP plus an app client allowing the password flow.
import {
  createTestPool,
  type TestPool,
} from '../../../../packages/cognito/src/test-support/create-test-pool';
import { startCognitoLocal } from '../../../../packages/cognito/src/test-support/start-cognito-local';
import type { FakePeers } from './fake-peers';

declare module 'vitest' {
  export interface ProvidedContext {
    cognitoPool: TestPool;
    /** `127.0.0.1:<port>` of the Firebase Auth emulator. */
    firebaseEmulatorHost: string;
    fakePeers: FakePeers;
  }
}

type Stop = () => Promise<void>;

function requireValue<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the fake's default settings have no ${what}`);
  return value;
}

/** One line per fake at the end: how much of the traffic its OpenAPI checker saw, and what it refused. */
function fakeSummary(name: string, server: KeycloakFake['server']): string {
  const stats = server.stats();
  return `${name} fake: ${stats.requests} requests, ${stats.validatedPairs} request/response pairs validated, ${stats.violations} spec violations`;
}

/**
 * Starts every peer the tests migrate to and from, once for the run, on free loopback ports:
 * cognito-local, the Firebase Auth emulator, and the Keycloak, Okta and Auth0 fakes (spec
 * checking enforced: a request or response outside the vendor's OpenAPI documents is answered
 * 599 and recorded, and the tests fail on recorded violations). Everything started is stopped
 * afterwards, also when one of the peers fails to start.
 */
/** The Firebase adapter's own emulator start (firebase-tools binary, offline `demo-test` project). */
type StartAuthEmulator = (project: TestProject) => Promise<() => Promise<void>>;
// Imported at run time, not type-checked here: that file is checked with its own package,
// which resolves another copy of vitest's types (as in examples/switch-by-config).
const firebaseEmulatorModule = new URL(
  '../../../../packages/firebase/src/__fixtures__/start-auth-emulator.ts',
  import.meta.url,
).href;

export default async function setup(project: TestProject) {
  const stops: Stop[] = [];
  const fakes: { keycloak?: KeycloakFake; okta?: OktaFake; auth0?: Auth0Fake } = {};

  const startCognito = async () => {
    const peer = await startCognitoLocal();
    stops.push(() => peer.stop());
    project.provide('cognitoPool', await createTestPool(peer.endpoint, 'migrate-users'));
  };
  // The Firebase adapter's own emulator start; it provides `firebaseEmulatorHost` itself.
  const startFirebase = async () => {
    const { default: startAuthEmulator } = (await import(firebaseEmulatorModule)) as {
      default: StartAuthEmulator;
    };
    stops.push(await startAuthEmulator(project));
  };
  const startKeycloak = async () => {
    const fake = createKeycloakFake({ specCheck: 'enforce', realms: [defaultKeycloakRealm] });
    await fake.start();
    stops.push(() => fake.stop());
    fakes.keycloak = fake;
  };
  // Okta's documented budget (600 user creations per minute) stays on: the tests create a
  // handful of users, far below it, so the pacing costs nothing and stays as real as it gets.
  const startOkta = async () => {
    const fake = createOktaFake({ specCheck: 'enforce' });
    await fake.start();
    stops.push(() => fake.stop());
    fakes.okta = fake;
  };
  // bcrypt cost 4 for the passwords the fake hashes itself (Auth0 uses 10), as the Auth0
  // adapter's tests do; imported hashes keep their own cost. Jobs start after 10 ms, not 50.
  const startAuth0 = async () => {
    const fake = createAuth0Fake({ specCheck: 'enforce', tenant: { bcryptCost: 4 }, jobDelayMs: 10 });
    await fake.start();
    stops.push(() => fake.stop());
    fakes.auth0 = fake;
  };

  const stopAll = async () => {
    const summaries = [
      fakes.keycloak && fakeSummary('Keycloak', fakes.keycloak.server),
      fakes.okta && fakeSummary('Okta', fakes.okta.server),
      fakes.auth0 && fakeSummary('Auth0', fakes.auth0.server),
    ].filter((line): line is string => typeof line === 'string');
    if (summaries.length > 0) process.stdout.write(`\n${summaries.join('\n')}\n`);
    // Every peer is stopped even when another one fails to stop.
    const results = await Promise.allSettled(stops.map((stop) => stop()));
    const failure = results.find((result) => result.status === 'rejected');
    if (failure?.status === 'rejected') throw failure.reason;
  };

  // allSettled, not all: a peer still starting when another fails must be stopped too.
  const started = await Promise.allSettled([
    startCognito(),
    startFirebase(),
    startKeycloak(),
    startOkta(),
    startAuth0(),
  ]);
  const failure = started.find((result) => result.status === 'rejected');
  if (failure?.status === 'rejected') {
    await stopAll();
    throw failure.reason;
  }

  const keycloak = requireValue(fakes.keycloak, 'Keycloak fake');
  const okta = requireValue(fakes.okta, 'Okta fake');
  const auth0 = requireValue(fakes.auth0, 'Auth0 fake');
  const keycloakApp = requireValue(
    defaultKeycloakRealm.clients?.find((client) => client.directAccessGrantsEnabled),
    'Keycloak client with direct access grants',
  );
  const keycloakAdmin = requireValue(
    defaultKeycloakRealm.clients?.find((client) => client.serviceAccountsEnabled),
    'Keycloak service-account client',
  );
  const oktaApp = requireValue(defaultOktaOrg.clients[0], 'Okta OIDC app');
  const [auth0App, auth0Management] = auth0.settings.applications;
  project.provide('fakePeers', {
    keycloak: {
      url: keycloak.url,
      realm: defaultKeycloakRealm.realm,
      clientId: keycloakApp.clientId,
      clientSecret: requireValue(keycloakApp.secret, 'Keycloak app secret'),
      adminClientId: keycloakAdmin.clientId,
      adminClientSecret: requireValue(keycloakAdmin.secret, 'Keycloak admin secret'),
    },
    okta: {
      url: okta.url,
      apiToken: requireValue(defaultOktaOrg.apiTokens[0], 'Okta API token'),
      clientId: oktaApp.clientId,
      clientSecret: requireValue(oktaApp.clientSecret, 'Okta app secret'),
    },
    auth0: {
      url: auth0.url,
      domain: auth0.domain,
      clientId: requireValue(auth0App, 'Auth0 application').clientId,
      clientSecret: requireValue(auth0App, 'Auth0 application').clientSecret,
      audience: auth0.settings.apiAudience,
      connection: auth0.settings.connection.name,
      connectionId: auth0.settings.connection.id,
      managementClientId: requireValue(auth0Management, 'Auth0 M2M application').clientId,
      managementClientSecret: requireValue(auth0Management, 'Auth0 M2M application').clientSecret,
    },
  });
  return stopAll;
}
