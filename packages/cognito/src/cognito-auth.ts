import {
  AdminInitiateAuthCommand,
  type AdminInitiateAuthCommandOutput,
  AdminRespondToAuthChallengeCommand,
  AdminUserGlobalSignOutCommand,
  ConfirmSignUpCommand,
  GetTokensFromRefreshTokenCommand,
  type GetTokensFromRefreshTokenCommandOutput,
  InitiateAuthCommand,
  type InitiateAuthCommandOutput,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
  SignUpCommand,
  type SignUpCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  type AuthOperations,
  type CompleteMfaInput,
  IdentityError,
  type SignInResult,
  type User,
} from '@idport/core';
import { attributeChanges } from './cognito-attributes';
import {
  type CognitoChallengeState,
  challengeFactors,
  decodeChallenge,
  encodeChallenge,
  mfaChallengeFactors,
  mfaCodeParameters,
  parseMfaOptions,
} from './cognito-challenge';
import type { CognitoContext } from './cognito-context';
import type { CognitoErrorContext } from './cognito-errors';
import { mapCognitoTokenSet } from './cognito-token-set';
import { normalizeEmail } from './normalize-email';

/** The part of an InitiateAuth / RespondToAuthChallenge answer a sign-in step reads. */
type AuthStep = Pick<
  InitiateAuthCommandOutput,
  'AuthenticationResult' | 'ChallengeName' | 'ChallengeParameters' | 'Session'
>;

/** What the auth group needs from the users group. */
export interface CognitoAuthDependencies {
  /** The signed-in user, read with their own access token (no IAM permission needed). */
  userFromAccessToken(accessToken: string): Promise<User>;
  get(userId: string): Promise<User>;
}

/**
 * RevokeToken's answer for a token Cognito does not know. A refusal naming the client or its
 * secret was already mapped to CONFIGURATION_ERROR and still fails.
 */
function isUnknownTokenAnswer(error: unknown): boolean {
  return (
    IdentityError.isInstance(error) &&
    error.code === 'TOKEN_INVALID' &&
    error.vendorCode === 'NotAuthorizedException'
  );
}

function providerError(message: string): IdentityError {
  return new IdentityError({ code: 'PROVIDER_ERROR', provider: 'cognito', message });
}

