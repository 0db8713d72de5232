import { IdentityError } from '@idport/core';

/** What a Firebase MFA sign-in needs between `signIn` and `completeMfa`. */
export interface FirebaseChallengeState {
  /** Identity Toolkit's `mfaPendingCredential`. */
  readonly pendingCredential: string;
  /** The SMS factor the code was sent to, and the session of that SMS. */
  readonly sms: { readonly factorId: string; readonly sessionInfo: string } | null;
  /** The user's TOTP factors (`mfaEnrollmentId`s): TOTP sign-in has no start step to remember. */
  readonly totpFactorIds: readonly string[];
}

const version = 1;

/** Serializes the state into the opaque `Challenge.session` string. */
export function encodeChallenge(state: FirebaseChallengeState): string {
  return Buffer.from(
    JSON.stringify({ v: version, p: state.pendingCredential, s: state.sms, t: state.totpFactorIds }),
  ).toString('base64url');
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((entry) => typeof entry === 'string' && entry.length > 0);
}

/**
 * Reads a challenge back. The state holds only values Google issued and checks again at
 * finalize, so a tampered challenge fails there; this only refuses what is not ours.
 * Challenges issued before TOTP was supported have no `t`: they carry no TOTP factor.
 */
export function decodeChallenge(session: string): FirebaseChallengeState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(session, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const value = parsed as { v?: unknown; p?: unknown; s?: unknown; t?: unknown } | null;
  const sms = value?.s as { factorId?: unknown; sessionInfo?: unknown } | null | undefined;
  const smsValid =
    sms === null || (typeof sms?.factorId === 'string' && typeof sms?.sessionInfo === 'string');
  const totpValid = value?.t === undefined || isStringArray(value.t);
  if (
    value?.v !== version ||
    typeof value.p !== 'string' ||
    value.p.length === 0 ||
    !smsValid ||
    !totpValid
  ) {
    // Answered like an expired challenge: the caller's remedy is the same (sign in again).
    throw new IdentityError({
      code: 'MFA_CHALLENGE_EXPIRED',
      provider: 'firebase',
      message: 'The MFA challenge is not valid or has expired: sign in again',
    });
  }
  return {
    pendingCredential: value.p,
    sms: sms === null ? null : { factorId: sms?.factorId as string, sessionInfo: sms?.sessionInfo as string },
    totpFactorIds: isStringArray(value.t) ? value.t : [],
  };
}
