import { IdentityError, identityErrorCodes } from '@idport/core';
import { describe, expect, it } from 'vitest';
import { firebaseAdminErrorCodes, firebaseRestErrorCodes, mapFirebaseError } from './firebase-errors';
import { FirebaseRestError, readRestErrorReason } from './firebase-rest-error';

describe('firebase error mapping', () => {
  it('maps every table entry onto a code of the closed union', () => {
    for (const code of [
      ...Object.values(firebaseRestErrorCodes),
      ...Object.values(firebaseAdminErrorCodes),
    ]) {
      expect(identityErrorCodes).toContain(code);
    }
  });

  it('gives unknown email and wrong password the same code and message shape', () => {
    const codes = ['EMAIL_NOT_FOUND', 'INVALID_PASSWORD', 'INVALID_LOGIN_CREDENTIALS'].map(
      (reason) => mapFirebaseError(new FirebaseRestError({ reason, status: 400 })).code,
    );
    expect(new Set(codes)).toEqual(new Set(['INVALID_CREDENTIALS']));
  });

  it('reads the reason from Google error bodies', () => {
    expect(
      readRestErrorReason({ error: { message: 'WEAK_PASSWORD : Password should be at least 6 characters' } }),
    ).toBe('WEAK_PASSWORD');
    expect(readRestErrorReason({ error: { message: 'TOO_MANY_ATTEMPTS_TRY_LATER' } })).toBe(
      'TOO_MANY_ATTEMPTS_TRY_LATER',
    );
    expect(readRestErrorReason({ error: 'invalid_grant' })).toBe('INVALID_GRANT');
    expect(readRestErrorReason('<html>')).toBe('UNKNOWN');
  });

  it('falls back on HTTP status for unknown reasons and keeps Retry-After', () => {
    const limited = mapFirebaseError(
      new FirebaseRestError({ reason: 'SOMETHING_NEW', status: 429, retryAfter: 7 }),
    );
    expect(limited).toMatchObject({ code: 'RATE_LIMITED', retryable: true, retryAfter: 7 });
    expect(mapFirebaseError(new FirebaseRestError({ reason: 'UNKNOWN', status: 503 })).code).toBe(
      'PROVIDER_UNAVAILABLE',
    );
    expect(mapFirebaseError(new FirebaseRestError({ reason: 'UNKNOWN', status: 400 })).code).toBe(
      'PROVIDER_ERROR',
    );
  });

  it('maps admin SDK codes, network failures and bugs differently', () => {
    expect(mapFirebaseError(Object.assign(new Error('x'), { code: 'auth/email-already-exists' })).code).toBe(
      'USER_ALREADY_EXISTS',
    );
    expect(mapFirebaseError(new TypeError('fetch failed')).code).toBe('PROVIDER_UNAVAILABLE');
    expect(mapFirebaseError(new TypeError('undefined is not a function')).code).toBe('PROVIDER_ERROR');
  });

  it('keeps Google free text (which may hold emails) out of the message', () => {
    const error = mapFirebaseError(
      Object.assign(new Error('user ada@example.com exists'), { code: 'auth/email-already-exists' }),
    );
    expect(IdentityError.isInstance(error)).toBe(true);
    expect(error.message).not.toContain('ada@example.com');
  });
});
