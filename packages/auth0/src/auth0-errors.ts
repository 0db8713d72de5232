import { IdentityError, type IdentityErrorCode, parseRetryAfter } from '@idport/core';

/** One row of the mapping table (also printed in the README). */
export interface Auth0ErrorRule {
  /** Authentication API `error`, or Management API `errorCode` / message pattern. */
  readonly match: {
    readonly status?: number;
    readonly error?: string;
    readonly errorCode?: string;
    readonly message?: RegExp;
  };
  readonly code: IdentityErrorCode;
  /** Fixed message: never the vendor's text, which may name the user. */
  readonly message: string;
}

/**
 * Auth0 errors → IdentityError codes, first match wins. Authentication API errors carry
 * `error` (OAuth); Management API errors carry `statusCode`, `message` and `errorCode`.
 */
export const auth0ErrorRules: readonly Auth0ErrorRule[] = [
  {
    match: { error: 'invalid_grant', message: /wrong email or password/i },
    code: 'INVALID_CREDENTIALS',
    message: 'Wrong email or password',
  },
  {
    match: { error: 'invalid_user_password' },
    code: 'INVALID_CREDENTIALS',
    message: 'Wrong email or password',
  },
  {
    match: { error: 'unauthorized', message: /blocked/i },
    code: 'USER_DISABLED',
    message: 'The user is blocked',
  },
  {
    match: { error: 'invalid_grant', message: /otp|binding_code|oob_code|recovery/i },
    code: 'INVALID_MFA_CODE',
    message: 'The one-time code is not valid',
  },
  {
    match: { error: 'invalid_grant', message: /mfa_token/i },
    code: 'MFA_CHALLENGE_EXPIRED',
    message: 'The MFA challenge expired or is not valid',
  },
  {
    match: { error: 'expired_token' },
    code: 'MFA_CHALLENGE_EXPIRED',
    message: 'The MFA challenge expired or is not valid',
  },
  {
    match: { error: 'invalid_grant', message: /refresh token/i },
    code: 'TOKEN_INVALID',
    message: 'The refresh token is not valid',
  },
  {
    match: { error: 'too_many_attempts' },
    code: 'TOO_MANY_ATTEMPTS',
    message: 'Too many attempts; the account is temporarily locked',
  },
  {
    match: { error: 'password_leaked' },
    code: 'PASSWORD_RESET_REQUIRED',
    message: 'The password must be reset',
  },
  {
    match: { error: 'unauthorized_client' },
    code: 'CONFIGURATION_ERROR',
    message: 'The application may not use this grant type (enable it in the Auth0 dashboard)',
  },
  {
    match: { error: 'access_denied', status: 401 },
    code: 'CONFIGURATION_ERROR',
    message: 'Auth0 refused the client credentials',
  },
  {
    match: { error: 'invalid_client' },
    code: 'CONFIGURATION_ERROR',
    message: 'Auth0 refused the client credentials',
  },
  { match: { error: 'too_many_requests' }, code: 'RATE_LIMITED', message: 'Auth0 rate limit reached' },
  {
    match: { error: 'mfa_registration_required' },
    code: 'MFA_ENROLLMENT_REQUIRED',
    message: 'The user must enroll a second factor',
  },
  { match: { errorCode: 'inexistent_user' }, code: 'USER_NOT_FOUND', message: 'The user does not exist' },
  { match: { errorCode: 'inexistent_role' }, code: 'GROUP_NOT_FOUND', message: 'The role does not exist' },
  {
    match: { errorCode: 'inexistent_authentication_method' },
    code: 'FACTOR_NOT_FOUND',
    message: 'The factor does not exist',
  },
  {
    match: { status: 409, message: /role/i },
    code: 'GROUP_ALREADY_EXISTS',
    message: 'A role with this name exists',
  },
  {
    match: { status: 409, message: /authentication method/i },
    code: 'INVALID_INPUT',
    message: 'The user already has a factor of this type',
  },
  { match: { status: 409 }, code: 'USER_ALREADY_EXISTS', message: 'A user with this email exists' },
  {
    match: { status: 400, message: /new email already exists/i },
    code: 'USER_ALREADY_EXISTS',
    message: 'A user with this email exists',
  },
  {
    match: {
      status: 400,
      message: /PasswordStrengthError|PasswordHistoryError|PasswordDictionaryError|PasswordNoUserInfoError/,
    },
    code: 'WEAK_PASSWORD',
    message: 'The password does not meet the password policy',
  },
  { match: { status: 400 }, code: 'INVALID_INPUT', message: 'Auth0 refused the request as invalid' },
  { match: { status: 401 }, code: 'CONFIGURATION_ERROR', message: 'Auth0 refused the Management API token' },
  {
    match: { status: 403, errorCode: 'insufficient_scope' },
    code: 'CONFIGURATION_ERROR',
    message: 'The Management API application lacks a scope (see the README)',
  },
  { match: { status: 404 }, code: 'USER_NOT_FOUND', message: 'Not found' },
  { match: { status: 429 }, code: 'RATE_LIMITED', message: 'Auth0 rate limit reached' },
];

