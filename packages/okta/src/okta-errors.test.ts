import { OktaApiError } from '@okta/okta-sdk-nodejs';
import { describe, expect, it } from 'vitest';
import { mapOAuthError, mapOktaError } from './okta-errors';
import { OktaOAuthError } from './okta-oauth-error';

/** An error exactly as the Okta SDK builds it from an Okta error body. */
function sdkError(
  status: number,
  errorCode: string,
  errorSummary: string,
  causes: string[] = [],
  headers: Record<string, string> = {},
) {
  return new OktaApiError(
    'https://example.okta.com/api/v1/users',
    status,
    { errorCode, errorSummary, errorCauses: causes.map((cause) => ({ errorSummary: cause })) },
    new Headers(headers),
  );
}

describe('mapOktaError', () => {
  it.each([
    [
      400,
      'E0000001',
      'Api validation failed: login',
      ['login: An object with this field already exists in the current organization'],
      'USER_ALREADY_EXISTS',
    ],
    [
      400,
      'E0000001',
      'Api validation failed: name',
      ['name: An object with this field already exists in the current organization'],
      'GROUP_ALREADY_EXISTS',
    ],
    [
      400,
      'E0000001',
      'Api validation failed: password',
      ['password: Password requirements were not met. Password requirements: at least 8 characters.'],
      'WEAK_PASSWORD',
    ],
    [
      400,
      'E0000001',
      'Api validation failed: email',
      ['email: Does not match required pattern'],
      'INVALID_INPUT',
    ],
    [404, 'E0000007', 'Not found: Resource not found: 00u1 (User)', [], 'USER_NOT_FOUND'],
    [404, 'E0000007', 'Not found: Resource not found: 00g1 (UserGroup)', [], 'GROUP_NOT_FOUND'],
    [404, 'E0000007', 'Not found: Resource not found: uft1 (UserFactor)', [], 'FACTOR_NOT_FOUND'],
    [401, 'E0000011', 'Invalid token provided', [], 'CONFIGURATION_ERROR'],
    [
      403,
      'E0000006',
      'You do not have permission to perform the requested action',
      [],
      'CONFIGURATION_ERROR',
    ],
    [403, 'E0000068', 'Invalid Passcode/Answer', [], 'INVALID_MFA_CODE'],
    [401, 'E0000004', 'Authentication failed', [], 'INVALID_CREDENTIALS'],
    [403, 'E0000080', 'The password does not meet the complexity requirements', [], 'WEAK_PASSWORD'],
    [500, 'E0000009', 'Internal Server Error', [], 'PROVIDER_UNAVAILABLE'],
  ] as const)('%s %s %s → %s', (status, code, summary, causes, expected) => {
    const mapped = mapOktaError(sdkError(status, code, summary, [...causes]));
    expect(mapped.code).toBe(expected);
    expect(mapped.vendorCode).toBe(code);
    expect(mapped.provider).toBe('okta');
  });

  it('reads the wait of a 429 from X-Rate-Limit-Reset and Date', () => {
    const now = Date.now();
    const mapped = mapOktaError(
      sdkError(429, 'E0000047', 'API call exceeded rate limit due to too many requests.', [], {
        'x-rate-limit-reset': String(Math.floor(now / 1000) + 42),
        date: new Date(now).toUTCString(),
      }),
    );
    expect(mapped.code).toBe('RATE_LIMITED');
    expect(mapped.retryable).toBe(true);
    expect(mapped.retryAfter).toBeGreaterThanOrEqual(41);
    expect(mapped.retryAfter).toBeLessThanOrEqual(43);
  });
});

describe('mapOAuthError', () => {
  it('keeps one message for a wrong password and an unknown user (no enumeration)', () => {
    const error = new OktaOAuthError(400, 'invalid_grant', 'The credentials provided were invalid.');
    expect(mapOAuthError(error, 'password')).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      message: 'Invalid email or password',
    });
  });

  it('tells a wrong code from an expired MFA transaction', () => {
    expect(
      mapOAuthError(new OktaOAuthError(400, 'invalid_grant', 'The credentials provided were invalid.'), 'mfa')
        .code,
    ).toBe('INVALID_MFA_CODE');
    expect(
      mapOAuthError(
        new OktaOAuthError(400, 'invalid_grant', 'The mfa_token is invalid or has expired.'),
        'mfa',
      ).code,
    ).toBe('MFA_CHALLENGE_EXPIRED');
  });

  it('maps a dead refresh token, client misconfiguration and outages', () => {
    expect(
      mapOAuthError(
        new OktaOAuthError(400, 'invalid_grant', 'The refresh token is invalid or expired.'),
        'refresh',
      ).code,
    ).toBe('TOKEN_INVALID');
    expect(
      mapOAuthError(new OktaOAuthError(401, 'invalid_client', 'No client credentials found.'), 'password')
        .code,
    ).toBe('CONFIGURATION_ERROR');
    expect(
      mapOAuthError(new OktaOAuthError(400, 'unsupported_grant_type', 'not allowed'), 'password').code,
    ).toBe('CONFIGURATION_ERROR');
    expect(mapOAuthError(new OktaOAuthError(503, 'http_503', ''), 'password').code).toBe(
      'PROVIDER_UNAVAILABLE',
    );
    expect(mapOAuthError(new OktaOAuthError(429, 'too_many_requests', '', 7), 'password')).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfter: 7,
    });
  });
});
