import {
  AdminDeleteUserCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { type ContractOptions, runIdentityProviderContract } from '@idport/contract-tests';
import { inject } from 'vitest';
import { createCognitoProvider } from './cognito-provider';
import type { CognitoProviderOptions } from './cognito-provider-options';
import { fixedCode } from './test-support/start-cognito-local';

/**
 * The shared contract suite against cognito-local (email usernames, then plain usernames),
 * and against a real user pool when IDPORT_COGNITO_USER_POOL_ID is set (see README).
 */

/** Where cognito-local differs from Cognito; each one is listed in the README with its reason. */
const cognitoLocalQuirks: ContractOptions['quirks'] = {
  disabledUsersCanSignIn: true,
  noPasswordPolicy: true,
  listIgnoresPageSize: true,
  totpReplayAllowed: true,
};

function localContract(pool: 'emailPool' | 'usernamePool', name: string): void {
  const settings = (): CognitoProviderOptions => {
    const { endpoint, userPoolId, clientId } = inject(pool);
    return {
      region: 'local',
      endpoint,
      userPoolId,
      clientId,
      usernameAttribute: pool === 'emailPool' ? 'email' : 'username',
      maxAttempts: 1,
    };
  };
  runIdentityProviderContract({
    name,
    createProvider: async () => createCognitoProvider(settings()),
    backdoor: {
      // cognito-local runs with CODE fixed: every confirmation code is that one.
      readSignUpCode: async () => fixedCode,
      deleteUser: async (userId) => {
        const { endpoint, userPoolId } = settings();
        const client = new CognitoIdentityProviderClient({
          region: 'local',
          endpoint,
          maxAttempts: 1,
          credentials: { accessKeyId: 'cognito-local', secretAccessKey: 'cognito-local' },
        });
        try {
          await client.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: userId }));
        } finally {
          client.destroy();
        }
      },
    },
    quirks: cognitoLocalQuirks,
  });
}

const realPoolId = process.env.IDPORT_COGNITO_USER_POOL_ID;

if (realPoolId) {
  runIdentityProviderContract({
    name: 'cognito (AWS user pool)',
    createProvider: async () =>
      createCognitoProvider({
        region: process.env.IDPORT_COGNITO_REGION ?? process.env.AWS_REGION ?? '',
        userPoolId: realPoolId,
        clientId: process.env.IDPORT_COGNITO_CLIENT_ID ?? '',
        clientSecret: process.env.IDPORT_COGNITO_CLIENT_SECRET || undefined,
        refreshTokenRotation: process.env.IDPORT_COGNITO_REFRESH_ROTATION === 'true',
      }),
    password: process.env.IDPORT_COGNITO_PASSWORD || undefined,
    emailPrefix: process.env.IDPORT_COGNITO_EMAIL_PREFIX || undefined,
    skip: {
      'auth.sign-up-then-confirm': 'the confirmation code goes to a real mailbox the suite cannot read',
    },
  });
} else {
  localContract('emailPool', 'cognito (cognito-local, email usernames)');
  localContract('usernamePool', 'cognito (cognito-local, plain usernames)');
}
