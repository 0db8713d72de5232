import type { OperationName } from '../capabilities/operation-name';
import type { IdentityEventType } from '../events/identity-event';
import type { SignInResult } from '../port/sign-in-result';

/** The audit event an operation's success maps to, with the ids it may carry. */
export interface EventDescription {
  type: IdentityEventType;
  userId?: string;
  groupId?: string;
  count?: number;
}

function idOf(value: unknown, key: string): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    const found = (value as Record<string, unknown>)[key];
    return typeof found === 'string' ? found : undefined;
  }
  return undefined;
}

function signInEvent(result: SignInResult, success: IdentityEventType): EventDescription {
  if (result.status === 'authenticated') return { type: success, userId: result.user.id };
  if (result.status === 'mfa_required') return { type: 'sign_in.mfa_required' };
  return { type: 'sign_in.new_password_required' };
}

/** Describes the audit event for a successful call, or undefined for reads. */
export function eventForSuccess(
  operation: OperationName,
  args: readonly unknown[],
  result: unknown,
): EventDescription | undefined {
  const first = args[0];
  switch (operation) {
    case 'auth.signIn':
      return signInEvent(result as SignInResult, 'sign_in.succeeded');
    case 'auth.completeMfa':
    case 'auth.completeNewPassword':
      return signInEvent(result as SignInResult, 'mfa.succeeded');
    case 'auth.refresh':
      return { type: 'token.refreshed' };
    case 'auth.revoke':
      return { type: 'token.revoked' };
    case 'auth.signOut':
      return { type: 'session.signed_out', userId: idOf(first, 'userId') };
    case 'auth.signUp':
      return { type: 'user.signed_up', userId: idOf((result as { user: unknown }).user, 'id') };
    case 'mfa.confirmEnrollment':
      return { type: 'mfa.enrolled', userId: idOf(first, 'userId') };
    case 'mfa.removeFactor':
      return { type: 'mfa.removed', userId: idOf(first, 'userId') };
    case 'users.create':
      return { type: 'user.created', userId: idOf(result, 'id') };
    case 'users.update':
      return { type: 'user.updated', userId: idOf(first, 'id') };
    case 'users.setPassword':
      return { type: 'user.password_set', userId: idOf(first, 'id') };
    case 'users.disable':
      return { type: 'user.disabled', userId: idOf(first, 'id') };
    case 'users.enable':
      return { type: 'user.enabled', userId: idOf(first, 'id') };
    case 'users.delete':
      return { type: 'user.deleted', userId: idOf(first, 'id') };
    case 'groups.create':
      return { type: 'group.created', groupId: idOf(result, 'id') };
    case 'groups.delete':
      return { type: 'group.deleted', groupId: idOf(first, 'id') };
    case 'groups.addMember':
      return { type: 'group.member_added', groupId: idOf(first, 'groupId'), userId: idOf(first, 'userId') };
    case 'groups.removeMember':
      return { type: 'group.member_removed', groupId: idOf(first, 'groupId'), userId: idOf(first, 'userId') };
    case 'transfer.importUsers':
      return { type: 'users.imported', count: Array.isArray(result) ? result.length : undefined };
    default:
      return undefined;
  }
}

/** Describes the audit event for a failed call, or undefined when failures are not audited. */
export function eventForFailure(operation: OperationName): IdentityEventType | undefined {
  if (operation === 'auth.signIn') return 'sign_in.failed';
  if (operation === 'auth.completeMfa') return 'mfa.failed';
  return undefined;
}
