import type { IdentityProvider } from '@idport/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  accessToken,
  adminGetUser,
  authenticated,
  emailOtp,
  error,
  fixtureSub,
  getUser,
  listedUser,
  mfaSetup,
  selectMfaType,
  smsMfa,
  softwareTokenMfa,
} from './__fixtures__/cognito-responses';
import { createCognitoProvider } from './cognito-provider';
import type { CognitoProviderOptions } from './cognito-provider-options';
import { filterValue } from './cognito-users';
import { expectCode } from './test-support/expect-code';
import { RecordedCognito } from './test-support/recorded-cognito';

/**
 * The real-Cognito paths that cognito-local cannot exercise, driven through the real AWS SDK
 * against recorded response shapes (see RecordedCognito). Provider in `peer: 'aws'` mode.
 */
const cognito = new RecordedCognito();
let provider: IdentityProvider;

function awsProvider(overrides: Partial<CognitoProviderOptions> = {}): IdentityProvider {
  return createCognitoProvider({
    region: 'eu-west-1',
    userPoolId: 'eu-west-1_Example12',
    clientId: 'exampleclientid123',
    endpoint: cognito.endpoint,
    peer: 'aws',
    maxAttempts: 1,
    ...overrides,
  });
}

beforeAll(() => cognito.start());
afterAll(() => cognito.stop());
beforeEach(() => {
  // The default AWS credential chain reads these first; no real account is involved.
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAEXAMPLEEXAMPLE00');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'example-secret-access-key');
  cognito.requests.length = 0;
  provider = awsProvider();
});
afterEach(async () => {
  await provider.close();
  vi.unstubAllEnvs();
});

describe('manifest for a real pool', () => {
  it('adds global sign-out and SMS/email factors, and follows the rotation setting', () => {
    expect(provider.capabilities.operations).toContain('auth.signOut');
    expect(provider.capabilities.mfaFactorTypes).toEqual(['totp', 'sms', 'email']);
    expect(provider.capabilities.refreshTokenRotation).toBe(false);
    const rotating = awsProvider({ refreshTokenRotation: true });
    expect(rotating.capabilities.refreshTokenRotation).toBe(true);
    return rotating.close();
  });
});

