import { IdentityError, type IdentityErrorCode } from '@idport/core';
import { OktaOAuthError } from './okta-oauth-error';

/** Builds an IdentityError attributed to Okta. */
export function oktaIdentityError(
  code: IdentityErrorCode,
  message: string,
  extra: { cause?: unknown; status?: number; vendorCode?: string; retryAfter?: number; field?: string } = {},
): IdentityError {
  return new IdentityError({ code, provider: 'okta', message, ...extra });
}

/** The shape of `OktaApiError` from @okta/okta-sdk-nodejs (and `HttpError` for non-JSON bodies). */
interface OktaSdkError {
  status?: number;
  errorCode?: string;
  errorSummary?: string;
  errorCauses?: { errorSummary?: string }[];
  headers?: { get?: (name: string) => string | null } | Record<string, string>;
}

function header(error: OktaSdkError, name: string): string | null {
  const headers = error.headers;
  if (!headers) return null;
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as { get: (name: string) => string | null }).get(name);
  }
  return (headers as Record<string, string>)[name] ?? null;
}

/** Seconds until the rate-limit window resets, from `X-Rate-Limit-Reset` and `Date`. */
export function secondsUntilReset(reset: string | null, date: string | null): number | undefined {
  if (!reset) return undefined;
  const resetAt = Number(reset) * 1000;
  const now = date ? Date.parse(date) : Date.now();
  if (!Number.isFinite(resetAt) || !Number.isFinite(now)) return undefined;
  return Math.max(1, Math.ceil((resetAt - now) / 1000));
}

const notFoundByResource: Record<string, IdentityErrorCode> = {
  User: 'USER_NOT_FOUND',
  UserGroup: 'GROUP_NOT_FOUND',
  Group: 'GROUP_NOT_FOUND',
  UserFactor: 'FACTOR_NOT_FOUND',
};

/**
 * Okta management and authn `errorCode` → IdentityError code. The README's error table is
 * this table. E0000001 and E0000007 are refined from the causes and the resource name.
 */
export const oktaErrorCodes: Readonly<Record<string, IdentityErrorCode>> = {
  E0000001: 'INVALID_INPUT', // API validation failed (refined below)
  E0000003: 'INVALID_INPUT', // malformed body
  E0000004: 'INVALID_CREDENTIALS', // authentication failed
  E0000006: 'CONFIGURATION_ERROR', // the API token may not do this
  E0000007: 'USER_NOT_FOUND', // not found (refined by resource)
  E0000011: 'CONFIGURATION_ERROR', // invalid API token (or authn stateToken, mapped by the caller)
  E0000014: 'WEAK_PASSWORD', // update of credentials failed
  E0000016: 'INVALID_INPUT', // activation failed: already active
  E0000022: 'CONFIGURATION_ERROR', // unknown endpoint / method: wrong org URL or feature off
  E0000031: 'INVALID_INPUT', // invalid search criteria
  E0000032: 'INVALID_INPUT', // unlock not allowed
  E0000038: 'INVALID_INPUT', // operation not allowed in the user's status
  E0000047: 'RATE_LIMITED', // rate limit exceeded
  E0000068: 'INVALID_MFA_CODE', // invalid passcode
  E0000069: 'TOO_MANY_ATTEMPTS', // user locked out after MFA failures
  E0000080: 'WEAK_PASSWORD', // password does not meet complexity
  E0000009: 'PROVIDER_UNAVAILABLE', // internal server error
};

function refineValidation(causes: string): IdentityErrorCode {
  if (/login:.*already exists|already exists.*login/i.test(causes)) return 'USER_ALREADY_EXISTS';
  if (/name:.*already exists/i.test(causes)) return 'GROUP_ALREADY_EXISTS';
  if (
    /password/i.test(causes) &&
    /requirements|complexity|password history|too short|not met/i.test(causes)
  ) {
    return 'WEAK_PASSWORD';
  }
  return 'INVALID_INPUT';
}

function isNetworkError(error: unknown): boolean {
  const details = error as { code?: unknown; type?: unknown; name?: unknown; cause?: { code?: unknown } };
  const code = String(details?.code ?? details?.cause?.code ?? '');
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_SOCKET'].includes(
      code,
    ) ||
    details?.type === 'system' ||
    details?.type === 'request-timeout' ||
    details?.name === 'AbortError' ||
    (details?.name === 'TypeError' && String((error as Error).message).includes('fetch failed'))
  );
}

/**
 * Maps what the Okta SDK or the OAuth endpoints throw to an IdentityError. Messages hold the
 * Okta code and summary only: Okta's summaries never echo passwords or tokens, and the cause
 * is stored redacted by IdentityError.
 */
