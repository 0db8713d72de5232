import { type AuthOperations, IdentityError, type SignInResult, type TokenSet } from '@idport/core';
import { decodeJwt } from 'jose';
import type { KeycloakContext } from './keycloak-context';
import { type KeycloakErrorContext, mapKeycloakError, readKeycloakFailure } from './keycloak-errors';
import { otpCredentials } from './keycloak-mfa';
import type { KeycloakTokenResponse } from './keycloak-token-client';
import { findLoginUser } from './keycloak-users';
import { mapKeycloakUser } from './map-keycloak-user';

/** The port's TokenSet from Keycloak's AccessTokenResponse. */
export function toTokenSet(
  response: KeycloakTokenResponse,
  previousRefreshToken: string | null = null,
): TokenSet {
  return {
    accessToken: response.access_token,
    idToken: response.id_token ?? null,
    refreshToken: response.refresh_token ?? previousRefreshToken,
    tokenType: 'Bearer',
    expiresAt: new Date(Date.now() + response.expires_in * 1000),
    scopes: (response.scope ?? '').split(' ').filter(Boolean),
  };
}

function failureText(error: unknown): { status: number; text: string } | null {
  const failure = readKeycloakFailure(error);
  if (!failure) return null;
  return {
    status: failure.status,
    text: typeof failure.body === 'string' ? failure.body : JSON.stringify(failure.body ?? ''),
  };
}

/**
 * Sign-in through the realm's token endpoint (Direct Access Grants).
 *
 * Keycloak gives no `mfa_required` signal: a missing OTP and a wrong password both answer
 * 401 `invalid_grant` "Invalid user credentials". After that answer the adapter looks the
 * account up (always, so timing does not depend on the account) and, when it has an OTP
 * credential, returns `mfa_required` with a sealed challenge holding the password, which
 * `completeMfa` sends again with `totp`. The password is therefore only checked together
 * with the code (see docs/decisions/0401-keycloak-otp-challenge.md).
 */
export function keycloakAuth(context: KeycloakContext): Partial<AuthOperations> {
  const authenticated = async (response: KeycloakTokenResponse): Promise<SignInResult> => {
    const subject = String(decodeJwt(response.access_token).sub);
    const user = mapKeycloakUser(await context.getUser(subject));
    return { status: 'authenticated', tokens: toTokenSet(response), user };
  };

  const attempt = async (
    username: string,
    password: string,
    scopes: readonly string[],
    totp: string | undefined,
    errorContext: KeycloakErrorContext,
  ): Promise<SignInResult> => {
    const scope = [...new Set(['openid', ...scopes])].join(' ');
    try {
      const response = await context.tokens.password({
        username,
        password,
        scope,
        ...(totp === undefined ? {} : { totp }),
      });
      return await authenticated(response);
    } catch (error) {
      const failure = failureText(error);
      if (
        failure?.status === 401 &&
        failure.text.includes('Invalid user credentials') &&
        totp === undefined
      ) {
        const user = await findLoginUser(context, username);
        const factors = user?.id && user.enabled !== false ? await otpCredentials(context, user.id) : [];
        if (user?.id && factors.length > 0) {
          const { session, expiresAt } = context.challenges.seal({
            kind: 'otp',
            username,
            password,
            userId: user.id,
          });
          return {
            status: 'mfa_required',
            challenge: { session, expiresAt },
            factors: factors.map((factor) => ({ id: factor.id, type: 'totp', label: factor.label })),
          };
        }
      }
      if (failure?.status === 400 && failure.text.includes('not fully set up')) {
        const user = await findLoginUser(context, username);
        if (user?.id && user.requiredActions?.includes('UPDATE_PASSWORD')) {
          const { session, expiresAt } = context.challenges.seal({
            kind: 'new-password',
            username,
            userId: user.id,
          });
          return { status: 'new_password_required', challenge: { session, expiresAt } };
        }
        if (user?.requiredActions?.includes('CONFIGURE_TOTP')) {
          throw new IdentityError({
            code: 'MFA_ENROLLMENT_REQUIRED',
            provider: 'keycloak',
            message: 'The account must enroll an authenticator before it can sign in',
            cause: error,
          });
        }
      }
      throw mapKeycloakError(error, errorContext);
    }
  };

  return {
    signIn: (input) => attempt(input.email, input.password, input.scopes ?? [], undefined, 'sign-in'),
    async completeMfa(input) {
      const state = context.challenges.open(input.challenge.session, 'otp');
      return attempt(state.username, state.password, [], input.code, 'mfa');
    },
    async completeNewPassword(input) {
      const state = context.challenges.open(input.challenge.session, 'new-password');
      await context.admin('user', (client) =>
        client.users.resetPassword({
          id: state.userId,
          credential: { type: 'password', value: input.newPassword, temporary: false },
        }),
      );
      return attempt(state.username, input.newPassword, [], undefined, 'sign-in');
    },
    async refresh({ refreshToken }) {
      try {
        return toTokenSet(await context.tokens.refresh(refreshToken), refreshToken);
      } catch (error) {
        throw mapKeycloakError(error, 'refresh');
      }
    },
    async revoke({ token }) {
      try {
        await context.tokens.revoke(token);
      } catch (error) {
        throw mapKeycloakError(error, 'refresh');
      }
    },
    async signOut({ userId }) {
      await context.admin('user', (client) => client.users.logout({ id: userId }));
    },
  };
}