describe('sign-in on a real pool', () => {
  it('signs AWS admin calls with the default credential chain and reads ExpiresIn', async () => {
    cognito.reply('InitiateAuth', { body: authenticated }).reply('GetUser', { body: getUser });
    const before = Date.now();
    const result = await provider.auth.signIn({ email: 'ada@example.com', password: 'Correct-Horse-9!' });
    expect(result.status).toBe('authenticated');
    if (result.status !== 'authenticated') return;
    expect(result.user).toMatchObject({ id: fixtureSub, email: 'ada@example.com', emailVerified: true });
    expect(result.tokens.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 3600_000);
    expect(cognito.calls('InitiateAuth')[0]).toEqual({
      ClientId: 'exampleclientid123',
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'ada@example.com', PASSWORD: 'Correct-Horse-9!' },
    });
    expect(cognito.calls('GetUser')[0]).toEqual({ AccessToken: accessToken });
  });

  it('sends SECRET_HASH over the typed username, then over USER_ID_FOR_SRP in the challenge answer', async () => {
    const withSecret = awsProvider({ clientSecret: 'example-client-secret' });
    try {
      cognito
        .reply('InitiateAuth', { body: softwareTokenMfa })
        .reply('RespondToAuthChallenge', { body: authenticated })
        .reply('GetUser', { body: getUser });
      const first = await withSecret.auth.signIn({ email: 'ada@example.com', password: 'Correct-Horse-9!' });
      if (first.status !== 'mfa_required') throw new Error('expected mfa_required');
      expect(first.factors).toEqual([{ id: 'totp', type: 'totp', label: 'Phone' }]);
      await withSecret.auth.completeMfa({ challenge: first.challenge, code: '123456' });
      // Expected values computed independently (Python hmac) from the documented formula.
      expect(cognito.calls('InitiateAuth')[0]!.AuthParameters).toMatchObject({
        SECRET_HASH: 'QHG3zdoRxchreC/Pmr4Qjf6geyt+HjfAP6vNcJXRgxA=',
      });
      expect(cognito.calls('RespondToAuthChallenge')[0]).toEqual({
        ClientId: 'exampleclientid123',
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: softwareTokenMfa.Session,
        ChallengeResponses: {
          USERNAME: fixtureSub,
          SOFTWARE_TOKEN_MFA_CODE: '123456',
          SECRET_HASH: 'VKg3AUoo/cNnvb2ZK4grCZEnhpnLcRZbkPuId6ggZWE=',
        },
      });
    } finally {
      await withSecret.close();
    }
  });

  it('maps the NotAuthorizedException messages: disabled, too many attempts, wrong password', async () => {
    cognito.reply(
      'InitiateAuth',
      error('NotAuthorizedException', 'User is disabled.'),
      error('NotAuthorizedException', 'Password attempts exceeded'),
      error('NotAuthorizedException', 'Incorrect username or password.'),
      error('UserNotFoundException', 'User does not exist.'),
      error('PasswordResetRequiredException', 'Password reset required for the user'),
      error('TooManyRequestsException', 'Too many requests'),
      error('InternalErrorException', 'Internal error', 500),
    );
    const input = { email: 'ada@example.com', password: 'Correct-Horse-9!' };
    await expectCode(provider.auth.signIn(input), 'USER_DISABLED');
    await expectCode(provider.auth.signIn(input), 'TOO_MANY_ATTEMPTS');
    await expectCode(provider.auth.signIn(input), 'INVALID_CREDENTIALS');
    await expectCode(provider.auth.signIn(input), 'INVALID_CREDENTIALS');
    await expectCode(provider.auth.signIn(input), 'PASSWORD_RESET_REQUIRED');
    const throttled = await expectCode(provider.auth.signIn(input), 'RATE_LIMITED');
    expect(throttled.retryable).toBe(true);
    await expectCode(provider.auth.signIn(input), 'PROVIDER_UNAVAILABLE');
  });

  it('lets the user pick SMS from SELECT_MFA_TYPE, then answers the SMS code', async () => {
    cognito
      .reply('InitiateAuth', { body: selectMfaType })
      .reply('RespondToAuthChallenge', { body: smsMfa }, { body: authenticated })
      .reply('GetUser', { body: getUser });
    const first = await provider.auth.signIn({ email: 'ada@example.com', password: 'Correct-Horse-9!' });
    if (first.status !== 'mfa_required') throw new Error('expected mfa_required');
    expect(first.factors.map((factor) => factor.id)).toEqual(['sms', 'totp']);
    const second = await provider.auth.completeMfa({
      challenge: first.challenge,
      factorId: 'sms',
      code: '000000',
    });
    if (second.status !== 'mfa_required') throw new Error('expected the SMS challenge');
    expect(second.factors).toEqual([{ id: 'sms', type: 'sms', label: '+*******0100' }]);
    expect((await provider.auth.completeMfa({ challenge: second.challenge, code: '246810' })).status).toBe(
      'authenticated',
    );
    const [select, answer] = cognito.calls('RespondToAuthChallenge');
    expect(select).toMatchObject({
      ChallengeName: 'SELECT_MFA_TYPE',
      Session: selectMfaType.Session,
      ChallengeResponses: { USERNAME: fixtureSub, ANSWER: 'SMS_MFA' },
    });
    expect(answer).toMatchObject({
      ChallengeName: 'SMS_MFA',
      Session: smsMfa.Session,
      ChallengeResponses: { USERNAME: fixtureSub, SMS_MFA_CODE: '246810' },
    });
  });

  it('answers TOTP straight away when chosen from SELECT_MFA_TYPE', async () => {
    cognito
      .reply('InitiateAuth', { body: selectMfaType })
      .reply('RespondToAuthChallenge', { body: softwareTokenMfa }, { body: authenticated })
      .reply('GetUser', { body: getUser });
    const first = await provider.auth.signIn({ email: 'ada@example.com', password: 'Correct-Horse-9!' });
    if (first.status !== 'mfa_required') throw new Error('expected mfa_required');
    expect((await provider.auth.completeMfa({ challenge: first.challenge, code: '135790' })).status).toBe(
      'authenticated',
    );
    expect(cognito.calls('RespondToAuthChallenge').map((call) => call.ChallengeResponses)).toEqual([
      { USERNAME: fixtureSub, ANSWER: 'SOFTWARE_TOKEN_MFA' },
      { USERNAME: fixtureSub, SOFTWARE_TOKEN_MFA_CODE: '135790' },
    ]);
  });

  it('completes an EMAIL_OTP challenge', async () => {
    cognito
      .reply('InitiateAuth', { body: emailOtp })
      .reply('RespondToAuthChallenge', error('CodeMismatchException', 'Invalid code received for user'), {
        body: authenticated,
      })
      .reply('GetUser', { body: getUser });
    const first = await provider.auth.signIn({ email: 'ada@example.com', password: 'Correct-Horse-9!' });
    if (first.status !== 'mfa_required') throw new Error('expected mfa_required');
    expect(first.factors).toEqual([{ id: 'email', type: 'email', label: 'a***@e***' }]);
    await expectCode(
      provider.auth.completeMfa({ challenge: first.challenge, code: '000000' }),
      'INVALID_MFA_CODE',
    );
    expect((await provider.auth.completeMfa({ challenge: first.challenge, code: '11223344' })).status).toBe(
      'authenticated',
    );
    expect(cognito.calls('RespondToAuthChallenge')[1]!.ChallengeResponses).toEqual({
      USERNAME: fixtureSub,
      EMAIL_OTP_CODE: '11223344',
    });
  });

  it('reports an expired challenge session as MFA_CHALLENGE_EXPIRED', async () => {
    cognito
      .reply('InitiateAuth', { body: softwareTokenMfa })
      .reply(
        'RespondToAuthChallenge',
        error('NotAuthorizedException', 'Invalid session for the user, session is expired.'),
      );
    const first = await provider.auth.signIn({ email: 'ada@example.com', password: 'Correct-Horse-9!' });
    if (first.status !== 'mfa_required') throw new Error('expected mfa_required');
    await expectCode(
      provider.auth.completeMfa({ challenge: first.challenge, code: '123456' }),
      'MFA_CHALLENGE_EXPIRED',
    );
  });

  it('turns MFA_SETUP into MFA_ENROLLMENT_REQUIRED', async () => {
    cognito.reply('InitiateAuth', { body: mfaSetup });
    await expectCode(
      provider.auth.signIn({ email: 'ada@example.com', password: 'Correct-Horse-9!' }),
      'MFA_ENROLLMENT_REQUIRED',
    );
  });

  it('uses AdminInitiateAuth and AdminRespondToAuthChallenge in the admin flow', async () => {
    const admin = awsProvider({ authFlow: 'ADMIN_USER_PASSWORD_AUTH' });
    try {
      cognito
        .reply('AdminInitiateAuth', { body: softwareTokenMfa })
        .reply('AdminRespondToAuthChallenge', { body: authenticated })
        .reply('GetUser', { body: getUser });
      const first = await admin.auth.signIn({ email: 'ada@example.com', password: 'Correct-Horse-9!' });
      if (first.status !== 'mfa_required') throw new Error('expected mfa_required');
      await admin.auth.completeMfa({ challenge: first.challenge, code: '123456' });
      expect(cognito.calls('AdminInitiateAuth')[0]).toMatchObject({
        UserPoolId: 'eu-west-1_Example12',
        AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      });
      expect(cognito.calls('AdminRespondToAuthChallenge')[0]).toMatchObject({
        UserPoolId: 'eu-west-1_Example12',
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
      });
      expect(cognito.requests.find((request) => request.operation === 'AdminInitiateAuth')?.signed).toBe(
        true,
      );
    } finally {
      await admin.close();
    }
  });
});

