import { IdentityError, type IdentityErrorCode } from '@idport/core';
import { FirebaseRestError } from './firebase-rest-error';

/**
 * Identity Toolkit / Secure Token REST reasons → idport codes. Unknown email and wrong
 * password (EMAIL_NOT_FOUND, INVALID_PASSWORD, INVALID_LOGIN_CREDENTIALS) all become
 * INVALID_CREDENTIALS so that sign-in cannot be used to learn which emails have accounts.
 */
export const firebaseRestErrorCodes: Readonly<Record<string, IdentityErrorCode>> = {
  EMAIL_NOT_FOUND: 'INVALID_CREDENTIALS',
  INVALID_PASSWORD: 'INVALID_CREDENTIALS',
  INVALID_LOGIN_CREDENTIALS: 'INVALID_CREDENTIALS',
  USER_DISABLED: 'USER_DISABLED',
  TOO_MANY_ATTEMPTS_TRY_LATER: 'TOO_MANY_ATTEMPTS',
  QUOTA_EXCEEDED: 'RATE_LIMITED',
  EMAIL_EXISTS: 'USER_ALREADY_EXISTS',
  WEAK_PASSWORD: 'WEAK_PASSWORD',
  PASSWORD_DOES_NOT_MEET_REQUIREMENTS: 'WEAK_PASSWORD',
  INVALID_EMAIL: 'INVALID_INPUT',
  MISSING_PASSWORD: 'INVALID_INPUT',
  INVALID_PHONE_NUMBER: 'INVALID_INPUT',
  UNVERIFIED_EMAIL: 'INVALID_INPUT',
  SECOND_FACTOR_LIMIT_EXCEEDED: 'INVALID_INPUT',
  // MFA enrollment refusals the Firebase JS SDK lists (packages/auth/src/api/errors.ts): the
  // factor is already enrolled, or the account's first factor cannot have a second one.
  SECOND_FACTOR_EXISTS: 'INVALID_INPUT',
  UNSUPPORTED_FIRST_FACTOR: 'INVALID_INPUT',
  MISSING_MFA_ENROLLMENT_ID: 'INVALID_INPUT',
  // A wrong SMS or TOTP code, at sign-in and at enrollment: the Firebase JS SDK's integration
  // test against a real project sees a wrong TOTP code as auth/invalid-verification-code,
  // the SDK's name for INVALID_CODE.
  INVALID_CODE: 'INVALID_MFA_CODE',
  MISSING_CODE: 'INVALID_MFA_CODE',
  INVALID_SESSION_INFO: 'MFA_CHALLENGE_EXPIRED',
  MISSING_SESSION_INFO: 'MFA_CHALLENGE_EXPIRED',
  SESSION_EXPIRED: 'MFA_CHALLENGE_EXPIRED',
  CODE_EXPIRED: 'MFA_CHALLENGE_EXPIRED',
  INVALID_MFA_PENDING_CREDENTIAL: 'MFA_CHALLENGE_EXPIRED',
  MISSING_MFA_PENDING_CREDENTIAL: 'MFA_CHALLENGE_EXPIRED',
  MFA_ENROLLMENT_NOT_FOUND: 'FACTOR_NOT_FOUND',
  INVALID_REFRESH_TOKEN: 'TOKEN_INVALID',
  INVALID_GRANT_TYPE: 'TOKEN_INVALID',
  MISSING_REFRESH_TOKEN: 'TOKEN_INVALID',
  INVALID_GRANT: 'TOKEN_INVALID',
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  INVALID_ID_TOKEN: 'TOKEN_INVALID',
  CREDENTIAL_TOO_OLD_LOGIN_AGAIN: 'TOKEN_EXPIRED',
  // A refresh token of a deleted user: the token is what is wrong from the caller's view.
  USER_NOT_FOUND: 'TOKEN_INVALID',
  OPERATION_NOT_ALLOWED: 'CONFIGURATION_ERROR',
  PASSWORD_LOGIN_DISABLED: 'CONFIGURATION_ERROR',
  ADMIN_ONLY_OPERATION: 'CONFIGURATION_ERROR',
  API_KEY_INVALID: 'CONFIGURATION_ERROR',
  INVALID_API_KEY: 'CONFIGURATION_ERROR',
  PROJECT_NOT_FOUND: 'CONFIGURATION_ERROR',
  CONFIGURATION_NOT_FOUND: 'CONFIGURATION_ERROR',
  INVALID_TENANT_ID: 'CONFIGURATION_ERROR',
  TENANT_ID_MISMATCH: 'CONFIGURATION_ERROR',
  TENANT_NOT_FOUND: 'CONFIGURATION_ERROR',
  INVALID_RECAPTCHA_TOKEN: 'INVALID_INPUT',
  MISSING_RECAPTCHA_TOKEN: 'INVALID_INPUT',
  MISSING_CLIENT_TYPE: 'INVALID_INPUT',
};

