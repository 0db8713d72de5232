import {
  type OperationName,
  operationsExcept,
  type ProviderCapabilities,
  type RateLimitRule,
} from '@idport/core';
import { cognitoMaxPageSize } from './fill-page';

/** Operations that work against cognito-local 5.3.0 (each one is exercised by this package's tests). */
const localOperations: readonly OperationName[] = operationsExcept(
  'auth.signOut',
  'mfa.generateRecoveryCodes',
);

/**
 * Real Cognito adds AdminUserGlobalSignOut, which cognito-local answers with "Unsupported".
 * `mfa.generateRecoveryCodes` is absent everywhere: Cognito has no recovery codes.
 */
const awsOperations: readonly OperationName[] = operationsExcept('mfa.generateRecoveryCodes');

const quotaSource =
  'Amazon Cognito Developer Guide, Quotas: user pool API operation categories (default RPS)';

/** Default request-rate quotas per account and Region that idport's calls fall under. */
const rateLimits: readonly RateLimitRule[] = [
  {
    scope: 'UserCreation (AdminCreateUser, SignUp, ConfirmSignUp)',
    requests: 50,
    perSeconds: 1,
    source: quotaSource,
    // An import call creates one user (maxImportBatch 1).
    operations: ['users.create', 'auth.signUp', 'auth.confirmSignUp', 'transfer.importUsers'],
  },
  {
    scope: 'UserAuthentication (InitiateAuth, AdminInitiateAuth)',
    requests: 120,
    perSeconds: 1,
    source: quotaSource,
    operations: ['auth.signIn', 'auth.refresh'],
  },
  {
    scope: 'UserRead (AdminGetUser, GetUser)',
    requests: 120,
    perSeconds: 1,
    source: quotaSource,
    operations: ['users.get'],
  },
  {
    scope: 'UserList (ListUsers)',
    requests: 30,
    perSeconds: 1,
    source: quotaSource,
    operations: ['users.list', 'users.findByEmail'],
  },
  {
    scope: 'UserUpdate (AdminUpdateUserAttributes, AdminSetUserPassword, ...)',
    requests: 25,
    perSeconds: 1,
    source: quotaSource,
  },
];

/**
 * The manifest depends on the peer: against cognito-local it lists only what that emulator
 * really does; against AWS it adds global sign-out, SMS and email factors and the client's
 * refresh-token rotation.
 */
export function cognitoCapabilities(options: {
  local: boolean;
  refreshTokenRotation: boolean;
}): ProviderCapabilities {
  return {
    operations: options.local ? localOperations : awsOperations,
    mfaFactorTypes: options.local ? ['totp'] : ['totp', 'sms', 'email'],
    limits: { maxPageSize: cognitoMaxPageSize, maxImportBatch: 1 },
    passwordHashes: { importable: [], exportable: [] },
    totpSecrets: { exportable: false, importable: false },
    groupModel: 'groups',
    refreshTokenRotation: options.local ? false : options.refreshTokenRotation,
    rateLimits,
  };
}
