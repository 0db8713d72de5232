import type { OperationName } from '../capabilities/operation-name';
import type { IdentityErrorCode } from '../errors/identity-error-code';

/** Kinds of audit event. */
export type IdentityEventType =
  | 'sign_in.succeeded'
  | 'sign_in.failed'
  | 'sign_in.mfa_required'
  | 'sign_in.new_password_required'
  | 'mfa.succeeded'
  | 'mfa.failed'
  | 'mfa.enrolled'
  | 'mfa.removed'
  | 'token.refreshed'
  | 'token.revoked'
  | 'session.signed_out'
  | 'user.signed_up'
  | 'user.created'
  | 'user.updated'
  | 'user.password_set'
  | 'user.disabled'
  | 'user.enabled'
  | 'user.deleted'
  | 'group.created'
  | 'group.deleted'
  | 'group.member_added'
  | 'group.member_removed'
  | 'users.imported';

/**
 * An audit event. It names who and what, never a secret: no password, token, code, hash
 * or email (an email is PII and, in failed sign-ins, possibly someone else's).
 */
export interface IdentityEvent {
  readonly type: IdentityEventType;
  readonly provider: string;
  readonly operation: OperationName;
  readonly at: Date;
  readonly userId?: string;
  readonly groupId?: string;
  readonly count?: number;
  readonly errorCode?: IdentityErrorCode;
}

/** Receives audit events. Errors it throws are swallowed: auditing never breaks sign-in. */
export type IdentityEventListener = (event: IdentityEvent) => void | Promise<void>;
