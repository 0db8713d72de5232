import { IdentityError, type IdentityErrorCode, parseRetryAfter } from '@idport/core';

/** What the adapter was doing when Keycloak answered, to pick the right not-found code. */
export type KeycloakErrorContext = 'user' | 'group' | 'factor' | 'sign-in' | 'mfa' | 'refresh' | 'other';

/** A Keycloak HTTP failure, from the admin client (NetworkError) or our token calls. */
export interface KeycloakFailure {
  readonly status: number;
  readonly body: unknown;
  readonly retryAfter: string | null;
}

/**
 * Keycloak answers → IdentityError codes. The README's error table is this list.
 * `match` reads the status and the body (`error`, `error_description`, `errorMessage`).
 */
export const keycloakErrorTable: readonly {
  readonly status: number | 'any';
  readonly vendor: string;
  readonly code: IdentityErrorCode | ((context: KeycloakErrorContext) => IdentityErrorCode);
  readonly match: (text: string, context: KeycloakErrorContext) => boolean;
}[] = [
  {
    status: 401,
    vendor: 'invalid_grant "Invalid user credentials" (token endpoint)',
    code: (context) => (context === 'mfa' ? 'INVALID_MFA_CODE' : 'INVALID_CREDENTIALS'),
    match: (text) => text.includes('Invalid user credentials'),
  },
  {
    status: 400,
    vendor: 'invalid_grant "Invalid user credentials" (400: account locked by brute-force detection)',
    code: 'TOO_MANY_ATTEMPTS',
    match: (text) => text.includes('Invalid user credentials'),
  },
  {
    status: 400,
    vendor: 'invalid_grant "Account disabled" / "User disabled"',
    code: 'USER_DISABLED',
    match: (text) => /Account disabled|User disabled/.test(text),
  },
  {
    status: 400,
    vendor: 'invalid_grant "Account temporarily disabled"',
    code: 'TOO_MANY_ATTEMPTS',
    match: (text) => text.includes('temporarily disabled'),
  },
  {
    status: 400,
    vendor: 'invalid_grant "Account is not fully set up" (pending required actions)',
    code: 'PASSWORD_RESET_REQUIRED',
    match: (text) => text.includes('not fully set up'),
  },
  {
    status: 400,
    vendor: 'invalid_grant "Token is not active"',
    code: 'TOKEN_EXPIRED',
    match: (text) => text.includes('Token is not active'),
  },
  {
    status: 400,
    vendor:
      'invalid_grant (refresh: "Invalid refresh token", "Session not active", "Stale token", reuse exceeded)',
    code: 'TOKEN_INVALID',
    match: (text, context) => context === 'refresh' && text.includes('invalid_grant'),
  },
  {
    status: 'any',
    vendor: 'invalid_client / unauthorized_client',
    code: 'CONFIGURATION_ERROR',
    match: (text) => /invalid_client|unauthorized_client/.test(text),
  },
  {
    status: 409,
    vendor: '"User exists with same username|email", "User \'x\' already exists."',
    code: 'USER_ALREADY_EXISTS',
    match: (text) => /User exists with same|User '.*' already exists/.test(text),
  },
  {
    status: 409,
    vendor: '"Top level group named \'x\' already exists." / "Sibling group named ..."',
    code: 'GROUP_ALREADY_EXISTS',
    match: (text) => /group named/i.test(text),
  },
  {
    status: 400,
    vendor: '"Password policy not met", invalidPassword*Message',
    code: 'WEAK_PASSWORD',
    match: (text) => /Password policy not met|invalidPassword/.test(text),
  },
  {
    status: 400,
    vendor: 'user-profile validation (`{"field","errorMessage":"error-..."}`)',
    code: 'INVALID_INPUT',
    match: (text) => text.includes('error-'),
  },
  {
    status: 404,
    vendor: '"User not found", "Could not find group by id", "Group not found", "Credential not found"',
    code: (context) =>
      context === 'group' ? 'GROUP_NOT_FOUND' : context === 'factor' ? 'FACTOR_NOT_FOUND' : 'USER_NOT_FOUND',
    match: () => true,
  },
  {
    status: 401,
    vendor: 'admin API `HTTP 401 Unauthorized` (admin credentials rejected)',
    code: 'CONFIGURATION_ERROR',
    match: () => true,
  },
  {
    status: 403,
    vendor: 'admin API `HTTP 403 Forbidden` (service account lacks realm-management roles)',
    code: 'CONFIGURATION_ERROR',
    match: () => true,
  },
  {
    status: 429,
    vendor: 'rate limited (by a proxy in front of Keycloak)',
    code: 'RATE_LIMITED',
    match: () => true,
  },
];

