import type { TestProject } from 'vitest/node';
// Reused from the Cognito adapter's own tests (same repository, not a published API):
// cognito-local's binary as a child process on a free loopback port, and a pool with
// optional TOTP plus an app client allowing the password flow.
import {
  createTestPool,
  type TestPool,
} from '../../../../packages/cognito/src/test-support/create-test-pool';
import { startCognitoLocal } from '../../../../packages/cognito/src/test-support/start-cognito-local';
// Reused from the Keycloak and Okta adapters' own tests: each starts its fake of
// `@idport/fakes` (default realm `idport` / default org, spec checking enforced) on a free
// loopback port, provides `keycloakFakeUrl` / `oktaFakeUrl`, and prints what it validated.
import startKeycloakFake from '../../../../packages/keycloak/src/__fixtures__/keycloak-fake-global-setup';
import startOktaFake from '../../../../packages/okta/src/__fixtures__/okta-fake-global-setup';

/** The Firebase adapter's own emulator start (firebase-tools binary, offline `demo-test` project). */
type StartAuthEmulator = (project: TestProject) => Promise<() => Promise<void>>;
// Imported at run time, not type-checked here: that file is checked with its own package
// (which has another vitest copy's types).
const firebaseEmulatorModule = new URL(
  '../../../../packages/firebase/src/__fixtures__/start-auth-emulator.ts',
  import.meta.url,
).href;

import { ensureChromium } from '../../scripts/ensure-chromium.mjs';
import { startAuth0Fake } from './auth0-fake';

declare module 'vitest' {
  export interface ProvidedContext {
    cognitoPool: TestPool;
    /** `host:port` of the Firebase Auth emulator (provided by the Firebase package's helper). */
    firebaseEmulatorHost: string;
  }
}

/** Starts one peer for the whole run; resolves with what stops it. */
type StartPeer = () => Promise<() => Promise<void>>;

/**
 * Makes sure Debian's Chromium is there (installing it as root when missing, which can take
 * a minute: done here, outside any test timeout), then starts, side by side, one
 * cognito-local (with a pool), the Firebase Auth emulator and the Keycloak, Okta and Auth0
 * fakes, and stops them afterwards.
 */
export default async function setup(project: TestProject) {
  ensureChromium();
  const { default: startAuthEmulator } = (await import(firebaseEmulatorModule)) as {
    default: StartAuthEmulator;
  };
  const startCognitoWithPool: StartPeer = async () => {
    const peer = await startCognitoLocal();
    try {
      project.provide('cognitoPool', await createTestPool(peer.endpoint, 'switch-by-config'));
    } catch (error) {
      await peer.stop();
      throw error;
    }
    return () => peer.stop();
  };
  const peers: StartPeer[] = [
    startCognitoWithPool,
    () => startAuthEmulator(project),
    () => startKeycloakFake(project),
    () => startOktaFake(project),
    () => startAuth0Fake(project),
  ];
  const started = await Promise.allSettled(peers.map((start) => start()));
  const stops = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const stopAll = async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    // Whatever did start must not outlive the failed run (a child process would keep vitest up).
    await stopAll();
    throw failed.reason;
  }
  return stopAll;
}