describe('sessions on a real pool', () => {
  it('refreshes with GetTokensFromRefreshToken and returns the rotated refresh token', async () => {
    const withSecret = awsProvider({ clientSecret: 'example-client-secret', refreshTokenRotation: true });
    try {
      const rotated = {
        AuthenticationResult: {
          ...authenticated.AuthenticationResult,
          RefreshToken: 'rotated-refresh-token',
        },
      };
      const notRotated = {
        AuthenticationResult: { ...authenticated.AuthenticationResult, RefreshToken: undefined },
      };
      cognito.reply('GetTokensFromRefreshToken', { body: rotated }, { body: notRotated });
      expect((await withSecret.auth.refresh({ refreshToken: 'old-refresh-token' })).refreshToken).toBe(
        'rotated-refresh-token',
      );
      expect((await withSecret.auth.refresh({ refreshToken: 'old-refresh-token' })).refreshToken).toBe(
        'old-refresh-token',
      );
      expect(cognito.calls('GetTokensFromRefreshToken')[0]).toEqual({
        ClientId: 'exampleclientid123',
        ClientSecret: 'example-client-secret',
        RefreshToken: 'old-refresh-token',
      });
    } finally {
      await withSecret.close();
    }
  });

  it('maps a revoked or expired refresh token', async () => {
    cognito.reply(
      'GetTokensFromRefreshToken',
      error('NotAuthorizedException', 'Refresh Token has been revoked'),
      error('NotAuthorizedException', 'Refresh Token has expired'),
    );
    await expectCode(provider.auth.refresh({ refreshToken: 'revoked' }), 'TOKEN_INVALID');
    await expectCode(provider.auth.refresh({ refreshToken: 'expired' }), 'TOKEN_EXPIRED');
  });

  it('signs a user out everywhere with AdminUserGlobalSignOut', async () => {
    cognito.reply(
      'AdminUserGlobalSignOut',
      { body: {} },
      error('UserNotFoundException', 'User does not exist.'),
    );
    await provider.auth.signOut({ userId: fixtureSub });
    expect(cognito.calls('AdminUserGlobalSignOut')[0]).toEqual({
      UserPoolId: 'eu-west-1_Example12',
      Username: fixtureSub,
    });
    await expectCode(provider.auth.signOut({ userId: 'unknown' }), 'USER_NOT_FOUND');
  });

  it('revokes with the client secret and refuses an access token', async () => {
    const withSecret = awsProvider({ clientSecret: 'example-client-secret' });
    try {
      cognito.reply(
        'RevokeToken',
        { body: {} },
        error('UnsupportedTokenTypeException', 'Only refresh tokens can be revoked'),
        error('NotAuthorizedException', 'Invalid token'),
        error('NotAuthorizedException', 'Unable to verify secret hash for client exampleclientid123'),
      );
      await withSecret.auth.revoke({ token: 'a-refresh-token' });
      expect(cognito.calls('RevokeToken')[0]).toEqual({
        ClientId: 'exampleclientid123',
        ClientSecret: 'example-client-secret',
        Token: 'a-refresh-token',
      });
      await expectCode(withSecret.auth.revoke({ token: 'an-access-token' }), 'TOKEN_INVALID');
      // An unknown token is quietly accepted (RFC 7009); a misconfigured client is not.
      await withSecret.auth.revoke({ token: 'unknown-refresh-token' });
      await expectCode(withSecret.auth.revoke({ token: 'a-refresh-token' }), 'CONFIGURATION_ERROR');
    } finally {
      await withSecret.close();
    }
  });
});

