import type { TestProject } from 'vitest/node';
// Reused from the Cognito adapter's own tests (same repository, not a published API):
// cognito-local's binary as a child process on a free loopback port, and a pool with
// optional TOTP plus an app client allowing the password flow.
import {
  createTestPool,
  type TestPool,
} from '../../../../packages/cognito/src/test-support/create-test-pool';
import { startCognitoLocal } from '../../../../packages/cognito/src/test-support/start-cognito-local';

import { ensureChromium } from '../../scripts/ensure-chromium.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    cognitoPool: TestPool;
  }
}

/**
 * Makes sure Debian's Chromium is there (installing it as root when missing, which can take
 * a minute: done here, outside any test timeout), then starts one cognito-local for the
 * run and stops it afterwards.
 */
export default async function setup(project: TestProject) {
  ensureChromium();
  const peer = await startCognitoLocal();
  project.provide('cognitoPool', await createTestPool(peer.endpoint, 'switch-by-config'));
  return () => peer.stop();
}
