import { describe, expect, it } from 'vitest';
import { mapKeycloakError } from './keycloak-errors';
import { KeycloakHttpError } from './keycloak-token-client';

const failure = (status: number, body: unknown, retryAfter: string | null = null) =>
  new KeycloakHttpError({ status, body, retryAfter });

describe('Keycloak error table', () => {
  it.each([
    [
      401,
      { error: 'invalid_grant', error_description: 'Invalid user credentials' },
      'sign-in',
      'INVALID_CREDENTIALS',
    ],
    [
      401,
      { error: 'invalid_grant', error_description: 'Invalid user credentials' },
      'mfa',
      'INVALID_MFA_CODE',
    ],
    [
      400,
      { error: 'invalid_grant', error_description: 'Invalid user credentials' },
      'sign-in',
      'TOO_MANY_ATTEMPTS',
    ],
    [400, { error: 'invalid_grant', error_description: 'Account disabled' }, 'sign-in', 'USER_DISABLED'],
    [
      400,
      { error: 'invalid_grant', error_description: 'Account is not fully set up' },
      'sign-in',
      'PASSWORD_RESET_REQUIRED',
    ],
    [400, { error: 'invalid_grant', error_description: 'Token is not active' }, 'refresh', 'TOKEN_EXPIRED'],
    [400, { error: 'invalid_grant', error_description: 'Session not active' }, 'refresh', 'TOKEN_INVALID'],
    [
      400,
      { error: 'invalid_grant', error_description: 'Maximum allowed refresh token reuse exceeded' },
      'refresh',
      'TOKEN_INVALID',
    ],
    [
      401,
      { error: 'unauthorized_client', error_description: 'Invalid client or Invalid client credentials' },
      'sign-in',
      'CONFIGURATION_ERROR',
    ],
    [409, { errorMessage: 'User exists with same username' }, 'user', 'USER_ALREADY_EXISTS'],
    [409, { errorMessage: 'User exists with same email' }, 'user', 'USER_ALREADY_EXISTS'],
    [409, { errorMessage: "Top level group named 'a' already exists." }, 'group', 'GROUP_ALREADY_EXISTS'],
    [400, { errorMessage: 'Password policy not met' }, 'user', 'WEAK_PASSWORD'],
    [
      400,
      { error: 'invalidPasswordMinLengthMessage', error_description: 'Invalid password: minimum length 8.' },
      'user',
      'WEAK_PASSWORD',
    ],
    [
      400,
      { field: 'email', errorMessage: 'error-invalid-email', params: ['email', 'x'] },
      'user',
      'INVALID_INPUT',
    ],
    [404, { error: 'User not found' }, 'user', 'USER_NOT_FOUND'],
    [404, { error: 'Could not find group by id' }, 'group', 'GROUP_NOT_FOUND'],
    [404, { error: 'Credential not found' }, 'factor', 'FACTOR_NOT_FOUND'],
    [403, { error: 'HTTP 403 Forbidden' }, 'user', 'CONFIGURATION_ERROR'],
    [503, 'Service Unavailable', 'user', 'PROVIDER_UNAVAILABLE'],
    [599, { error: 'idport_spec_violation' }, 'user', 'PROVIDER_ERROR'],
  ] as const)('%i %j (%s) → %s', (status, body, context, code) => {
    const error = mapKeycloakError(failure(status, body), context);
    expect(error.code).toBe(code);
    expect(error.provider).toBe('keycloak');
    expect(error.status).toBe(status);
  });

  it('keeps Retry-After on RATE_LIMITED', () => {
    const error = mapKeycloakError(failure(429, { error: 'too_many_requests' }, '12'));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAfter).toBe(12);
  });

  it('names the refused field on INVALID_INPUT', () => {
    const error = mapKeycloakError(
      failure(400, { field: 'email', errorMessage: 'error-invalid-email', params: ['email', 'x'] }),
      'user',
    );
    expect(error.field).toBe('email');
  });

  it('treats network failures as PROVIDER_UNAVAILABLE', () => {
    expect(mapKeycloakError(new TypeError('fetch failed')).code).toBe('PROVIDER_UNAVAILABLE');
  });
});
