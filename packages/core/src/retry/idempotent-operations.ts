import type { OperationName } from '../capabilities/operation-name';

/**
 * Operations that leave the same state when repeated, so a retry after an unknown outcome
 * is safe. Not here: creating things (a timed-out create may have landed), sign-in and
 * MFA steps (codes are single-use, failures count towards lockout), refresh (rotation
 * would burn the token) and imports (the migration engine retries those per user).
 */
export const idempotentOperations: ReadonlySet<OperationName> = new Set<OperationName>([
  'auth.revoke',
  'auth.signOut',
  'mfa.listFactors',
  'mfa.removeFactor',
  'users.get',
  'users.findByEmail',
  'users.update',
  'users.setPassword',
  'users.disable',
  'users.enable',
  'users.delete',
  'users.list',
  'groups.list',
  'groups.delete',
  'groups.addMember',
  'groups.removeMember',
  'groups.listForUser',
  'tokens.verifyAccessToken',
  'tokens.verifyIdToken',
  'transfer.exportUsers',
]);
