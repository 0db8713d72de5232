import type { OperationName, ProviderCapabilities } from '@idport/core';
import { keycloakHashAlgorithms } from './keycloak-hash-formats';
import type { KeycloakProviderOptions } from './keycloak-provider-options';
import { keycloakImportBatch } from './keycloak-transfer';
import { keycloakDefaultPageSize } from './keycloak-users';

const operations: readonly OperationName[] = [
  'auth.signIn',
  'auth.completeMfa',
  'auth.completeNewPassword',
  'auth.refresh',
  'auth.revoke',
  'auth.signOut',
  'mfa.listFactors',
  'mfa.enrollTotp',
  'mfa.confirmEnrollment',
  'mfa.removeFactor',
  'users.create',
  'users.get',
  'users.findByEmail',
  'users.update',
  'users.setPassword',
  'users.disable',
  'users.enable',
  'users.delete',
  'users.list',
  'groups.list',
  'groups.create',
  'groups.delete',
  'groups.addMember',
  'groups.removeMember',
  'groups.listForUser',
  'tokens.verifyAccessToken',
  'tokens.verifyIdToken',
  'transfer.exportUsers',
  'transfer.importUsers',
];

/**
 * What the Keycloak adapter supports. Not declared: `auth.signUp`/`confirmSignUp`
 * (self-registration is a browser flow in Keycloak) and recovery codes (Keycloak's
 * recovery-authn-codes credential has no admin or direct-grant API).
 */
export function keycloakCapabilities(options: KeycloakProviderOptions): ProviderCapabilities {
  const fromExport = options.realmExportPath !== undefined;
  return {
    operations,
    mfaFactorTypes: ['totp'],
    limits: { maxPageSize: keycloakDefaultPageSize, maxImportBatch: keycloakImportBatch },
    passwordHashes: {
      importable: keycloakHashAlgorithms,
      // The admin API never returns secretData; only a `kc.sh export` file carries hashes.
      exportable: fromExport ? keycloakHashAlgorithms : [],
    },
    totpSecrets: { exportable: fromExport, importable: true },
    groupModel: 'groups',
    refreshTokenRotation: options.refreshTokenRotation,
    // Keycloak has no request rate limiting of its own (only brute-force detection on sign-in).
    rateLimits: [],
  };
}
