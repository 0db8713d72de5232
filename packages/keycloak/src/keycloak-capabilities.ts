import { type OperationName, operationsExcept, type ProviderCapabilities } from '@idport/core';
import { keycloakHashAlgorithms } from './keycloak-hash-formats';
import type { KeycloakProviderOptions } from './keycloak-provider-options';
import { keycloakImportBatch } from './keycloak-transfer';
import { keycloakDefaultPageSize } from './keycloak-users';

const operations: readonly OperationName[] = operationsExcept(
  'auth.signUp',
  'auth.confirmSignUp',
  'mfa.generateRecoveryCodes',
);

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