describe('users on a real pool', () => {
  it('pages ListUsers with Limit and PaginationToken and resumes from a cursor', async () => {
    cognito.reply(
      'ListUsers',
      { body: { Users: [listedUser(1), listedUser(2)], PaginationToken: 'page-2-token' } },
      { body: { Users: [listedUser(3)] } },
      { body: { Users: [listedUser(3)] } },
    );
    const pages = [];
    for await (const page of provider.users.list({ pageSize: 2 }).pages()) pages.push(page);
    expect(pages.map((page) => page.items.map((user) => user.email))).toEqual([
      ['user1@example.com', 'user2@example.com'],
      ['user3@example.com'],
    ]);
    const cursor = pages[0]!.nextCursor!;
    expect(cursor).toMatch(/^cognito1\./);
    expect(pages[1]!.nextCursor).toBeNull();
    expect(pages[0]!.items[1]!.enabled).toBe(false);
    expect(pages[0]!.items[0]!.attributes).toEqual({ plan: 'pro' });
    expect(pages[0]!.items[0]!.createdAt).toEqual(new Date(1_735_689_600_000));
    const resumed = [];
    for await (const user of provider.users.list({ pageSize: 2, cursor })) resumed.push(user.email);
    expect(resumed).toEqual(['user3@example.com']);
    expect(cognito.calls('ListUsers')).toEqual([
      { UserPoolId: 'eu-west-1_Example12', Limit: 2 },
      { UserPoolId: 'eu-west-1_Example12', Limit: 2, PaginationToken: 'page-2-token' },
      { UserPoolId: 'eu-west-1_Example12', Limit: 2, PaginationToken: 'page-2-token' },
    ]);
    await expectCode(
      (async () => {
        for await (const _ of provider.users.list({ cursor: 'page-2-token' })) break;
      })(),
      'INVALID_INPUT',
    );
    expect(cognito.calls('ListUsers')).toHaveLength(3);
  });

  it('fills a page of 100 from two ListUsers calls that end on a Cognito token', async () => {
    const sixty = Array.from({ length: 60 }, (_, index) => listedUser(index % 9));
    const forty = Array.from({ length: 40 }, (_, index) => listedUser(index % 9));
    cognito.reply(
      'ListUsers',
      { body: { Users: sixty, PaginationToken: 'after-60' } },
      { body: { Users: forty, PaginationToken: 'after-100' } },
    );
    const first = await provider.users.list({ pageSize: 100 }).pages()[Symbol.asyncIterator]().next();
    expect(first.value?.items).toHaveLength(100);
    expect(cognito.calls('ListUsers')).toEqual([
      { UserPoolId: 'eu-west-1_Example12', Limit: 60 },
      { UserPoolId: 'eu-west-1_Example12', Limit: 40, PaginationToken: 'after-60' },
    ]);
    cognito.reply('ListUsers', { body: { Users: [] } });
    for await (const _ of provider.users.list({ pageSize: 100, cursor: first.value!.nextCursor! })) break;
    expect(cognito.calls('ListUsers')[2]).toMatchObject({ PaginationToken: 'after-100' });
  });

  it('finds by email with a quoted filter, escaping what the core validation would let through', async () => {
    cognito.reply('ListUsers', { body: { Users: [] } });
    expect(await provider.users.findByEmail('ada@example.com')).toBeNull();
    expect(cognito.calls('ListUsers')[0]!.Filter).toBe('email = "ada@example.com"');
    expect(filterValue('a"b\\c')).toBe('"a\\"b\\\\c"');
  });

  it('maps a weak password at create to WEAK_PASSWORD and creates nothing', async () => {
    cognito.reply(
      'AdminCreateUser',
      error('InvalidPasswordException', 'Password did not conform with policy: Password not long enough'),
    );
    await expectCode(provider.users.create({ email: 'ada@example.com', password: 'short' }), 'WEAK_PASSWORD');
    expect(cognito.requests.map((request) => request.operation)).toEqual(['AdminCreateUser']);
    expect(cognito.calls('AdminCreateUser')[0]).toMatchObject({
      MessageAction: 'SUPPRESS',
      Username: 'ada@example.com',
    });
  });

  it('removes a factor as an admin with AdminSetUserMFAPreference', async () => {
    cognito.reply('AdminGetUser', { body: adminGetUser }).reply('AdminSetUserMFAPreference', { body: {} });
    await provider.mfa.removeFactor({ userId: fixtureSub, factorId: 'totp' });
    expect(cognito.calls('AdminSetUserMFAPreference')[0]).toEqual({
      UserPoolId: 'eu-west-1_Example12',
      Username: fixtureSub,
      SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false },
    });
  });

  it('reports a missing pool or bad AWS credentials as CONFIGURATION_ERROR', async () => {
    cognito.reply(
      'AdminGetUser',
      error('ResourceNotFoundException', 'User pool eu-west-1_Example12 does not exist.'),
      error('UnrecognizedClientException', 'The security token included in the request is invalid.'),
    );
    await expectCode(provider.users.get(fixtureSub), 'CONFIGURATION_ERROR');
    await expectCode(provider.users.get(fixtureSub), 'CONFIGURATION_ERROR');
  });
});
