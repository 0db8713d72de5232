import { operationsExcept, type ProviderCapabilities } from '@idport/core';
import { importablePasswordHashAlgorithms } from './auth0-password-hash-mapping';

/**
 * Operations Auth0 cannot do through its APIs:
 * - `auth.completeNewPassword`: Auth0 has no "change password at next sign-in" state.
 * - `auth.signUp` / `auth.confirmSignUp`: the adapter manages users through the Management
 *   API; self-service sign-up (`/dbconnections/signup`) answers `invalid_signup` for an
 *   existing email by design, and confirmation is a link, not a code.
 */

/** What the Auth0 adapter supports. */
export const auth0Capabilities: ProviderCapabilities = {
  operations: operationsExcept('auth.completeNewPassword', 'auth.signUp', 'auth.confirmSignUp'),
  mfaFactorTypes: ['totp', 'recovery_code'],
  // GET /api/v2/users takes per_page ≤ 100.
  limits: { maxPageSize: 100, maxImportBatch: 500 },
  passwordHashes: {
    importable: importablePasswordHashAlgorithms,
    // Auth0 never exports password hashes (export jobs and the Management API omit them).
    exportable: [],
  },
  // Import jobs take TOTP secrets (`mfa_factors`); nothing ever reads them back out.
  totpSecrets: { exportable: false, importable: true },
  groupModel: 'roles',
  refreshTokenRotation: true,
  rateLimits: [
    {
      scope: 'GET /api/v2/users*',
      requests: 500,
      perSeconds: 60,
      source: 'Auth0 Management API Endpoint Rate Limits (paid): Read Users',
      operations: ['users.get', 'users.list'],
    },
    {
      scope: 'POST|PATCH|DELETE /api/v2/users*',
      requests: 200,
      perSeconds: 60,
      source: 'Auth0 Management API Endpoint Rate Limits (paid): Write Users',
      operations: ['users.create', 'users.update', 'users.disable', 'users.enable', 'users.delete'],
    },
    {
      scope: 'Management API (tenant)',
      requests: 50,
      perSeconds: 1,
      source: 'Auth0 Management API Endpoint Rate Limits (self-service paid)',
      // One import call is one job request (its status polls are paced by the adapter).
      operations: ['transfer.importUsers', 'groups.list', 'groups.create', 'groups.delete'],
    },
  ],
};
