/** What an Okta `mfa_required` challenge carries between `signIn` and `completeMfa`. */
interface OktaChallengeState {
  readonly v: 1;
  /** The direct-authentication `mfa_token` (5 minutes, single transaction). */
  readonly mfaToken: string;
}

const prefix = 'okta.direct.';

/** Serializes the challenge state into the port's opaque `session` string. */
export function encodeOktaChallenge(mfaToken: string): string {
  const state: OktaChallengeState = { v: 1, mfaToken };
  return prefix + Buffer.from(JSON.stringify(state)).toString('base64url');
}

/** The `mfa_token` of a session, or null when the session was not made by this adapter. */
export function decodeOktaChallenge(session: string): string | null {
  if (!session.startsWith(prefix)) return null;
  try {
    const state = JSON.parse(
      Buffer.from(session.slice(prefix.length), 'base64url').toString('utf8'),
    ) as Partial<OktaChallengeState>;
    return state.v === 1 && typeof state.mfaToken === 'string' && state.mfaToken.length > 0
      ? state.mfaToken
      : null;
  } catch {
    return null;
  }
}
