import type { AuthOperations, ChallengeFactor, SignInResult, TokenSet } from '@idport/core';
import { mapOktaUser } from './map-okta-user';
import { decodeOktaChallenge, encodeOktaChallenge } from './okta-challenge';
import type { OktaContext } from './okta-context';
import { mapOAuthError, type OAuthStep, oktaIdentityError } from './okta-errors';
import { listOktaFactors } from './okta-mfa';
import type { OktaTokenResponse } from './okta-oauth-client';
import { OktaOAuthError } from './okta-oauth-error';
import { getOktaUser } from './okta-users';

/** Okta's `mfa_token` lives 5 minutes. */
const mfaTokenLifetimeMs = 5 * 60 * 1000;

async function oauthStep<T>(step: OAuthStep, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof OktaOAuthError) throw mapOAuthError(error, step);
    throw error;
  }
}

/** Token endpoint answer → port token set. */
export function toTokenSet(
  response: OktaTokenResponse,
  previousRefreshToken: string | null = null,
): TokenSet {
  return {
    accessToken: response.access_token,
    idToken: response.id_token ?? null,
    refreshToken: response.refresh_token ?? previousRefreshToken,
    tokenType: 'Bearer',
    expiresAt: new Date(Date.now() + Number(response.expires_in ?? 3600) * 1000),
    scopes: (response.scope ?? '').split(' ').filter(Boolean),
  };
}

/**
 * Sign-in through the authorization server's direct-authentication grants: password grant,
 * `mfa_required` → `/v1/challenge` → MFA-OTP grant, refresh, revoke.
 */
export function createOktaAuth(context: OktaContext): Partial<AuthOperations> {
  const { oauth, options } = context;

  const authenticated = async (response: OktaTokenResponse): Promise<SignInResult> => {
    // The access token's `uid` is the Okta user id (its `sub` is the login).
    const verified = await context.accessTokens.verify(response.access_token);
    const userId = typeof verified.claims.uid === 'string' ? verified.claims.uid : verified.subject;
    const user = mapOktaUser(await getOktaUser(context, userId));
    return { status: 'authenticated', tokens: toTokenSet(response), user };
  };

  const challengeFactors = async (login: string): Promise<ChallengeFactor[]> => {
    try {
      const user = await getOktaUser(context, login);
      const factors = await listOktaFactors(context, String(user.id));
      const usable = factors.filter((factor) => factor.confirmed && factor.type === 'totp');
      if (usable.length > 0) return usable.map(({ id, type, label }) => ({ id, type, label }));
    } catch {
      // The login may differ from the email; the challenge still works with any TOTP factor.
    }
    return [{ id: 'totp', type: 'totp', label: null }];
  };

  return {
    async signIn(input) {
      const result = await oauthStep('password', () =>
        oauth.passwordGrant(input.email, input.password, input.scopes ?? options.scopes),
      );
      if ('mfaToken' in result) {
        const challengeType = await oauthStep('mfa', () => oauth.challenge(result.mfaToken));
        if (!challengeType.endsWith('mfa-otp')) {
          throw oktaIdentityError(
            'MFA_ENROLLMENT_REQUIRED',
            `Okta asked for a ${challengeType} challenge; only one-time codes are supported`,
          );
        }
        return {
          status: 'mfa_required',
          challenge: {
            session: encodeOktaChallenge(result.mfaToken),
            expiresAt: new Date(Date.now() + mfaTokenLifetimeMs),
          },
          factors: await challengeFactors(input.email),
        };
      }
      return authenticated(result);
    },

    async completeMfa(input) {
      const mfaToken = decodeOktaChallenge(input.challenge.session);
      if (!mfaToken)
        throw oktaIdentityError('MFA_CHALLENGE_EXPIRED', 'The MFA challenge is not valid; sign in again');
      const response = await oauthStep('mfa', () => oauth.mfaOtpGrant(mfaToken, input.code));
      return authenticated(response);
    },

    async refresh({ refreshToken }) {
      const response = await oauthStep('refresh', () => oauth.refreshGrant(refreshToken));
      return toTokenSet(response, refreshToken);
    },

    async revoke({ token }) {
      await oauthStep('generic', () => oauth.revoke(token));
    },

    async signOut({ userId }) {
      // Ends the Okta sessions and revokes every token the user's sessions were issued.
      await context.client.userApi.revokeUserSessions({ userId, oauthTokens: true });
    },
  };
}
