import type { TestProject } from 'vitest/node';
// Reused from the Cognito adapter's own tests (same repository, not a published API):
// cognito-local's binary as a child process on a free loopback port, and a pool with
// optional TOTP plus an app client allowing the password flow.
import {
  createTestPool,
  type TestPool,
} from '../../../../packages/cognito/src/test-support/create-test-pool';
import { startCognitoLocal } from '../../../../packages/cognito/src/test-support/start-cognito-local';

/** The Firebase adapter's own emulator start (firebase-tools binary, offline `demo-test` project). */
type StartAuthEmulator = (project: TestProject) => Promise<() => Promise<void>>;
// Imported at run time, not type-checked here: that file is checked with its own package
// (which has another vitest copy's types).
const firebaseEmulatorModule = new URL(
  '../../../../packages/firebase/src/__fixtures__/start-auth-emulator.ts',
  import.meta.url,
).href;

import { ensureChromium } from '../../scripts/ensure-chromium.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    cognitoPool: TestPool;
    /** `host:port` of the Firebase Auth emulator (provided by the Firebase package's helper). */
    firebaseEmulatorHost: string;
  }
}

/**
 * Makes sure Debian's Chromium is there (installing it as root when missing, which can take
 * a minute: done here, outside any test timeout), then starts one cognito-local for the
 * run and the Firebase Auth emulator, and stops them afterwards.
 */
export default async function setup(project: TestProject) {
  ensureChromium();
  const { default: startAuthEmulator } = (await import(firebaseEmulatorModule)) as {
    default: StartAuthEmulator;
  };
  const [peer, stopFirebase] = await Promise.all([startCognitoLocal(), startAuthEmulator(project)]);
  project.provide('cognitoPool', await createTestPool(peer.endpoint, 'switch-by-config'));
  return async () => {
    await Promise.all([peer.stop(), stopFirebase()]);
  };
}
