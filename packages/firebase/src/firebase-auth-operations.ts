import {
  type AuthOperations,
  type ChallengeFactor,
  IdentityError,
  type SignInResult,
  type TokenSet,
  UnsupportedOperationError,
} from '@idport/core';
import { decodeChallenge, encodeChallenge } from './firebase-challenge';
import type { FirebaseContext } from './firebase-context';
import { mapFirebaseError } from './firebase-errors';
import { firebaseSignInProviderOptionsSchema } from './firebase-provider-options';
import { FirebaseRestError } from './firebase-rest-error';
import type { IssuedTokens, MfaEnrollmentInfo } from './identity-toolkit-client';
import { mapFirebaseUser } from './map-firebase-user';
import { readFirebaseProviderOptions } from './read-firebase-provider-options';

function tokenSet(tokens: IssuedTokens): TokenSet {
  // Firebase has one bearer token: the ID token is what APIs accept as the access token.
  return {
    accessToken: tokens.idToken,
    idToken: tokens.idToken,
    refreshToken: tokens.refreshToken,
    tokenType: 'Bearer',
    expiresAt: new Date(Date.now() + tokens.expiresIn * 1000),
    scopes: [],
  };
}

function challengeFactor(info: MfaEnrollmentInfo): ChallengeFactor {
  return {
    id: info.mfaEnrollmentId,
    type: info.totpInfo !== undefined ? 'totp' : 'sms',
    label: info.displayName ?? info.phoneInfo ?? null,
  };
}

/** The uid inside an ID token Google just issued to us over TLS (no verification needed for that). */
function subjectOf(idToken: string): string {
  const payload = idToken.split('.')[1];
  const claims = payload
    ? (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown })
    : {};
  if (typeof claims.sub !== 'string')
    throw new FirebaseRestError({ reason: 'MALFORMED_RESPONSE', status: 200 });
  return claims.sub;
}