interface VendorFailure {
  status: number | undefined;
  error: string | undefined;
  errorCode: string | undefined;
  description: string;
  headers: Headers | Record<string, unknown> | undefined;
}

/** Reads status, OAuth error and Management error fields from either SDK's error objects. */
function readFailure(error: unknown): VendorFailure | null {
  if (typeof error !== 'object' || error === null) return null;
  const value = error as {
    statusCode?: number;
    status?: number;
    headers?: Headers;
    rawResponse?: { headers?: Headers };
    body?: unknown;
    cause?: { error?: string; error_description?: string; statusCode?: number; headers?: Headers };
  };
  const body =
    typeof value.body === 'object' && value.body !== null ? (value.body as Record<string, unknown>) : null;
  const status =
    value.statusCode ??
    value.status ??
    value.cause?.statusCode ??
    (typeof body?.statusCode === 'number' ? body.statusCode : undefined);
  const oauthError =
    value.cause?.error ??
    (typeof body?.error === 'string' && typeof body?.statusCode !== 'number' ? body.error : undefined);
  if (status === undefined && oauthError === undefined) return null;
  return {
    status,
    error: oauthError,
    errorCode: typeof body?.errorCode === 'string' ? body.errorCode : undefined,
    description: String(value.cause?.error_description ?? body?.message ?? body?.error_description ?? ''),
    headers: value.headers ?? value.rawResponse?.headers ?? value.cause?.headers,
  };
}

/** The first rule matching an Auth0 failure. */
export function findAuth0ErrorRule(failure: Omit<VendorFailure, 'headers'>): Auth0ErrorRule | undefined {
  return auth0ErrorRules.find(({ match }) => {
    if (match.status !== undefined && match.status !== failure.status) return false;
    if (match.error !== undefined && match.error !== failure.error) return false;
    if (match.errorCode !== undefined && match.errorCode !== failure.errorCode) return false;
    if (match.message !== undefined && !match.message.test(failure.description)) return false;
    return true;
  });
}

/**
 * Whether the call failed in transport (connection refused or reset, timeout, a body cut
 * short), looking through `cause`: both SDKs wrap fetch's TypeError in their own errors.
 */
function isTransportFailure(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth += 1) {
    const value = current as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown };
    const name = String(value.name ?? '');
    if (current instanceof TypeError || current instanceof SyntaxError) return true;
    if (/SocketError|AbortError|TimeoutError|FetchError|ManagementTimeoutError/.test(name)) return true;
    if (
      typeof value.code === 'string' &&
      /^(UND_ERR|ECONN|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN)/.test(value.code)
    )
      return true;
    if (
      typeof value.message === 'string' &&
      /fetch failed|terminated|socket hang up|Unexpected end of JSON|failed to parse/i.test(value.message)
    )
      return true;
    current = value.cause;
  }
  return false;
}

/** Maps an error from the auth0 SDKs (or the network) to an IdentityError. */
export function mapAuth0Error(
  error: unknown,
  fallback?: { code: IdentityErrorCode; message: string },
): IdentityError {
  if (IdentityError.isInstance(error)) return error;
  const failure = readFailure(error);
  // A success status with an error means the body could not be read (cut short): transport.
  const unreadable = failure?.status !== undefined && failure.status < 400;
  if (!failure || unreadable || (failure.status === undefined && isTransportFailure(error))) {
    const network = unreadable || isTransportFailure(error);
    return new IdentityError({
      code: network ? 'PROVIDER_UNAVAILABLE' : 'PROVIDER_ERROR',
      provider: 'auth0',
      message: network ? 'Auth0 could not be reached' : 'Unexpected error from Auth0',
      cause: error,
    });
  }
  const rule = findAuth0ErrorRule(failure);
  const unavailable = failure.status !== undefined && failure.status >= 500;
  // A 5xx is never the caller's fallback (a 503 on an update is not "no such user").
  const code: IdentityErrorCode =
    rule?.code ?? (unavailable ? 'PROVIDER_UNAVAILABLE' : (fallback?.code ?? 'PROVIDER_ERROR'));
  let retryAfter: number | undefined;
  if (code === 'RATE_LIMITED' && failure.headers) {
    retryAfter = parseRetryAfter(failure.headers as Headers);
  }
  return new IdentityError({
    code,
    provider: 'auth0',
    message:
      rule?.message ??
      (unavailable ? 'Auth0 is unavailable' : (fallback?.message ?? 'Unexpected error from Auth0')),
    ...(failure.status === undefined ? {} : { status: failure.status }),
    ...((failure.errorCode ?? failure.error) ? { vendorCode: failure.errorCode ?? failure.error } : {}),
    ...(retryAfter === undefined || Number.isNaN(retryAfter) ? {} : { retryAfter }),
    cause: error,
  });
}
