import { IdentityError, type IdentityProvider } from '@idport/core';
import { totpCode } from './seed-pair-source';

/**
 * How a sign-in ended: with tokens at once, with tokens after answering a TOTP challenge with
 * the user's own authenticator, or refused. Keycloak answers a wrong password for an account
 * with OTP with the same challenge as a right one (it checks both together), so a challenge
 * alone proves nothing: it is answered whenever the user's secret is known.
 */
export type SignInOutcome =
  | 'authenticated'
  | 'authenticated after TOTP'
  | 'mfa_required'
  | 'new_password_required'
  | 'refused';

/**
 * Codes that mean "these credentials do not sign this user in", and nothing else: an
 * unknown user, an outage or a configuration error is thrown, never counted as a refusal.
 */
const refusals = new Set(['INVALID_CREDENTIALS', 'INVALID_MFA_CODE', 'PASSWORD_RESET_REQUIRED']);

function refusedOrRethrow(error: unknown): 'refused' {
  if (IdentityError.isInstance(error) && refusals.has(error.code)) return 'refused';
  throw error;
}

export async function signInOutcome(
  provider: IdentityProvider,
  email: string,
  password: string,
  totpSecret: string | null,
): Promise<SignInOutcome> {
  let result: Awaited<ReturnType<IdentityProvider['auth']['signIn']>>;
  try {
    result = await provider.auth.signIn({ email, password });
  } catch (error) {
    return refusedOrRethrow(error);
  }
  if (result.status !== 'mfa_required') return result.status;
  if (totpSecret === null) return 'mfa_required';
  try {
    const done = await provider.auth.completeMfa({ challenge: result.challenge, code: totpCode(totpSecret) });
    return done.status === 'authenticated' ? 'authenticated after TOTP' : done.status;
  } catch (error) {
    return refusedOrRethrow(error);
  }
}
