import { mkdir, writeFile } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { createTestPool, type TestPool } from './create-test-pool';
import { startCognitoLocal } from './start-cognito-local';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A pool on cognito-local with email as username attribute (its default). */
    emailPool: TestPool;
    /** A pool on a second cognito-local whose pools use plain usernames. */
    usernamePool: TestPool;
  }
}

/**
 * Starts two cognito-local servers (email usernames and plain usernames), creates a pool
 * and client on each, and stops them after the run. Start times go to
 * `test-results/peer-timing.json` and the console.
 */
export default async function setup(project: TestProject) {
  const [emailPeer, usernamePeer] = await Promise.all([
    startCognitoLocal(),
    startCognitoLocal({ usernameAttributes: [] }),
  ]);
  const poolStarted = performance.now();
  const [emailPool, usernamePool] = await Promise.all([
    createTestPool(emailPeer.endpoint, 'idport-email'),
    createTestPool(usernamePeer.endpoint, 'idport-username'),
  ]);
  const poolMs = performance.now() - poolStarted;
  project.provide('emailPool', emailPool);
  project.provide('usernamePool', usernamePool);
  const timing = {
    peer: 'cognito-local 5.3.0 (binary, child process)',
    startMs: [Math.round(emailPeer.startMs), Math.round(usernamePeer.startMs)],
    createPoolAndClientMs: Math.round(poolMs),
  };
  console.log(`cognito-local ready: ${JSON.stringify(timing)}`);
  await mkdir('test-results', { recursive: true });
  await writeFile('test-results/peer-timing.json', `${JSON.stringify(timing, null, 2)}\n`);
  return async () => {
    await Promise.all([emailPeer.stop(), usernamePeer.stop()]);
  };
}
