import { ManagementError } from 'auth0';
import { describe, expect, it } from 'vitest';
import { mapAuth0Error } from './auth0-errors';

/** An error shaped like `@auth0/auth0-auth-js`'s ApiError subclasses. */
function authError(statusCode: number | undefined, cause: Record<string, unknown>, headers?: Headers) {
  return Object.assign(new Error('There was an error while trying to request a token.'), {
    name: 'TokenByPasswordError',
    code: 'token_by_password_error',
    statusCode,
    headers,
    cause,
  });
}

const managementError = (statusCode: number, body: Record<string, unknown>) =>
  new ManagementError({ message: 'Error', statusCode, body });

describe('mapAuth0Error', () => {
  it('maps Authentication API answers', () => {
    expect(
      mapAuth0Error(authError(403, { error: 'invalid_grant', error_description: 'Wrong email or password.' }))
        .code,
    ).toBe('INVALID_CREDENTIALS');
    expect(
      mapAuth0Error(authError(401, { error: 'unauthorized', error_description: 'user is blocked' })).code,
    ).toBe('USER_DISABLED');
    expect(
      mapAuth0Error(authError(403, { error: 'invalid_grant', error_description: 'Invalid otp_code.' })).code,
    ).toBe('INVALID_MFA_CODE');
    expect(
      mapAuth0Error(authError(403, { error: 'invalid_grant', error_description: 'Malformed mfa_token' }))
        .code,
    ).toBe('MFA_CHALLENGE_EXPIRED');
    expect(
      mapAuth0Error(
        authError(403, { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' }),
      ).code,
    ).toBe('TOKEN_INVALID');
    expect(
      mapAuth0Error(
        authError(403, { error: 'unauthorized_client', error_description: 'Grant type not allowed' }),
      ).code,
    ).toBe('CONFIGURATION_ERROR');
  });

  it('maps Management API answers by errorCode, status and message', () => {
    expect(
      mapAuth0Error(
        managementError(404, {
          statusCode: 404,
          message: 'The user does not exist.',
          errorCode: 'inexistent_user',
        }),
      ).code,
    ).toBe('USER_NOT_FOUND');
    expect(
      mapAuth0Error(managementError(409, { statusCode: 409, message: 'The user already exists.' })).code,
    ).toBe('USER_ALREADY_EXISTS');
    expect(
      mapAuth0Error(managementError(409, { statusCode: 409, message: 'Role already exists.' })).code,
    ).toBe('GROUP_ALREADY_EXISTS');
    expect(
      mapAuth0Error(
        managementError(400, { statusCode: 400, message: 'PasswordStrengthError: Password is too weak' }),
      ).code,
    ).toBe('WEAK_PASSWORD');
    expect(
      mapAuth0Error(
        managementError(403, {
          statusCode: 403,
          message: 'Insufficient scope',
          errorCode: 'insufficient_scope',
        }),
      ).code,
    ).toBe('CONFIGURATION_ERROR');
  });

  it('gives RATE_LIMITED with retryAfter from Retry-After', () => {
    const error = mapAuth0Error(
      authError(429, { error: 'too_many_requests' }, new Headers({ 'retry-after': '7' })),
    );
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryable).toBe(true);
    expect(error.retryAfter).toBe(7);
  });

  it('treats transport failures wrapped by either SDK as PROVIDER_UNAVAILABLE (retryable)', () => {
    const reset = Object.assign(new Error('other side closed'), {
      name: 'SocketError',
      code: 'UND_ERR_SOCKET',
    });
    const fetchFailed = new TypeError('fetch failed', { cause: reset });
    const management = new ManagementError({ message: 'fetch failed', cause: fetchFailed } as never);
    expect(mapAuth0Error(management).code).toBe('PROVIDER_UNAVAILABLE');
    expect(mapAuth0Error(authError(undefined, { error: '', message: 'fetch failed' })).code).toBe(
      'PROVIDER_UNAVAILABLE',
    );
    // A 200 whose body was cut short.
    const cut = mapAuth0Error(
      authError(200, { error: '', message: 'failed to parse "response" body as JSON' }),
    );
    expect(cut.code).toBe('PROVIDER_UNAVAILABLE');
    expect(cut.retryable).toBe(true);
    expect(
      mapAuth0Error(authError(503, { error: '', message: 'unexpected HTTP response status code' })).code,
    ).toBe('PROVIDER_UNAVAILABLE');
  });

  it('never lets a caller fallback hide a 5xx', () => {
    const error = mapAuth0Error(managementError(503, { statusCode: 503, message: 'Service Unavailable' }), {
      code: 'USER_NOT_FOUND',
      message: 'The user does not exist',
    });
    expect(error.code).toBe('PROVIDER_UNAVAILABLE');
  });

  it('never copies the vendor message, which may name the user', () => {
    const error = mapAuth0Error(
      managementError(400, {
        statusCode: 400,
        message: 'Payload validation error for ada@example.com',
        errorCode: 'invalid_body',
      }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).not.toContain('ada@example.com');
  });
});
