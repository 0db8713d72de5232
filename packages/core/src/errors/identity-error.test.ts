import { createRequire } from 'node:module';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { IdentityError } from './identity-error';
import { endUserMessage, isSafeForEndUser } from './is-safe-for-end-user';
import { UnsupportedOperationError } from './unsupported-operation-error';

describe('IdentityError', () => {
  it('is recognised across two copies of the package (ESM source and CJS build)', () => {
    const require = createRequire(import.meta.url);
    const copy = require('../../dist/index.cjs') as typeof import('../index');
    expect(copy.IdentityError).not.toBe(IdentityError);
    const fromCopy = new copy.IdentityError({ code: 'RATE_LIMITED', message: 'slow down', retryAfter: 3 });
    expect(IdentityError.isInstance(fromCopy)).toBe(true);
    expect(copy.IdentityError.isInstance(new IdentityError({ code: 'USER_NOT_FOUND', message: 'x' }))).toBe(
      true,
    );
    expect(IdentityError.isInstance(new Error('plain'))).toBe(false);
    expect(IdentityError.isInstance({ code: 'USER_NOT_FOUND' })).toBe(false);
  });

  it('takes retryability from the code unless told otherwise', () => {
    expect(new IdentityError({ code: 'RATE_LIMITED', message: 'x' }).retryable).toBe(true);
    expect(new IdentityError({ code: 'INVALID_CREDENTIALS', message: 'x' }).retryable).toBe(false);
    expect(new IdentityError({ code: 'PROVIDER_ERROR', message: 'x', retryable: true }).retryable).toBe(true);
  });

  it('removes tokens, bearer headers and hashes from the message and the cause', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    const cause = Object.assign(new Error(`request failed: Authorization: Bearer abc.def-123 token=${jwt}`), {
      code: 'ECONNRESET',
      config: { headers: { authorization: 'Bearer secret-token' }, data: { password: 'hunter2-secret' } },
    });
    const error = new IdentityError({
      code: 'PROVIDER_UNAVAILABLE',
      message: `upstream said $2b$10$abcdefghijklmnopqrstuv and ${jwt}`,
      cause,
    });
    const rendered = [error.message, JSON.stringify(error), inspect(error, { depth: 8 })].join('\n');
    for (const secret of [
      jwt,
      'abc.def-123',
      '$2b$10$abcdefghijklmnopqrstuv',
      'secret-token',
      'hunter2-secret',
    ]) {
      expect(rendered).not.toContain(secret);
    }
    expect((error.cause as { code?: string }).code).toBe('ECONNRESET');
  });

  it('masks every hash family in messages', () => {
    for (const hash of [
      '$firebase-scrypt$r=8,m=14$c2FsdA$aGFzaA',
      '$sha256$pos=prefix$c2FsdA$aGFzaA',
      '$md5$c2FsdA$aGFzaA',
      '$hmac-sha256$key=a2V5$c2FsdA$aGFzaA',
      '$pbkdf2-sha512$i=1000$c2FsdA$aGFzaA',
    ]) {
      expect(
        new IdentityError({ code: 'PROVIDER_ERROR', message: `bad ${hash} here` }).message,
      ).not.toContain(hash);
    }
  });

  it('keeps plain-object causes but masks secret-looking keys', () => {
    const error = new IdentityError({
      code: 'PROVIDER_ERROR',
      message: 'vendor error',
      cause: { error: 'invalid_grant', client_secret: 'very-secret', nested: { refresh_token: 'rt-123' } },
    });
    const cause = error.cause as Record<string, unknown>;
    expect(cause.error).toBe('invalid_grant');
    expect(cause.client_secret).toBe('[redacted]');
    expect(JSON.stringify(cause)).not.toContain('rt-123');
  });

  it('tells which errors are safe for end users', () => {
    expect(isSafeForEndUser(new IdentityError({ code: 'INVALID_CREDENTIALS', message: 'x' }))).toBe(true);
    expect(isSafeForEndUser(new IdentityError({ code: 'USER_NOT_FOUND', message: 'x' }))).toBe(false);
    expect(isSafeForEndUser(new Error('x'))).toBe(false);
    expect(
      endUserMessage(new IdentityError({ code: 'USER_DISABLED', message: 'account 42 disabled' })),
    ).not.toContain('42');
    const wrongPassword = endUserMessage(new IdentityError({ code: 'INVALID_CREDENTIALS', message: 'x' }));
    for (const code of [
      'USER_NOT_FOUND',
      'USER_DISABLED',
      'USER_NOT_CONFIRMED',
      'PASSWORD_RESET_REQUIRED',
    ] as const) {
      expect(endUserMessage(new IdentityError({ code, message: 'account 42' }))).toBe(wrongPassword);
    }
  });

  it('names the operation and provider in UnsupportedOperationError', () => {
    const error = new UnsupportedOperationError({ provider: 'okta', operation: 'transfer.exportUsers' });
    expect(error.code).toBe('UNSUPPORTED_OPERATION');
    expect(error.message).toContain('transfer.exportUsers');
    expect(error.message).toContain('okta');
    expect(UnsupportedOperationError.isInstance(error)).toBe(true);
    expect(IdentityError.isInstance(error)).toBe(true);
  });
});