function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  try {
    return JSON.stringify(body) ?? '';
  } catch {
    return '';
  }
}

/** Reads status/body off whatever failed: the admin client's NetworkError or our own failure object. */
export function readKeycloakFailure(error: unknown): KeycloakFailure | null {
  const candidate = error as {
    response?: { status?: number; headers?: { get(name: string): string | null } };
    responseData?: unknown;
    keycloakFailure?: KeycloakFailure;
  };
  if (candidate?.keycloakFailure) return candidate.keycloakFailure;
  if (candidate?.response && typeof candidate.response.status === 'number') {
    return {
      status: candidate.response.status,
      body: candidate.responseData,
      retryAfter: candidate.response.headers?.get('retry-after') ?? null,
    };
  }
  return null;
}

/** The vendor's short error id for `vendorCode`: OAuth `error`, or the admin message. */
function vendorCode(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const value = record.error ?? record.errorMessage;
  return typeof value === 'string' ? value.slice(0, 100) : undefined;
}

const messages: Partial<Record<IdentityErrorCode, string>> = {
  INVALID_CREDENTIALS: 'The email or password is incorrect',
  INVALID_MFA_CODE: 'The one-time code (or the password) is incorrect',
  USER_DISABLED: 'The account is disabled',
  TOO_MANY_ATTEMPTS: 'Too many failed attempts; try again later',
  PASSWORD_RESET_REQUIRED: 'The account has pending required actions (for example a password update)',
  TOKEN_EXPIRED: 'The token has expired',
  TOKEN_INVALID: 'The token is not valid',
  CONFIGURATION_ERROR: 'Keycloak refused the client or admin credentials, or their permissions',
  USER_ALREADY_EXISTS: 'A user with this email or username already exists',
  GROUP_ALREADY_EXISTS: 'A group with this name already exists',
  WEAK_PASSWORD: 'The password does not satisfy the realm password policy',
  INVALID_INPUT: 'Keycloak refused a field of the user profile',
  USER_NOT_FOUND: 'No such user',
  GROUP_NOT_FOUND: 'No such group',
  FACTOR_NOT_FOUND: 'No such factor',
  RATE_LIMITED: 'Too many requests',
  PROVIDER_UNAVAILABLE: 'Keycloak is unavailable',
  PROVIDER_ERROR: 'Unexpected answer from Keycloak',
};

function make(
  code: IdentityErrorCode,
  cause: unknown,
  extra: { status?: number; vendorCode?: string; retryAfter?: number; field?: string } = {},
) {
  return new IdentityError({
    code,
    provider: 'keycloak',
    message: messages[code] ?? code,
    cause,
    ...extra,
  });
}

/** Maps any failure of a Keycloak call to an IdentityError. Never copies request data into the message. */
export function mapKeycloakError(error: unknown, context: KeycloakErrorContext = 'other'): IdentityError {
  if (IdentityError.isInstance(error)) return error;
  const failure = readKeycloakFailure(error);
  if (!failure) {
    const name = (error as Error | undefined)?.name;
    const message = String((error as Error | undefined)?.message ?? '');
    // fetch() failures (connection refused/reset, DNS, timeouts) are transient.
    if (
      name === 'TypeError' ||
      name === 'TimeoutError' ||
      name === 'AbortError' ||
      /fetch failed|ECONN|socket/i.test(message)
    ) {
      return make('PROVIDER_UNAVAILABLE', error);
    }
    return make('PROVIDER_ERROR', error);
  }
  const { status, body } = failure;
  const text = bodyText(body);
  const details = { status, vendorCode: vendorCode(body) } as {
    status: number;
    vendorCode?: string;
    retryAfter?: number;
  };
  if (details.vendorCode === undefined) delete details.vendorCode;
  for (const row of keycloakErrorTable) {
    if (row.status !== 'any' && row.status !== status) continue;
    if (!row.match(text, context)) continue;
    const code = typeof row.code === 'function' ? row.code(context) : row.code;
    if (code === 'RATE_LIMITED') {
      const retryAfter = parseRetryAfter({ 'retry-after': failure.retryAfter ?? undefined });
      if (retryAfter !== undefined) details.retryAfter = retryAfter;
    }
    const field =
      code === 'INVALID_INPUT' && typeof body === 'object' && body !== null
        ? (body as { field?: unknown }).field
        : undefined;
    return make(code, error, typeof field === 'string' ? { ...details, field } : details);
  }
  if (status === 502 || status === 503 || status === 504 || status === 500)
    return make('PROVIDER_UNAVAILABLE', error, details);
  return make('PROVIDER_ERROR', error, details);
}