/** Sign-in (password + SMS or TOTP MFA), refresh, revocation and sign-up over the REST API. */
export function createFirebaseAuthOperations(context: FirebaseContext): Partial<AuthOperations> {
  const { rest, auth, options } = context;

  async function authenticated(tokens: IssuedTokens): Promise<SignInResult> {
    const record = await auth.getUser(subjectOf(tokens.idToken));
    return {
      status: 'authenticated',
      tokens: tokenSet(tokens),
      user: mapFirebaseUser(record, options.groupsClaim),
    };
  }

  return {
    async signIn(input) {
      const signInOptions = readFirebaseProviderOptions(
        firebaseSignInProviderOptionsSchema,
        input.providerOptions,
        'auth.signIn',
      );
      let response: Awaited<ReturnType<typeof rest.signInWithPassword>>;
      try {
        response = await rest.signInWithPassword(input.email, input.password);
      } catch (error) {
        // Firebase answers USER_DISABLED before it checks the password, so passing it on
        // would tell anyone which emails belong to disabled accounts: at sign-in it is
        // the same INVALID_CREDENTIALS as a wrong password (note 0201).
        if (error instanceof FirebaseRestError && error.reason === 'USER_DISABLED') {
          throw mapFirebaseError(
            new FirebaseRestError({ reason: 'INVALID_LOGIN_CREDENTIALS', status: error.status }),
          );
        }
        throw mapFirebaseError(error);
      }
      if (response.mfaPendingCredential === undefined) {
        if (!response.idToken || !response.refreshToken) {
          throw mapFirebaseError(new FirebaseRestError({ reason: 'MALFORMED_RESPONSE', status: 200 }));
        }
        return authenticated({
          idToken: response.idToken,
          refreshToken: response.refreshToken,
          expiresIn: Number(response.expiresIn) || 3600,
        });
      }
      const factors = (response.mfaInfo ?? []).map(challengeFactor);
      const totpFactorIds = factors.filter((factor) => factor.type === 'totp').map((factor) => factor.id);
      // An SMS code has to be sent before the user can answer, so it is sent now, to the
      // chosen (or first) SMS factor. TOTP factors need nothing sent, so when the user can
      // answer with TOTP here no SMS goes out unless one is asked for with smsFactorId:
      // production SMS costs money and needs app verification (recaptchaToken).
      const smsFactors = factors.filter((factor) => factor.type === 'sms');
      const totpAnswerable = context.totpEnabled && totpFactorIds.length > 0;
      const target =
        signInOptions.smsFactorId === undefined
          ? totpAnswerable
            ? undefined
            : smsFactors[0]
          : smsFactors.find((factor) => factor.id === signInOptions.smsFactorId);
      if (signInOptions.smsFactorId !== undefined && target === undefined) {
        throw new IdentityError({
          code: 'FACTOR_NOT_FOUND',
          provider: 'firebase',
          field: 'input.providerOptions.firebase.smsFactorId',
          message: 'The requested SMS factor is not enrolled for this user',
        });
      }
      let sms: { factorId: string; sessionInfo: string } | null = null;
      if (target !== undefined) {
        const started = await rest.startMfaSmsSignIn({
          mfaPendingCredential: response.mfaPendingCredential,
          mfaEnrollmentId: target.id,
          recaptchaToken: signInOptions.recaptchaToken,
          captchaResponse: signInOptions.captchaResponse,
        });
        sms = { factorId: target.id, sessionInfo: started.sessionInfo };
      }
      return {
        status: 'mfa_required',
        challenge: {
          session: encodeChallenge({ pendingCredential: response.mfaPendingCredential, sms, totpFactorIds }),
          expiresAt: null,
        },
        factors,
      };
    },

    async completeMfa(input) {
      const state = decodeChallenge(input.challenge.session);
      // Without factorId: the factor the SMS went to, else the first TOTP factor.
      const factorId = input.factorId ?? state.sms?.factorId ?? state.totpFactorIds[0];
      if (factorId !== undefined && factorId === state.sms?.factorId) {
        const tokens = await rest.finalizeMfaSmsSignIn({
          mfaPendingCredential: state.pendingCredential,
          sessionInfo: state.sms.sessionInfo,
          code: input.code,
        });
        return authenticated(tokens);
      }
      if (factorId !== undefined && state.totpFactorIds.includes(factorId)) {
        if (!context.totpEnabled) {
          throw new UnsupportedOperationError({
            provider: 'firebase',
            operation: 'auth.completeMfa',
            reason: 'TOTP sign-in is declared only for a real project with settings.totp',
          });
        }
        const tokens = await rest.finalizeTotpSignIn({
          mfaPendingCredential: state.pendingCredential,
          mfaEnrollmentId: factorId,
          verificationCode: input.code,
        });
        return authenticated(tokens);
      }
      if (factorId === undefined) {
        throw new UnsupportedOperationError({
          provider: 'firebase',
          operation: 'auth.completeMfa',
          reason: 'the user has no SMS or TOTP factor this adapter can answer',
        });
      }
      throw new IdentityError({
        code: 'INVALID_INPUT',
        provider: 'firebase',
        field: 'input.factorId',
        message:
          'The factor is neither the one the SMS was sent to nor a TOTP factor of this challenge; choose the SMS factor at sign-in with providerOptions.firebase.smsFactorId',
      });
    },

    async refresh(input) {
      const tokens = await rest.refresh(input.refreshToken);
      return tokenSet(tokens);
    },

    async revoke(input) {
      // Firebase cannot revoke a single token: it can only make every refresh token of a
      // user invalid. So the token only tells whose sessions to end.
      // Like OAuth revocation (RFC 7009), a token that is already invalid is not an error.
      let userId: string;
      try {
        userId =
          input.token.split('.').length === 3
            ? (await context.verifier.verify(input.token)).subject
            : (await rest.refresh(input.token)).userId;
      } catch (error) {
        const code = mapFirebaseError(error).code;
        if (code === 'TOKEN_INVALID' || code === 'TOKEN_EXPIRED' || code === 'USER_DISABLED') return;
        throw error;
      }
      await auth.revokeRefreshTokens(userId);
    },

    async signOut(input) {
      await auth.revokeRefreshTokens(input.userId);
    },

    async signUp(input) {
      const created = await rest.signUp(input.email, input.password, input.displayName);
      if (input.givenName !== undefined || input.familyName !== undefined) {
        await auth.setCustomUserClaims(created.localId, {
          ...(input.givenName === undefined ? {} : { given_name: input.givenName }),
          ...(input.familyName === undefined ? {} : { family_name: input.familyName }),
        });
      }
      const record = await auth.getUser(created.localId);
      // Firebase lets a new account sign in at once; email verification is a separate,
      // optional step it does not enforce.
      return { user: mapFirebaseUser(record, options.groupsClaim), confirmationRequired: false };
    },
  };
}