export function mapOktaError(error: unknown): IdentityError {
  if (IdentityError.isInstance(error)) return error;
  if (error instanceof OktaOAuthError) return mapOAuthError(error, 'generic');
  // The SDK gives up on a 429 whose reset lies beyond its request timeout with a plain Error.
  if (
    error instanceof Error &&
    /HTTP 429 retry delay would exceed|HTTP request time exceeded/.test(error.message)
  ) {
    return oktaIdentityError('RATE_LIMITED', 'Okta rate limit exceeded; retry after the window resets', {
      cause: error,
    });
  }
  if (isNetworkError(error)) {
    return oktaIdentityError('PROVIDER_UNAVAILABLE', 'Okta could not be reached', { cause: error });
  }
  const sdkError = error as OktaSdkError;
  const status = typeof sdkError?.status === 'number' ? sdkError.status : undefined;
  const vendorCode = sdkError?.errorCode;
  if (vendorCode) {
    const causes = (sdkError.errorCauses ?? []).map((cause) => cause.errorSummary ?? '').join('; ');
    let code =
      oktaErrorCodes[vendorCode] ??
      (status !== undefined && status >= 500 ? 'PROVIDER_UNAVAILABLE' : 'PROVIDER_ERROR');
    if (vendorCode === 'E0000001') code = refineValidation(causes);
    if (vendorCode === 'E0000007') {
      const resource = /\((\w+)\)\s*$/.exec(sdkError.errorSummary ?? '')?.[1] ?? 'User';
      code = notFoundByResource[resource] ?? 'USER_NOT_FOUND';
    }
    const retryAfter =
      code === 'RATE_LIMITED'
        ? secondsUntilReset(header(sdkError, 'x-rate-limit-reset'), header(sdkError, 'date'))
        : undefined;
    return oktaIdentityError(
      code,
      `Okta ${vendorCode}: ${sdkError.errorSummary ?? 'error'}${causes ? ` (${causes})` : ''}`,
      {
        cause: error,
        ...(status === undefined ? {} : { status }),
        vendorCode,
        ...(retryAfter === undefined ? {} : { retryAfter }),
      },
    );
  }
  if (status === 429) {
    const retryAfter = secondsUntilReset(header(sdkError, 'x-rate-limit-reset'), header(sdkError, 'date'));
    return oktaIdentityError('RATE_LIMITED', 'Okta rate limit exceeded', {
      cause: error,
      status,
      ...(retryAfter === undefined ? {} : { retryAfter }),
    });
  }
  if (status !== undefined && status >= 500) {
    return oktaIdentityError('PROVIDER_UNAVAILABLE', `Okta answered HTTP ${status}`, {
      cause: error,
      status,
    });
  }
  if (status === 401 || status === 403) {
    return oktaIdentityError('CONFIGURATION_ERROR', `Okta refused the credentials (HTTP ${status})`, {
      cause: error,
      status,
    });
  }
  return oktaIdentityError('PROVIDER_ERROR', 'Unexpected error from Okta', {
    cause: error,
    ...(status === undefined ? {} : { status }),
  });
}

/** Which call an OAuth error came from: the same `invalid_grant` means different things. */
export type OAuthStep = 'password' | 'mfa' | 'refresh' | 'generic';

/**
 * OAuth errors of the authorization server → IdentityError. `invalid_grant` is a wrong or
 * unknown user/password at sign-in (one message for both: no enumeration), a wrong code during
 * MFA (or an expired `mfa_token`), and a dead refresh token at refresh.
 */
export function mapOAuthError(error: OktaOAuthError, step: OAuthStep): IdentityError {
  const extra = { cause: error, status: error.status, vendorCode: error.error };
  if (error.status === 429 || error.error === 'too_many_requests') {
    return oktaIdentityError('RATE_LIMITED', 'Okta rate limit exceeded', {
      ...extra,
      ...(error.retryAfter === undefined ? {} : { retryAfter: error.retryAfter }),
    });
  }
  if (error.status >= 500)
    return oktaIdentityError('PROVIDER_UNAVAILABLE', `Okta answered HTTP ${error.status}`, extra);
  switch (error.error) {
    case 'invalid_grant':
      if (step === 'password')
        return oktaIdentityError('INVALID_CREDENTIALS', 'Invalid email or password', extra);
      if (step === 'mfa') {
        return /mfa_token/i.test(error.description)
          ? oktaIdentityError('MFA_CHALLENGE_EXPIRED', 'The MFA challenge expired; sign in again', extra)
          : oktaIdentityError('INVALID_MFA_CODE', 'The one-time code is not valid', extra);
      }
      if (step === 'refresh')
        return oktaIdentityError('TOKEN_INVALID', 'The refresh token is invalid or expired', extra);
      return oktaIdentityError('TOKEN_INVALID', 'Okta refused the grant', extra);
    case 'access_denied':
      if (step === 'password' && /password/i.test(error.description)) {
        return oktaIdentityError(
          'PASSWORD_RESET_REQUIRED',
          'The password must be changed before signing in',
          extra,
        );
      }
      if (step === 'mfa')
        return oktaIdentityError('MFA_CHALLENGE_EXPIRED', 'The MFA challenge expired; sign in again', extra);
      return oktaIdentityError('INVALID_CREDENTIALS', 'Okta denied the sign-in', extra);
    case 'invalid_client':
    case 'unauthorized_client':
    case 'unsupported_grant_type':
    case 'invalid_scope':
      return oktaIdentityError(
        'CONFIGURATION_ERROR',
        `Okta refused the OIDC app configuration (${error.error})`,
        extra,
      );
    case 'unsupported_challenge_type':
      return oktaIdentityError(
        'MFA_ENROLLMENT_REQUIRED',
        'The user has no factor this app can answer',
        extra,
      );
    case 'invalid_request':
      return oktaIdentityError('INVALID_INPUT', `Okta refused the request (${error.error})`, extra);
    default:
      return oktaIdentityError('PROVIDER_ERROR', `Okta OAuth error ${error.error}`, extra);
  }
}
