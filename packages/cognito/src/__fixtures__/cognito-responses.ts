/**
 * Response bodies in the shapes of the Amazon Cognito user pools API reference
 * (InitiateAuth, RespondToAuthChallenge, GetUser, ListUsers, GetTokensFromRefreshToken,
 * errors). Tokens are unsigned JWT-shaped strings: these tests check request and response
 * handling, not verification.
 */

const sub = '0f1e2d3c-aaaa-bbbb-cccc-1234567890ab';

function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', kid: 'example' })}.${part(claims)}.c2lnbmF0dXJl`;
}

export const fixtureSub = sub;

export const accessToken = jwt({
  sub,
  token_use: 'access',
  scope: 'aws.cognito.signin.user.admin',
  client_id: 'exampleclientid123',
  username: sub,
  exp: 4_102_444_800,
});

export const authenticated = {
  AuthenticationResult: {
    AccessToken: accessToken,
    ExpiresIn: 3600,
    IdToken: jwt({ sub, token_use: 'id', aud: 'exampleclientid123' }),
    RefreshToken: 'eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.refresh-one',
    TokenType: 'Bearer',
  },
  ChallengeParameters: {},
};

export const getUser = {
  Username: sub,
  UserAttributes: [
    { Name: 'sub', Value: sub },
    { Name: 'email_verified', Value: 'true' },
    { Name: 'email', Value: 'ada@example.com' },
    { Name: 'phone_number', Value: '+14155550100' },
  ],
  UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
  PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
};

export const adminGetUser = {
  ...getUser,
  Enabled: true,
  UserStatus: 'CONFIRMED',
  UserCreateDate: 1_735_689_600,
  UserLastModifiedDate: 1_735_689_600,
};

export const selectMfaType = {
  ChallengeName: 'SELECT_MFA_TYPE',
  ChallengeParameters: { MFAS_CAN_CHOOSE: '["SMS_MFA","SOFTWARE_TOKEN_MFA"]', USER_ID_FOR_SRP: sub },
  Session: 'AYABeselect-mfa-type-session',
};

export const smsMfa = {
  ChallengeName: 'SMS_MFA',
  ChallengeParameters: {
    CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS',
    CODE_DELIVERY_DESTINATION: '+*******0100',
    USER_ID_FOR_SRP: sub,
  },
  Session: 'AYABesms-mfa-session',
};

export const emailOtp = {
  ChallengeName: 'EMAIL_OTP',
  ChallengeParameters: {
    CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL',
    CODE_DELIVERY_DESTINATION: 'a***@e***',
    USER_ID_FOR_SRP: sub,
  },
  Session: 'AYABeemail-otp-session',
};

export const softwareTokenMfa = {
  ChallengeName: 'SOFTWARE_TOKEN_MFA',
  ChallengeParameters: { FRIENDLY_DEVICE_NAME: 'Phone', USER_ID_FOR_SRP: sub },
  Session: 'AYABesoftware-token-session',
};

export const mfaSetup = {
  ChallengeName: 'MFA_SETUP',
  ChallengeParameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]', USER_ID_FOR_SRP: sub },
  Session: 'AYABemfa-setup-session',
};

export function listedUser(index: number) {
  return {
    Attributes: [
      { Name: 'sub', Value: `00000000-0000-0000-0000-00000000000${index}` },
      { Name: 'email', Value: `user${index}@example.com` },
      { Name: 'custom:plan', Value: 'pro' },
    ],
    Enabled: index !== 2,
    UserCreateDate: 1_735_689_600,
    UserLastModifiedDate: 1_735_689_600,
    UserStatus: 'CONFIRMED',
    Username: `00000000-0000-0000-0000-00000000000${index}`,
  };
}

export function error(type: string, message: string, status = 400) {
  return { status, body: { __type: type, message } };
}