/** Sign-in, challenges, refresh, revocation, sign-out and self-service sign-up on Cognito. */
export function createCognitoAuth(context: CognitoContext, users: CognitoAuthDependencies): AuthOperations {
  const { settings } = context;
  const adminFlow = settings.authFlow === 'ADMIN_USER_PASSWORD_AUTH';

  async function toResult(step: AuthStep, username: string): Promise<SignInResult> {
    if (step.AuthenticationResult) {
      const tokens = mapCognitoTokenSet(step.AuthenticationResult, null);
      return { status: 'authenticated', tokens, user: await users.userFromAccessToken(tokens.accessToken) };
    }
    const name = step.ChallengeName;
    const parameters = step.ChallengeParameters ?? {};
    if (!name || !step.Session) throw providerError('Cognito answered neither tokens nor a challenge');
    const state: CognitoChallengeState = {
      name,
      session: step.Session,
      username: parameters.USER_ID_FOR_SRP ?? username,
      options: name === 'SELECT_MFA_TYPE' ? parseMfaOptions(parameters.MFAS_CAN_CHOOSE) : [],
    };
    if (name === 'NEW_PASSWORD_REQUIRED') {
      return { status: 'new_password_required', challenge: encodeChallenge(state) };
    }
    if (name in mfaChallengeFactors || name === 'SELECT_MFA_TYPE') {
      return {
        status: 'mfa_required',
        challenge: encodeChallenge(state),
        factors: challengeFactors(name, parameters, state.options),
      };
    }
    if (name === 'MFA_SETUP') {
      throw new IdentityError({
        code: 'MFA_ENROLLMENT_REQUIRED',
        provider: 'cognito',
        message: 'The user pool requires MFA and this user has no factor: enroll one before signing in',
      });
    }
    throw providerError(`Cognito challenge ${name} is not supported by idport`);
  }

  async function respond(
    state: CognitoChallengeState,
    responses: Record<string, string>,
    errorContext: CognitoErrorContext,
  ): Promise<AuthStep> {
    const challengeResponses = {
      USERNAME: state.username,
      ...responses,
      ...context.secretHashFor(state.username),
    };
    const input = {
      ClientId: settings.clientId,
      ChallengeName: state.name as never,
      Session: state.session,
      ChallengeResponses: challengeResponses,
    };
    return adminFlow
      ? context.send<AuthStep>(
          new AdminRespondToAuthChallengeCommand({ ...input, UserPoolId: settings.userPoolId }),
          errorContext,
        )
      : context.send<AuthStep>(new RespondToAuthChallengeCommand(input), errorContext);
  }

  function chooseOption(state: CognitoChallengeState, factorId: string | undefined): string {
    const wanted = factorId ?? 'totp';
    const chosen = state.options.find((option) => mfaChallengeFactors[option] === wanted);
    if (chosen) return chosen;
    if (factorId === undefined && state.options[0]) return state.options[0];
    throw new IdentityError({
      code: 'FACTOR_NOT_FOUND',
      provider: 'cognito',
      field: 'factorId',
      message: 'The challenge does not offer this factor',
    });
  }

  async function completeMfa({ challenge, factorId, code }: CompleteMfaInput): Promise<SignInResult> {
    let state = decodeChallenge(challenge);
    if (state.name === 'SELECT_MFA_TYPE') {
      const chosen = chooseOption(state, factorId);
      const next = await respond(state, { ANSWER: chosen }, 'challenge');
      // SMS and email codes are only sent once chosen: hand the new challenge back so the
      // caller can ask for that code. A TOTP code can be answered at once.
      if (next.ChallengeName !== 'SOFTWARE_TOKEN_MFA' || !next.Session) return toResult(next, state.username);
      state = { name: next.ChallengeName, session: next.Session, username: state.username, options: [] };
    }
    const parameter = mfaCodeParameters[state.name];
    if (!parameter) {
      throw new IdentityError({
        code: 'INVALID_INPUT',
        provider: 'cognito',
        field: 'challenge',
        message: 'This challenge is not an MFA challenge',
      });
    }
    if (factorId !== undefined && factorId !== mfaChallengeFactors[state.name]) {
      throw new IdentityError({
        code: 'FACTOR_NOT_FOUND',
        provider: 'cognito',
        field: 'factorId',
        message: 'The challenge does not offer this factor',
      });
    }
    return toResult(await respond(state, { [parameter]: code }, 'challenge'), state.username);
  }

  return {
    async signIn(input) {
      const email = normalizeEmail(input.email);
      const password = input.password;
      const parameters = { USERNAME: email, PASSWORD: password, ...context.secretHashFor(email) };
      const step = adminFlow
        ? await context.send<AdminInitiateAuthCommandOutput>(
            new AdminInitiateAuthCommand({
              UserPoolId: settings.userPoolId,
              ClientId: settings.clientId,
              AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
              AuthParameters: parameters,
            }),
            'signIn',
          )
        : await context.send<InitiateAuthCommandOutput>(
            new InitiateAuthCommand({
              ClientId: settings.clientId,
              AuthFlow: 'USER_PASSWORD_AUTH',
              AuthParameters: parameters,
            }),
            'signIn',
          );
      return toResult(step, email);
    },

    completeMfa,

    async completeNewPassword({ challenge, newPassword }) {
      const state = decodeChallenge(challenge);
      if (state.name !== 'NEW_PASSWORD_REQUIRED') {
        throw new IdentityError({
          code: 'INVALID_INPUT',
          provider: 'cognito',
          field: 'challenge',
          message: 'This challenge is not a new-password challenge',
        });
      }
      return toResult(await respond(state, { NEW_PASSWORD: newPassword }, 'newPassword'), state.username);
    },

    async refresh({ refreshToken }) {
      if (context.local) {
        // cognito-local has no GetTokensFromRefreshToken; its REFRESH_TOKEN_AUTH ignores SECRET_HASH.
        const output = await context.send<InitiateAuthCommandOutput>(
          new InitiateAuthCommand({
            ClientId: settings.clientId,
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            AuthParameters: { REFRESH_TOKEN: refreshToken },
          }),
          'refresh',
        );
        return mapCognitoTokenSet(output.AuthenticationResult, refreshToken);
      }
      // GetTokensFromRefreshToken takes the client secret itself: REFRESH_TOKEN_AUTH would need
      // a SECRET_HASH over the user's Cognito username, which a refresh token does not reveal.
      // It also returns the new refresh token when the app client rotates them.
      const output = await context.send<GetTokensFromRefreshTokenCommandOutput>(
        new GetTokensFromRefreshTokenCommand({
          ClientId: settings.clientId,
          ClientSecret: settings.clientSecret,
          RefreshToken: refreshToken,
        }),
        'refresh',
      );
      return mapCognitoTokenSet(output.AuthenticationResult, refreshToken);
    },

    async revoke({ token }) {
      try {
        await context.send(
          new RevokeTokenCommand({
            ClientId: settings.clientId,
            ClientSecret: settings.clientSecret,
            Token: token,
          }),
          'revoke',
        );
      } catch (error) {
        // RFC 7009: revoking a token that is unknown or already dead is not an error.
        if (!isUnknownTokenAnswer(error)) throw error;
      }
    },

    async signOut({ userId }) {
      await context.send(
        new AdminUserGlobalSignOutCommand({ UserPoolId: settings.userPoolId, Username: userId }),
        'user',
      );
    },

    async signUp(input) {
      const email = normalizeEmail(input.email);
      const { set } = attributeChanges({
        email,
        givenName: input.givenName,
        familyName: input.familyName,
        displayName: input.displayName,
      });
      const output = await context.send<SignUpCommandOutput>(
        new SignUpCommand({
          ClientId: settings.clientId,
          Username: email,
          Password: input.password,
          UserAttributes: set,
          SecretHash: context.secretHashFor(email).SECRET_HASH,
        }),
        'signUp',
      );
      if (!output.UserSub) throw providerError('Cognito SignUp returned no UserSub');
      return { user: await users.get(output.UserSub), confirmationRequired: output.UserConfirmed !== true };
    },

    async confirmSignUp(input) {
      const email = normalizeEmail(input.email);
      const code = input.code;
      await context.send(
        new ConfirmSignUpCommand({
          ClientId: settings.clientId,
          Username: email,
          ConfirmationCode: code,
          SecretHash: context.secretHashFor(email).SECRET_HASH,
        }),
        'confirmSignUp',
      );
    },
  };
}
