import { type OperationName, operationsExcept, type ProviderCapabilities } from '@idport/core';
import { firebaseImportableHashes } from './firebase-password-hash';
import { firebaseImportBatchSize } from './firebase-transfer-operations';

/**
 * Operations that work against both the Auth emulator and a real project. TOTP enrollment
 * and TOTP sign-in, temporary passwords, recovery codes, sign-up confirmation and
 * `groups.create` are absent: see the README for why.
 */
export const firebaseOperations: readonly OperationName[] = operationsExcept(
  'auth.completeNewPassword',
  'auth.confirmSignUp',
  'mfa.enrollTotp',
  'mfa.confirmEnrollment',
  'mfa.generateRecoveryCodes',
  'groups.create',
);

/**
 * The manifest for one configuration. Hash export depends on it: only a real project
 * with `hashConfig` yields hashes another system can verify (the emulator's are fake).
 */
export function firebaseCapabilities(environment: {
  emulator: boolean;
  hashConfig: boolean;
}): ProviderCapabilities {
  return {
    operations: firebaseOperations,
    mfaFactorTypes: ['sms'],
    limits: { maxPageSize: 1000, maxImportBatch: firebaseImportBatchSize },
    passwordHashes: {
      importable: firebaseImportableHashes,
      exportable: !environment.emulator && environment.hashConfig ? ['firebase-scrypt'] : [],
    },
    totpSecrets: { exportable: false, importable: false },
    groupModel: 'custom-claims',
    // securetoken answers with the same refresh token; revocation is per user.
    refreshTokenRotation: false,
    rateLimits: [
      {
        scope: 'Admin SDK user management (createUser, updateUser, deleteUser, ...)',
        requests: 1000,
        perSeconds: 1,
        source: 'Firebase Authentication limits: 1000 requests/second per project',
      },
      {
        scope: 'importUsers',
        requests: 1,
        perSeconds: 1,
        source: 'Firebase Authentication limits: one batch of 1000 users per second',
      },
    ],
  };
}