/** firebase-admin `auth/...` and `app/...` error codes → idport codes. */
export const firebaseAdminErrorCodes: Readonly<Record<string, IdentityErrorCode>> = {
  'auth/email-already-exists': 'USER_ALREADY_EXISTS',
  'auth/uid-already-exists': 'USER_ALREADY_EXISTS',
  'auth/phone-number-already-exists': 'USER_ALREADY_EXISTS',
  'auth/user-not-found': 'USER_NOT_FOUND',
  'auth/invalid-password': 'WEAK_PASSWORD',
  'auth/password-does-not-meet-requirements': 'WEAK_PASSWORD',
  'auth/invalid-email': 'INVALID_INPUT',
  'auth/invalid-phone-number': 'INVALID_INPUT',
  'auth/invalid-display-name': 'INVALID_INPUT',
  'auth/invalid-photo-url': 'INVALID_INPUT',
  'auth/invalid-uid': 'INVALID_INPUT',
  'auth/invalid-claims': 'INVALID_INPUT',
  'auth/reserved-claim': 'INVALID_INPUT',
  'auth/claims-too-large': 'INVALID_INPUT',
  'auth/invalid-page-token': 'INVALID_INPUT',
  'auth/invalid-argument': 'INVALID_INPUT',
  'auth/argument-error': 'INVALID_INPUT',
  'auth/maximum-user-count-exceeded': 'INVALID_INPUT',
  'auth/second-factor-limit-exceeded': 'INVALID_INPUT',
  'auth/second-factor-uid-already-exists': 'INVALID_INPUT',
  'auth/unverified-email': 'INVALID_INPUT',
  'auth/invalid-enrolled-factors': 'INVALID_INPUT',
  'auth/id-token-expired': 'TOKEN_EXPIRED',
  'auth/id-token-revoked': 'TOKEN_INVALID',
  'auth/invalid-id-token': 'TOKEN_INVALID',
  'auth/user-disabled': 'USER_DISABLED',
  'auth/too-many-requests': 'RATE_LIMITED',
  'auth/quota-exceeded': 'RATE_LIMITED',
  'auth/insufficient-permission': 'CONFIGURATION_ERROR',
  'auth/invalid-credential': 'CONFIGURATION_ERROR',
  'app/invalid-credential': 'CONFIGURATION_ERROR',
  'auth/project-not-found': 'CONFIGURATION_ERROR',
  'auth/tenant-not-found': 'CONFIGURATION_ERROR',
  'auth/configuration-not-found': 'CONFIGURATION_ERROR',
  'auth/operation-not-allowed': 'CONFIGURATION_ERROR',
  'app/network-error': 'PROVIDER_UNAVAILABLE',
  'app/network-timeout': 'PROVIDER_UNAVAILABLE',
  // Google's own wording: an unexpected server error; admin SDK also reports unparseable
  // (e.g. truncated) responses this way. Transient, so retryable.
  'auth/internal-error': 'PROVIDER_UNAVAILABLE',
};

const provider = 'firebase';

function codeOfAdminError(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(auth|app)\//.test(code) ? code : undefined;
}

/**
 * Maps anything the Firebase Admin SDK, the REST API or `fetch` throws to an IdentityError.
 * Messages are ours, never Google's: those can echo emails or claims.
 */
export function mapFirebaseError(error: unknown): IdentityError {
  if (IdentityError.isInstance(error)) return error;
  if (error instanceof FirebaseRestError) {
    if (firebaseRestErrorCodes[error.reason] === 'INVALID_CREDENTIALS') {
      // One message, one vendor code and no cause for every credential failure: the
      // original reason (EMAIL_NOT_FOUND vs INVALID_PASSWORD) would tell which emails exist.
      return new IdentityError({
        code: 'INVALID_CREDENTIALS',
        provider,
        status: error.status,
        vendorCode: 'INVALID_LOGIN_CREDENTIALS',
        message: 'The email or password is incorrect',
      });
    }
    let code: IdentityErrorCode = firebaseRestErrorCodes[error.reason] ?? 'PROVIDER_ERROR';
    if (code === 'PROVIDER_ERROR' && error.status === 429) code = 'RATE_LIMITED';
    if (code === 'PROVIDER_ERROR' && error.status >= 500) code = 'PROVIDER_UNAVAILABLE';
    return new IdentityError({
      code,
      provider,
      status: error.status,
      vendorCode: error.reason,
      retryAfter: error.retryAfter,
      message: `Firebase refused the request (${error.reason})`,
      cause: error,
    });
  }
  const adminCode = codeOfAdminError(error);
  if (adminCode !== undefined) {
    return new IdentityError({
      code: firebaseAdminErrorCodes[adminCode] ?? 'PROVIDER_ERROR',
      provider,
      vendorCode: adminCode,
      message: `Firebase refused the request (${adminCode})`,
      cause: error,
    });
  }
  // fetch() rejects with TypeError('fetch failed') when the host cannot be reached, and
  // AbortSignal.timeout() with a TimeoutError; other TypeErrors are bugs, not outages.
  const name = (error as { name?: unknown } | null)?.name;
  if ((error instanceof TypeError && error.message === 'fetch failed') || name === 'TimeoutError') {
    return new IdentityError({
      code: 'PROVIDER_UNAVAILABLE',
      provider,
      message: 'Firebase could not be reached',
      cause: error,
    });
  }
  return new IdentityError({
    code: 'PROVIDER_ERROR',
    provider,
    message: 'Unexpected error from the firebase provider',
    cause: error,
  });
}
