/**
 * The closed set of error codes every adapter maps its vendor errors onto.
 * `switch (error.code)` over this union is exhaustive.
 */
export const identityErrorCodes = [
  'INVALID_CREDENTIALS',
  'USER_NOT_FOUND',
  'USER_ALREADY_EXISTS',
  'GROUP_NOT_FOUND',
  'GROUP_ALREADY_EXISTS',
  'FACTOR_NOT_FOUND',
  'WEAK_PASSWORD',
  'INVALID_MFA_CODE',
  'MFA_CHALLENGE_EXPIRED',
  'MFA_ENROLLMENT_REQUIRED',
  'USER_DISABLED',
  'USER_NOT_CONFIRMED',
  'INVALID_CONFIRMATION_CODE',
  'PASSWORD_RESET_REQUIRED',
  'TOO_MANY_ATTEMPTS',
  'TOKEN_EXPIRED',
  'TOKEN_INVALID',
  'RATE_LIMITED',
  'PROVIDER_UNAVAILABLE',
  'PROVIDER_ERROR',
  'INVALID_INPUT',
  'CONFIGURATION_ERROR',
  'UNSUPPORTED_OPERATION',
] as const;

export type IdentityErrorCode = (typeof identityErrorCodes)[number];

interface IdentityErrorCodeTraits {
  /** Whether the same call may succeed if repeated later, unchanged. */
  readonly retryable: boolean;
  /** Whether the message may be shown to the end user who made the request. */
  readonly safeForEndUser: boolean;
}

/**
 * Defaults per code. USER_NOT_FOUND is deliberately not safe for end users: showing it at
 * sign-in would let anyone test which emails have accounts.
 */
export const identityErrorCodeTraits: Readonly<Record<IdentityErrorCode, IdentityErrorCodeTraits>> = {
  INVALID_CREDENTIALS: { retryable: false, safeForEndUser: true },
  USER_NOT_FOUND: { retryable: false, safeForEndUser: false },
  USER_ALREADY_EXISTS: { retryable: false, safeForEndUser: false },
  GROUP_NOT_FOUND: { retryable: false, safeForEndUser: false },
  GROUP_ALREADY_EXISTS: { retryable: false, safeForEndUser: false },
  FACTOR_NOT_FOUND: { retryable: false, safeForEndUser: false },
  WEAK_PASSWORD: { retryable: false, safeForEndUser: true },
  INVALID_MFA_CODE: { retryable: false, safeForEndUser: true },
  MFA_CHALLENGE_EXPIRED: { retryable: false, safeForEndUser: true },
  MFA_ENROLLMENT_REQUIRED: { retryable: false, safeForEndUser: true },
  USER_DISABLED: { retryable: false, safeForEndUser: false },
  USER_NOT_CONFIRMED: { retryable: false, safeForEndUser: false },
  INVALID_CONFIRMATION_CODE: { retryable: false, safeForEndUser: true },
  PASSWORD_RESET_REQUIRED: { retryable: false, safeForEndUser: false },
  TOO_MANY_ATTEMPTS: { retryable: true, safeForEndUser: true },
  TOKEN_EXPIRED: { retryable: false, safeForEndUser: true },
  TOKEN_INVALID: { retryable: false, safeForEndUser: true },
  RATE_LIMITED: { retryable: true, safeForEndUser: true },
  PROVIDER_UNAVAILABLE: { retryable: true, safeForEndUser: true },
  PROVIDER_ERROR: { retryable: false, safeForEndUser: false },
  INVALID_INPUT: { retryable: false, safeForEndUser: true },
  CONFIGURATION_ERROR: { retryable: false, safeForEndUser: false },
  UNSUPPORTED_OPERATION: { retryable: false, safeForEndUser: false },
};
