import { IdentityError } from '@idport/core';

/** What `mfa.confirmEnrollment` needs from the `mfa.enrollTotp` that started the enrollment. */
export interface PendingTotpEnrollment {
  /** Identity Toolkit's `totpSessionInfo.sessionInfo`. */
  readonly sessionInfo: string;
  /** The factor's display name, given to `mfaEnrollment:finalize`. */
  readonly label: string | null;
}

const prefix = 'totp-enrollment.';
/** Core refuses longer factor ids (`identifierSchema`). */
export const maximumFactorIdLength = 256;

/**
 * Firebase knows a TOTP factor's id only once it is finalized, and finalize needs the
 * session Google issued at start. The port's factor id is the only thing the caller hands
 * back, so it carries the session (and the label), like `Challenge.session` carries the
 * MFA pending credential. No state is kept between the two calls, so any instance can
 * confirm. The session is what the Firebase JS SDK keeps in the browser; it is worthless
 * without the user's ID token and a code from the secret.
 *
 * Layout: `totp-enrollment.<label as base64url, may be empty>.<sessionInfo>` — the session
 * verbatim, because base64 would cost a third of the 256 characters core allows.
 */
export function encodeTotpEnrollmentId(pending: PendingTotpEnrollment): string {
  const label = pending.label === null ? '' : Buffer.from(pending.label, 'utf8').toString('base64url');
  return `${prefix}${label}.${pending.sessionInfo}`;
}

/** Reads a pending enrollment back; anything else (an enrolled factor's id, a typo) is FACTOR_NOT_FOUND. */
export function decodeTotpEnrollmentId(factorId: string): PendingTotpEnrollment {
  const rest = factorId.startsWith(prefix) ? factorId.slice(prefix.length) : '';
  const separator = rest.indexOf('.');
  const label = separator < 0 ? '' : rest.slice(0, separator);
  const sessionInfo = separator < 0 ? '' : rest.slice(separator + 1);
  if (sessionInfo.length === 0 || !/^[A-Za-z0-9_-]*$/.test(label)) {
    throw new IdentityError({
      code: 'FACTOR_NOT_FOUND',
      provider: 'firebase',
      field: 'input.factorId',
      message: 'No pending TOTP enrollment has this factor id: start again with mfa.enrollTotp',
    });
  }
  return { sessionInfo, label: label === '' ? null : Buffer.from(label, 'base64url').toString('utf8') };
}
