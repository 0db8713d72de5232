import type { Challenge, ChallengeFactor, MfaFactorType } from '@idport/core';
import { IdentityError } from '@idport/core';

/** Cognito MFA challenge names and the port factor each one stands for. */
export const mfaChallengeFactors: Readonly<Record<string, MfaFactorType>> = {
  SOFTWARE_TOKEN_MFA: 'totp',
  SMS_MFA: 'sms',
  EMAIL_OTP: 'email',
};

/** The response parameter carrying the code of each MFA challenge. */
export const mfaCodeParameters: Readonly<Record<string, string>> = {
  SOFTWARE_TOKEN_MFA: 'SOFTWARE_TOKEN_MFA_CODE',
  SMS_MFA: 'SMS_MFA_CODE',
  EMAIL_OTP: 'EMAIL_OTP_CODE',
};

/** What idport keeps in a Cognito challenge's opaque `session`. */
export interface CognitoChallengeState {
  /** Cognito ChallengeName. */
  readonly name: string;
  /** Cognito Session. */
  readonly session: string;
  /** Cognito's username for the user (USER_ID_FOR_SRP): the USERNAME of the answer. */
  readonly username: string;
  /** For SELECT_MFA_TYPE: the challenge names the user may choose. */
  readonly options: readonly string[];
}

/** Cognito's sign-in sessions last 3 minutes unless the app client sets 3-15. */
const sessionLifetimeMs = 3 * 60 * 1000;

/** Packs the state into the port's opaque challenge. */
export function encodeChallenge(state: CognitoChallengeState, now = Date.now()): Challenge {
  const payload = { v: 1, n: state.name, s: state.session, u: state.username, o: state.options };
  return {
    session: Buffer.from(JSON.stringify(payload)).toString('base64url'),
    expiresAt: new Date(now + sessionLifetimeMs),
  };
}

function expired(): IdentityError {
  return new IdentityError({
    code: 'MFA_CHALLENGE_EXPIRED',
    provider: 'cognito',
    message: 'The challenge is not a valid Cognito challenge; sign in again',
  });
}

/** Reads a challenge back. Anything that is not one of ours is an expired challenge. */
export function decodeChallenge(challenge: Challenge): CognitoChallengeState {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(challenge.session, 'base64url').toString('utf8'));
  } catch {
    throw expired();
  }
  const record = payload as Record<string, unknown>;
  if (
    typeof record !== 'object' ||
    record === null ||
    record.v !== 1 ||
    typeof record.n !== 'string' ||
    typeof record.s !== 'string' ||
    typeof record.u !== 'string' ||
    !Array.isArray(record.o) ||
    !record.o.every((option) => typeof option === 'string')
  ) {
    throw expired();
  }
  return { name: record.n, session: record.s, username: record.u, options: record.o as string[] };
}

/** The factors a user can answer a Cognito MFA challenge with. */
export function challengeFactors(
  name: string,
  parameters: Readonly<Record<string, string>>,
  options: readonly string[],
): ChallengeFactor[] {
  const names = name === 'SELECT_MFA_TYPE' ? options : [name];
  const factors: ChallengeFactor[] = [];
  for (const challengeName of names) {
    const type = mfaChallengeFactors[challengeName];
    if (!type) continue;
    const label =
      name === 'SELECT_MFA_TYPE'
        ? null
        : type === 'totp'
          ? (parameters.FRIENDLY_DEVICE_NAME ?? null)
          : (parameters.CODE_DELIVERY_DESTINATION ?? null);
    factors.push({ id: type, type, label });
  }
  return factors;
}

/** Parses SELECT_MFA_TYPE's `MFAS_CAN_CHOOSE` (a JSON array of challenge names). */
export function parseMfaOptions(value: string | undefined): string[] {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}
