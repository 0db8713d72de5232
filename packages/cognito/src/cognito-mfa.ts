import {
  AdminGetUserCommand,
  AdminSetUserMFAPreferenceCommand,
  AssociateSoftwareTokenCommand,
  type AssociateSoftwareTokenCommandOutput,
  GetUserCommand,
  type GetUserCommandOutput,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
  type VerifySoftwareTokenCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  IdentityError,
  type MfaFactor,
  type MfaFactorType,
  type MfaOperations,
  type MfaSubject,
  type VerifiedToken,
} from '@idport/core';
import { mfaChallengeFactors } from './cognito-challenge';
import type { CognitoContext } from './cognito-context';
import type { CognitoUsers } from './cognito-users';
import { attributesOf } from './map-cognito-user';

/** What the MFA group needs from the others. */
export interface CognitoMfaDependencies {
  users: CognitoUsers;
  verifyAccessToken(token: string): Promise<VerifiedToken>;
}

const settingNames: Readonly<Record<MfaFactorType, string | undefined>> = {
  totp: 'SoftwareTokenMfaSettings',
  sms: 'SMSMfaSettings',
  email: 'EmailMfaSettings',
  recovery_code: undefined,
};

function factorNotFound(): IdentityError {
  return new IdentityError({
    code: 'FACTOR_NOT_FOUND',
    provider: 'cognito',
    field: 'factorId',
    message: 'No such factor: Cognito factors are `totp`, `sms` and `email`',
  });
}

/**
 * TOTP enrollment and factor management. Cognito's enrollment API (AssociateSoftwareToken,
 * VerifySoftwareToken, SetUserMFAPreference) acts for the owner of an access token, so
 * enrollment needs `accessToken` in the subject; it is verified and must belong to `userId`.
 * Factor ids are the factor types: Cognito holds at most one factor of each type.
 */
export function createCognitoMfa(
  context: CognitoContext,
  dependencies: CognitoMfaDependencies,
): Omit<MfaOperations, 'generateRecoveryCodes'> {
  const issuer = context.settings.totpIssuer ?? 'Cognito';

  async function ownToken(subject: MfaSubject): Promise<string> {
    if (!subject.accessToken) {
      throw new IdentityError({
        code: 'INVALID_INPUT',
        provider: 'cognito',
        field: 'accessToken',
        message: 'Cognito enrolls factors with the user’s own access token: pass accessToken',
      });
    }
    const verified = await dependencies.verifyAccessToken(subject.accessToken);
    if (verified.subject !== subject.userId) {
      // Fail closed: a token of another user would silently change that user's factors.
      throw new IdentityError({
        code: 'TOKEN_INVALID',
        provider: 'cognito',
        field: 'accessToken',
        message: 'The access token does not belong to userId',
      });
    }
    return subject.accessToken;
  }

  async function listFactors(subject: MfaSubject): Promise<MfaFactor[]> {
    // With the user's token GetUser suffices; otherwise the admin read.
    const record = subject.accessToken
      ? await context.send<GetUserCommandOutput>(
          new GetUserCommand({ AccessToken: await ownToken(subject) }),
          'enrollment',
        )
      : await context.send<GetUserCommandOutput>(
          // AdminGetUser has the same MFA fields as GetUser.
          new AdminGetUserCommand({
            UserPoolId: context.settings.userPoolId,
            Username: subject.userId,
          }),
          'user',
        );
    const attributes = attributesOf(record);
    const factors: MfaFactor[] = [];
    for (const name of record.UserMFASettingList ?? []) {
      const type = mfaChallengeFactors[name];
      if (!type) continue;
      const label =
        type === 'sms'
          ? (attributes.phone_number ?? null)
          : type === 'email'
            ? (attributes.email ?? null)
            : null;
      factors.push({ id: type, type, label, confirmed: true, createdAt: null });
    }
    return factors;
  }

  return {
    listFactors,

    async enrollTotp(input) {
      const accessToken = await ownToken(input);
      const output = await context.send<AssociateSoftwareTokenCommandOutput>(
        new AssociateSoftwareTokenCommand({ AccessToken: accessToken }),
        'enrollment',
      );
      if (!output.SecretCode) {
        throw new IdentityError({
          code: 'PROVIDER_ERROR',
          provider: 'cognito',
          message: 'Cognito returned no TOTP secret',
        });
      }
      const user = await dependencies.users.get(input.userId);
      const account = input.label ?? user.email ?? input.userId;
      const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
      const query = new URLSearchParams({ secret: output.SecretCode, issuer });
      return { factorId: 'totp', secret: output.SecretCode, otpauthUri: `otpauth://totp/${label}?${query}` };
    },

    async confirmEnrollment(input) {
      if (input.factorId !== 'totp') throw factorNotFound();
      const accessToken = await ownToken(input);
      const output = await context.send<VerifySoftwareTokenCommandOutput>(
        new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: input.code }),
        'enrollment',
      );
      if (output.Status !== 'SUCCESS') {
        throw new IdentityError({
          code: 'INVALID_MFA_CODE',
          provider: 'cognito',
          message: 'Cognito did not accept the code',
        });
      }
      // A verified token is not used at sign-in until it is enabled in the MFA preference.
      await context.send(
        new SetUserMFAPreferenceCommand({
          AccessToken: accessToken,
          SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
        }),
        'enrollment',
      );
      return {
        factor: { id: 'totp', type: 'totp', label: null, confirmed: true, createdAt: null },
        recoveryCodes: [],
      };
    },

    async removeFactor(input) {
      const type = input.factorId as MfaFactorType;
      const settingName = settingNames[type];
      if (!settingName || !Object.hasOwn(settingNames, type)) throw factorNotFound();
      const enrolled = await listFactors(input);
      if (!enrolled.some((factor) => factor.id === type)) throw factorNotFound();
      const setting = { [settingName]: { Enabled: false, PreferredMfa: false } };
      if (input.accessToken) {
        await context.send(
          new SetUserMFAPreferenceCommand({ AccessToken: await ownToken(input), ...setting }),
          'enrollment',
        );
        return;
      }
      await context.send(
        new AdminSetUserMFAPreferenceCommand({
          UserPoolId: context.settings.userPoolId,
          Username: input.userId,
          ...setting,
        }),
        'user',
      );
    },
  };
}
