import { IdentityError } from './identity-error';
import { identityErrorCodeTraits } from './identity-error-code';

/**
 * Whether an error's code may be shown to the person signing in. Errors that would reveal
 * whether an account exists (USER_NOT_FOUND, USER_DISABLED, ...) are not.
 */
export function isSafeForEndUser(error: unknown): boolean {
  return IdentityError.isInstance(error) && identityErrorCodeTraits[error.code].safeForEndUser;
}

const invalidCredentialsMessage = 'The email or password is incorrect.';

/**
 * The message to show an end user for any thrown value: the error's own message when its
 * code is safe, otherwise the same generic sentence whatever went wrong.
 */
export function endUserMessage(error: unknown): string {
  // Unsafe codes (a disabled, unknown or unconfirmed account) read exactly like a wrong
  // password: any other text would tell an attacker the account exists.
  if (!isSafeForEndUser(error)) return invalidCredentialsMessage;
  const identityError = error as IdentityError;
  switch (identityError.code) {
    case 'INVALID_CREDENTIALS':
      return invalidCredentialsMessage;
    case 'INVALID_MFA_CODE':
      return 'The verification code is incorrect.';
    case 'TOO_MANY_ATTEMPTS':
    case 'RATE_LIMITED':
      return 'Too many attempts. Try again later.';
    default:
      return identityError.message;
  }
}
