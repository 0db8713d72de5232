import { operationsExcept, type ProviderCapabilities } from '@idport/core';

/**
 * What the Okta adapter supports. Not declared: `auth.signUp` / `auth.confirmSignUp` (Okta
 * self-service registration runs in its hosted flows), `auth.completeNewPassword` (the
 * direct-authentication grants have no password-change step), `mfa.generateRecoveryCodes`
 * (Okta has no recovery codes).
 */
export const oktaCapabilities: ProviderCapabilities = {
  operations: operationsExcept(
    'auth.completeNewPassword',
    'auth.signUp',
    'auth.confirmSignUp',
    'mfa.generateRecoveryCodes',
  ),
  mfaFactorTypes: ['totp'],
  // Okta pages /api/v1/users by at most 200; imports are one create call per user.
  limits: { maxPageSize: 200, maxImportBatch: 1 },
  passwordHashes: {
    importable: ['bcrypt', 'pbkdf2-sha256', 'pbkdf2-sha512', 'sha1', 'sha256', 'sha512', 'md5'],
    // Okta never returns password hashes.
    exportable: [],
  },
  // Okta neither returns TOTP secrets nor accepts them for Google/Okta Verify factors.
  totpSecrets: { exportable: false, importable: false },
  groupModel: 'groups',
  refreshTokenRotation: true,
  rateLimits: [
    {
      scope: '/api/v1/users (create, list)',
      requests: 600,
      perSeconds: 60,
      source: 'Okta management rate limits (developer.okta.com/docs/reference/rl-global-mgmt), Workforce org',
      // An import call creates one user (maxImportBatch 1); its group memberships are
      // /api/v1/groups calls the adapter paces itself.
      operations: [
        'users.create',
        'users.list',
        'users.findByEmail',
        'transfer.importUsers',
        'transfer.exportUsers',
      ],
    },
    {
      scope: '/api/v1/users/{id} (get, update, lifecycle, factors)',
      requests: 600,
      perSeconds: 60,
      source: 'Okta management rate limits, Workforce org',
      operations: [
        'users.get',
        'users.update',
        'users.disable',
        'users.enable',
        'users.delete',
        'groups.listForUser',
      ],
    },
    {
      scope: '/api/v1/groups',
      requests: 500,
      perSeconds: 60,
      source: 'Okta management rate limits, Workforce org',
    },
    {
      scope: '/oauth2/{authorizationServerId}/v1 (token, revoke, challenge)',
      requests: 2000,
      perSeconds: 60,
      source: 'Okta authentication rate limits, Workforce org',
    },
  ],
};
