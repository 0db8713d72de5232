import { isMfaRequiredError } from '@auth0/auth0-auth-js';
import {
  type AuthOperations,
  type ChallengeFactor,
  type CompleteMfaInput,
  IdentityError,
  type MfaFactorType,
  type SignInInput,
  type SignInResult,
} from '@idport/core';
import type { Auth0Context } from './auth0-context';
import { mapAuth0Error } from './auth0-errors';
import { subjectOf, toTokenSet, userFromIdToken } from './auth0-token-set';

/** Auth0's mfa_token is valid for 10 minutes. */
const mfaTokenLifetimeMs = 10 * 60 * 1000;
const challengePrefix = 'auth0-mfa.';

function factorType(authenticatorType: string, oobChannel: string | undefined): MfaFactorType {
  if (authenticatorType === 'otp') return 'totp';
  if (authenticatorType === 'recovery-code') return 'recovery_code';
  return oobChannel === 'email' ? 'email' : 'sms';
}

/** A recovery code is 24 letters and digits; a TOTP code is 6 digits. */
function looksLikeRecoveryCode(code: string): boolean {
  return !/^\d{6,8}$/.test(code.trim());
}

/** Sign-in with the password grant (realm = the connection), MFA, refresh, revocation, sign-out. */
export function createAuth0Auth(context: Auth0Context): Partial<AuthOperations> {
  const { authentication, options } = context;
  const audience = options.audience;

  // The user comes from the ID token, not the Management API: a sign-in must not spend the
  // Management API's rate budget (Auth0 advises against calling it on every login). Without
  // an ID token (no `openid` scope) the user is read through the Management API.
  const authenticated = async (response: Parameters<typeof toTokenSet>[0]): Promise<SignInResult> => {
    const tokens = toTokenSet(response);
    const user = tokens.idToken
      ? userFromIdToken(tokens.idToken)
      : await context.getUser(subjectOf(tokens.accessToken));
    return { status: 'authenticated', tokens, user };
  };

  return {
    async signIn(input: SignInInput) {
      try {
        const response = await authentication.getTokenByPassword({
          username: input.email.toLowerCase(),
          password: input.password,
          realm: options.connection,
          audience,
          scope: (input.scopes ?? options.scopes).join(' '),
        });
        return await authenticated(response);
      } catch (error) {
        if (!isMfaRequiredError(error)) throw mapAuth0Error(error);
        const mfaToken = error.cause.mfa_token;
        let factors: ChallengeFactor[] = [];
        try {
          const authenticators = await authentication.mfa.listAuthenticators({ mfaToken });
          factors = authenticators
            .filter((authenticator) => authenticator.active)
            .map((authenticator) => ({
              id: authenticator.id,
              type: factorType(authenticator.authenticatorType, authenticator.oobChannels?.[0]),
              label: authenticator.name ?? null,
            }));
        } catch (listError) {
          throw mapAuth0Error(listError);
        }
        return {
          status: 'mfa_required',
          challenge: {
            session: `${challengePrefix}${mfaToken}`,
            expiresAt: new Date(Date.now() + mfaTokenLifetimeMs),
          },
          factors,
        };
      }
    },

    async completeMfa(input: CompleteMfaInput) {
      const session = input.challenge.session;
      if (!session.startsWith(challengePrefix) || session.length <= challengePrefix.length) {
        throw new IdentityError({
          code: 'MFA_CHALLENGE_EXPIRED',
          provider: 'auth0',
          message: 'The MFA challenge expired or is not valid',
        });
      }
      const mfaToken = session.slice(challengePrefix.length);
      const useRecoveryCode =
        input.factorId?.startsWith('recovery-code|') ?? looksLikeRecoveryCode(input.code);
      try {
        const response = useRecoveryCode
          ? await authentication.mfa.verify({
              mfaToken,
              factorType: 'recovery-code',
              recoveryCode: input.code.trim(),
              audience,
            })
          : await authentication.mfa.verify({
              mfaToken,
              factorType: 'otp',
              otp: input.code.trim(),
              audience,
            });
        return await authenticated(response);
      } catch (error) {
        throw mapAuth0Error(error);
      }
    },

    async refresh({ refreshToken }) {
      try {
        return toTokenSet(await authentication.getTokenByRefreshToken({ refreshToken }), refreshToken);
      } catch (error) {
        throw mapAuth0Error(error, { code: 'TOKEN_INVALID', message: 'The refresh token is not valid' });
      }
    },

    async revoke({ token }) {
      try {
        await authentication.revokeToken({ token, tokenTypeHint: 'refresh_token' });
      } catch (error) {
        throw mapAuth0Error(error);
      }
    },

    async signOut({ userId }) {
      // Refresh tokens and sessions are separate at Auth0; ending both is "sign out everywhere".
      try {
        await context.management.users.refreshToken.delete(userId);
        await context.management.users.sessions.delete(userId);
      } catch (error) {
        throw mapAuth0Error(error);
      }
    },
  };
}
