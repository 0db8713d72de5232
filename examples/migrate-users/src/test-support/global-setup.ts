import type { TestProject } from 'vitest/node';
// Reused from the Cognito adapter's own tests (same repository, not a published API):
// cognito-local's binary as a child process on a free loopback port, and a pool with
// optional TOTP plus an app client allowing the password flow.
import {
  createTestPool,
  type TestPool,
} from '../../../../packages/cognito/src/test-support/create-test-pool';
import { startCognitoLocal } from '../../../../packages/cognito/src/test-support/start-cognito-local';

declare module 'vitest' {
  export interface ProvidedContext {
    cognitoPool: TestPool;
  }
}

/** Starts one cognito-local for the run (the local → Cognito migration) and stops it afterwards. */
export default async function setup(project: TestProject) {
  const peer = await startCognitoLocal();
  project.provide('cognitoPool', await createTestPool(peer.endpoint, 'migrate-users'));
  return () => peer.stop();
}
