import { IdentityError } from '@idport/core';
import { describe, expect, it } from 'vitest';
import { decodeTotpEnrollmentId, encodeTotpEnrollmentId } from './totp-enrollment-id';

describe('pending TOTP enrollment ids', () => {
  it.each([
    [{ sessionInfo: 'AbC-_123', label: null }],
    [{ sessionInfo: 'with.dots.and:colons', label: 'Téléphone pro.' }],
  ])('carry the session verbatim and the label round trip (%o)', (pending) => {
    const factorId = encodeTotpEnrollmentId(pending);
    expect(factorId.endsWith(`.${pending.sessionInfo}`)).toBe(true);
    expect(decodeTotpEnrollmentId(factorId)).toEqual(pending);
  });

  it.each([
    'enrolled-factor-id',
    'totp-enrollment.',
    'totp-enrollment.bGFiZWw.',
    'totp-enrollment.not base64!.session',
  ])('refuses %s as FACTOR_NOT_FOUND', (factorId) => {
    let caught: unknown;
    try {
      decodeTotpEnrollmentId(factorId);
    } catch (error) {
      caught = error;
    }
    expect(IdentityError.isInstance(caught) && caught.code).toBe('FACTOR_NOT_FOUND');
  });
});
