import type { MfaFactor } from '@idport/core';
import type { UserRecord } from 'firebase-admin/auth';

/**
 * The user's enrolled second factors in the port's shape. firebase-admin reads TOTP
 * enrollments (`mfaInfo[].totpInfo`) as factors with `factorId: 'totp'`, phone ones as
 * `'phone'`. Firebase lists only finished enrollments, so every factor is confirmed.
 */
export function mapFirebaseFactors(record: UserRecord): MfaFactor[] {
  return (record.multiFactor?.enrolledFactors ?? []).map((factor) => ({
    id: factor.uid,
    type: factor.factorId === 'totp' ? 'totp' : 'sms',
    label: factor.displayName ?? null,
    confirmed: true,
    createdAt: factor.enrollmentTime ? new Date(factor.enrollmentTime) : null,
  }));
}
