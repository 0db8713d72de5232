import { type OperationName, operationsExcept, type ProviderCapabilities } from '@idport/core';
import { firebaseImportableHashes } from './firebase-password-hash';
import { firebaseCallBatchSize } from './firebase-transfer-operations';

/**
 * Operations that work against both the Auth emulator and a real project. TOTP enrollment
 * (declared per environment, see {@link firebaseTotpOperations}), temporary passwords,
 * recovery codes, sign-up confirmation and `groups.create` are absent: see the README for why.
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
 * Declared only for a real project whose settings say TOTP is enabled there: the emulator
 * cannot run TOTP, and a project without it would refuse every enrollment.
 */
export const firebaseTotpOperations: readonly OperationName[] = ['mfa.enrollTotp', 'mfa.confirmEnrollment'];

/**
 * The manifest for one configuration. Hash export depends on it: only a real project
 * with `hashConfig` yields hashes another system can verify (the emulator's are fake).
 * `totp` is the effective switch: `settings.totp` on a real project, never in emulator mode.
 */
export function firebaseCapabilities(environment: {
  emulator: boolean;
  hashConfig: boolean;
  totp: boolean;
}): ProviderCapabilities {
  return {
    operations: environment.totp ? [...firebaseOperations, ...firebaseTotpOperations] : firebaseOperations,
    mfaFactorTypes: environment.totp ? ['sms', 'totp'] : ['sms'],
    limits: { maxPageSize: 1000, maxImportBatch: firebaseCallBatchSize(environment.emulator) },
    passwordHashes: {
      importable: firebaseImportableHashes,
      exportable: !environment.emulator && environment.hashConfig ? ['firebase-scrypt'] : [],
    },
    totpSecrets: { exportable: false, importable: false },
    groupModel: 'custom-claims',
    // securetoken answers with the same refresh token; revocation is per user.
    refreshTokenRotation: false,
    // Only what Firebase's "Authentication limits" page documents. It names no limit for
    // importUsers, reads or Admin SDK updates; an importUsers rule of 1 per second that was
    // here matched nothing on that page and made the migration engine wait between batches.
    rateLimits: [
      {
        scope: 'Account deletion',
        requests: 10,
        perSeconds: 1,
        source: 'Firebase Authentication limits (firebase.google.com/docs/auth/limits): 10 accounts/second',
        operations: ['users.delete'],
      },
      {
        scope: 'New account creation from one IP address (client sign-up)',
        requests: 100,
        perSeconds: 3600,
        source: 'Firebase Authentication limits: 100 accounts/hour for each IP address',
        operations: ['auth.signUp'],
      },
    ],
  };
}
