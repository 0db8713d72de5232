import { IdentityError } from '@idport/core';
import { describe, expect, it } from 'vitest';
import { decodeChallenge, encodeChallenge } from './firebase-challenge';

const encoded = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('firebase MFA challenge state', () => {
  it('round-trips the pending credential, the SMS session and the TOTP factors', () => {
    const state = {
      pendingCredential: 'pending',
      sms: { factorId: 'sms-1', sessionInfo: 'session' },
      totpFactorIds: ['totp-1', 'totp-2'],
    };
    expect(decodeChallenge(encodeChallenge(state))).toEqual(state);
  });

  it('reads a challenge issued before TOTP as one without TOTP factors', () => {
    expect(decodeChallenge(encoded({ v: 1, p: 'pending', s: null })).totpFactorIds).toEqual([]);
  });

  it.each([
    ['TOTP factor ids that are not strings', { v: 1, p: 'pending', s: null, t: [1] }],
    ['an empty TOTP factor id', { v: 1, p: 'pending', s: null, t: [''] }],
    ['another version', { v: 2, p: 'pending', s: null, t: [] }],
  ])('refuses %s as MFA_CHALLENGE_EXPIRED', (_name, value) => {
    let caught: unknown;
    try {
      decodeChallenge(encoded(value));
    } catch (error) {
      caught = error;
    }
    expect(IdentityError.isInstance(caught) && caught.code).toBe('MFA_CHALLENGE_EXPIRED');
  });
});
