import { rename, rm } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
// Reused from the Cognito adapter's own tests (same repository, not a published API).
import { createTestPool } from '../../../../packages/cognito/src/test-support/create-test-pool';
import {
  fixedCode,
  startCognitoLocal,
} from '../../../../packages/cognito/src/test-support/start-cognito-local';

/** Quirks of cognito-local (see packages/cognito's README); a real pool declares none. */
const cognitoLocalQuirks = [
  'disabledUsersCanSignIn',
  'noPasswordPolicy',
  'listIgnoresPageSize',
  'totpReplayAllowed',
];

/**
 * With IDPORT_PROVIDER set (a real tenant, as in the workflow file) nothing is started.
 * Otherwise cognito-local plays the team's user pool, and the same variables the workflow
 * sets are filled in for it.
 */
export default async function setup(_project: TestProject) {
  if (process.env.IDPORT_PROVIDER || process.env.IDPORT_CONFIG) return;
  const peer = await startCognitoLocal();
  const pool = await createTestPool(peer.endpoint, 'team-tenant');
  // Set before vitest starts its workers, which inherit them: the test file reads only
  // process.env, exactly as in a team's CI job.
  Object.assign(process.env, {
    IDPORT_PROVIDER: 'cognito',
    IDPORT_COGNITO_REGION: 'local',
    IDPORT_COGNITO_ENDPOINT: pool.endpoint,
    IDPORT_COGNITO_USER_POOL_ID: pool.userPoolId,
    IDPORT_COGNITO_CLIENT_ID: pool.clientId,
    IDPORT_COGNITO_MAX_ATTEMPTS: '1',
    IDPORT_CONTRACT_NAME: 'cognito (cognito-local standing in for a team pool)',
    IDPORT_CONTRACT_EMAIL_PREFIX: 'team-ci',
    IDPORT_CONTRACT_SIGN_UP_CODE: fixedCode,
    IDPORT_CONTRACT_QUIRKS: cognitoLocalQuirks.join(','),
  });
  return async () => {
    await peer.stop();
    for (const name of Object.keys(process.env)) {
      if (name.startsWith('IDPORT_')) delete process.env[name];
    }
    // The suite records its run for docs/capabilities.md; this example's run is not an
    // adapter's, so it is kept under another name the table generator does not read.
    await rm('test-results/example-contract-runs', { recursive: true, force: true });
    await rename('test-results/contract-runs', 'test-results/example-contract-runs').catch(() => undefined);
  };
}
