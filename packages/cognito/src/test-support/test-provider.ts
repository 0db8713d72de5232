import { randomUUID } from 'node:crypto';
import type { IdentityProvider } from '@idport/core';
import { inject } from 'vitest';
import { createCognitoProvider } from '../cognito-provider';
import type { CognitoProviderOptions } from '../cognito-provider-options';

/** A password that satisfies Cognito's default policy. */
export const testPassword = 'Correct-Horse-9-Battery!';

/** A unique email for one test. */
export function uniqueEmail(tag = 'user'): string {
  return `idport-${tag}-${randomUUID().slice(0, 8)}@example.com`;
}

/** A provider on one of the run's cognito-local pools, SDK retries off so failures are fast. */
export function testProvider(
  pool: 'emailPool' | 'usernamePool' = 'emailPool',
  overrides: Partial<CognitoProviderOptions> = {},
): IdentityProvider {
  const { endpoint, userPoolId, clientId } = inject(pool);
  return createCognitoProvider({
    region: 'local',
    endpoint,
    userPoolId,
    clientId,
    usernameAttribute: pool === 'emailPool' ? 'email' : 'username',
    maxAttempts: 1,
    ...overrides,
  });
}
