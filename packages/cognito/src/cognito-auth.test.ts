import { afterAll, describe, expect, it } from 'vitest';
import { expectCode } from './test-support/expect-code';
import { testPassword, testProvider, uniqueEmail } from './test-support/test-provider';

const provider = testProvider();
afterAll(() => provider.close());

describe('auth against cognito-local', () => {
  it('signs in with USER_PASSWORD_AUTH and returns tokens and the user', async () => {
    const email = uniqueEmail('signin');
    const created = await provider.users.create({ email, password: testPassword, givenName: 'Ada' });
    const result = await provider.auth.signIn({ email, password: testPassword });
    expect(result.status).toBe('authenticated');
    if (result.status !== 'authenticated') return;
    expect(result.user.id).toBe(created.id);
    expect(result.user.email).toBe(email);
    expect(result.user.givenName).toBe('Ada');
    expect(result.tokens.refreshToken).toBeTruthy();
    expect(result.tokens.idToken).toBeTruthy();
    expect(result.tokens.expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(result.tokens.scopes).toContain('aws.cognito.signin.user.admin');
  });

  it('answers INVALID_CREDENTIALS alike for a wrong password and an unknown user', async () => {
    const email = uniqueEmail('wrong');
    await provider.users.create({ email, password: testPassword });
    const wrong = await expectCode(
      provider.auth.signIn({ email, password: 'Wrong-Password-1!' }),
      'INVALID_CREDENTIALS',
    );
    const unknown = await expectCode(
      provider.auth.signIn({ email: uniqueEmail('nobody'), password: testPassword }),
      'INVALID_CREDENTIALS',
    );
    // cognito-local answers InvalidPasswordException for one and NotAuthorizedException for
    // the other: nothing of that difference may show.
    expect(wrong.toJSON()).toEqual(unknown.toJSON());
    expect(wrong.message).not.toContain(email);
  });

  it('refreshes and keeps the refresh token cognito-local does not rotate', async () => {
    const email = uniqueEmail('refresh');
    await provider.users.create({ email, password: testPassword });
    const result = await provider.auth.signIn({ email, password: testPassword });
    if (result.status !== 'authenticated') throw new Error('not authenticated');
    const refreshed = await provider.auth.refresh({ refreshToken: result.tokens.refreshToken! });
    expect(refreshed.refreshToken).toBe(result.tokens.refreshToken);
    expect(refreshed.accessToken).not.toBe(result.tokens.accessToken);
    const verified = await provider.tokens.verifyAccessToken(refreshed.accessToken);
    expect(verified.subject).toBe(result.user.id);
  });

  it('revokes a refresh token so it no longer refreshes', async () => {
    const email = uniqueEmail('revoke');
    await provider.users.create({ email, password: testPassword });
    const result = await provider.auth.signIn({ email, password: testPassword });
    if (result.status !== 'authenticated') throw new Error('not authenticated');
    await provider.auth.revoke({ token: result.tokens.refreshToken! });
    await expectCode(provider.auth.refresh({ refreshToken: result.tokens.refreshToken! }), 'TOKEN_INVALID');
  });

  it('leaves auth.signOut undeclared on cognito-local (no AdminUserGlobalSignOut there)', async () => {
    expect(provider.capabilities.operations).not.toContain('auth.signOut');
    await expectCode(provider.auth.signOut({ userId: 'anyone' }), 'UNSUPPORTED_OPERATION');
  });

  it('asks for a new password for a temporary one, then signs in', async () => {
    const email = uniqueEmail('temporary');
    const user = await provider.users.create({ email, password: testPassword });
    await provider.users.setPassword(user.id, 'Temporary-Pass-1!', { temporary: true });
    const first = await provider.auth.signIn({ email, password: 'Temporary-Pass-1!' });
    expect(first.status).toBe('new_password_required');
    if (first.status !== 'new_password_required') return;
    expect(first.challenge.session).not.toContain('Temporary');
    const done = await provider.auth.completeNewPassword({
      challenge: first.challenge,
      newPassword: 'Brand-New-Pass-2!',
    });
    expect(done.status).toBe('authenticated');
    const again = await provider.auth.signIn({ email, password: 'Brand-New-Pass-2!' });
    expect(again.status).toBe('authenticated');
  });

  it('declared quirk: cognito-local offers NEW_PASSWORD_REQUIRED for any password while a password is temporary', async () => {
    // Real Cognito checks the temporary password first; cognito-local does not. Users created
    // by the adapter are never left in this state (create confirms them), only setPassword
    // with { temporary: true } puts them there.
    const email = uniqueEmail('quirk');
    const user = await provider.users.create({ email, password: testPassword });
    await provider.users.setPassword(user.id, 'Temporary-Pass-1!', { temporary: true });
    expect((await provider.auth.signIn({ email, password: 'Not-The-Temporary-1!' })).status).toBe(
      'new_password_required',
    );
  });

  it('signs up, refuses sign-in until confirmed, and confirms with the code', async () => {
    const email = uniqueEmail('signup');
    const { user, confirmationRequired } = await provider.auth.signUp({
      email,
      password: testPassword,
      familyName: 'Lovelace',
    });
    expect(confirmationRequired).toBe(true);
    expect(user.email).toBe(email);
    expect(user.familyName).toBe('Lovelace');
    await expectCode(provider.auth.signIn({ email, password: testPassword }), 'USER_NOT_CONFIRMED');
    await expectCode(provider.auth.confirmSignUp({ email, code: '000000' }), 'INVALID_CONFIRMATION_CODE');
    await provider.auth.confirmSignUp({ email, code: '123456' });
    expect((await provider.auth.signIn({ email, password: testPassword })).status).toBe('authenticated');
  });

  it('refuses a second sign-up with the same email', async () => {
    const email = uniqueEmail('dup');
    await provider.auth.signUp({ email, password: testPassword });
    await expectCode(provider.auth.signUp({ email, password: testPassword }), 'USER_ALREADY_EXISTS');
  });

  it('treats a tampered challenge as expired', async () => {
    await expectCode(
      provider.auth.completeMfa({
        challenge: { session: 'not-a-challenge', expiresAt: null },
        code: '123456',
      }),
      'MFA_CHALLENGE_EXPIRED',
    );
  });

  it('signs in through ADMIN_USER_PASSWORD_AUTH', async () => {
    const admin = testProvider('emailPool', { authFlow: 'ADMIN_USER_PASSWORD_AUTH' });
    try {
      const email = uniqueEmail('admin');
      await admin.users.create({ email, password: testPassword });
      const result = await admin.auth.signIn({ email, password: testPassword });
      expect(result.status).toBe('authenticated');
      await expectCode(admin.auth.signIn({ email, password: 'Wrong-Password-1!' }), 'INVALID_CREDENTIALS');
    } finally {
      await admin.close();
    }
  });
});
