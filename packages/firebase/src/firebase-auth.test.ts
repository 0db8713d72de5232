import { endUserMessage, type IdentityProvider, UnsupportedOperationError } from '@idport/core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createEmulatorProvider, emulatorBackdoor } from './__fixtures__/firebase-test-environment';
import { rejection } from './__fixtures__/identity-rejection';

const host = inject('firebaseEmulatorHost');
const backdoor = emulatorBackdoor(host);
const password = 'Correct-Horse-9-Battery!';
const phone = '+15555550100';

let provider: IdentityProvider;

describe.skipIf(!host)('firebase auth against the Auth emulator', () => {
  beforeAll(() => {
    provider = createEmulatorProvider(host);
  });
  afterAll(async () => {
    await provider.close();
  });
  beforeEach(async () => {
    await backdoor.reset();
  });

  it('signs in with a password and returns tokens and the user', async () => {
    const user = await provider.users.create({ email: 'ada@example.com', password, displayName: 'Ada' });
    const result = await provider.auth.signIn({ email: 'ADA@example.com', password });
    expect(result.status).toBe('authenticated');
    if (result.status !== 'authenticated') return;
    expect(result.user.id).toBe(user.id);
    expect(result.user.displayName).toBe('Ada');
    expect(result.tokens.refreshToken).toBeTruthy();
    expect(result.tokens.accessToken).toBe(result.tokens.idToken);
    expect(result.tokens.expiresAt.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    const verified = await provider.tokens.verifyIdToken(result.tokens.idToken as string);
    expect(verified.subject).toBe(user.id);
    expect(verified.issuer).toBe('https://securetoken.google.com/demo-test');
  });

  it.each([false, true])(
    'maps unknown email and wrong password to the same INVALID_CREDENTIALS (improved email privacy %s)',
    async (privacy) => {
      await backdoor.setEmailPrivacy(privacy);
      await provider.users.create({ email: 'ada@example.com', password });
      const unknown = await rejection(provider.auth.signIn({ email: 'nobody@example.com', password }));
      const wrong = await rejection(
        provider.auth.signIn({ email: 'ada@example.com', password: `${password}x` }),
      );
      expect(unknown.code).toBe('INVALID_CREDENTIALS');
      expect(wrong.code).toBe('INVALID_CREDENTIALS');
      // Not even the vendor code or the cause tells them apart (the emulator without
      // improved email privacy answers EMAIL_NOT_FOUND vs INVALID_PASSWORD).
      expect(unknown.toJSON()).toEqual(wrong.toJSON());
      expect(unknown.cause).toBeUndefined();
      expect(wrong.cause).toBeUndefined();
      expect(JSON.stringify(wrong.toJSON())).not.toContain(password);
    },
  );

  it('refuses a disabled user exactly like a wrong password, and lets them in once enabled', async () => {
    const user = await provider.users.create({ email: 'ada@example.com', password });
    await provider.users.disable(user.id);
    // Firebase answers USER_DISABLED before it checks the password; passing that on would
    // reveal disabled accounts to anyone guessing emails (note 0201).
    const rightPassword = await rejection(provider.auth.signIn({ email: 'ada@example.com', password }));
    const wrongPassword = await rejection(
      provider.auth.signIn({ email: 'ada@example.com', password: `${password}x` }),
    );
    const unknownEmail = await rejection(provider.auth.signIn({ email: 'nobody@example.com', password }));
    expect(rightPassword.code).toBe('INVALID_CREDENTIALS');
    expect(rightPassword.toJSON()).toEqual(unknownEmail.toJSON());
    expect(wrongPassword.toJSON()).toEqual(unknownEmail.toJSON());
    expect(endUserMessage(rightPassword)).toBe(endUserMessage(unknownEmail));
    await provider.users.enable(user.id);
    expect((await provider.auth.signIn({ email: 'ada@example.com', password })).status).toBe('authenticated');
  });

  it('refreshes tokens; the refresh token is not rotated; garbage is TOKEN_INVALID', async () => {
    await provider.users.create({ email: 'ada@example.com', password });
    const result = await provider.auth.signIn({ email: 'ada@example.com', password });
    if (result.status !== 'authenticated') throw new Error('expected authenticated');
    const refreshed = await provider.auth.refresh({ refreshToken: result.tokens.refreshToken as string });
    expect(refreshed.refreshToken).toBe(result.tokens.refreshToken);
    expect((await provider.tokens.verifyAccessToken(refreshed.accessToken)).subject).toBe(result.user.id);
    const error = await rejection(provider.auth.refresh({ refreshToken: 'not-a-refresh-token' }));
    expect(error.code).toBe('TOKEN_INVALID');
  });

  it('refresh of a disabled user fails with USER_DISABLED', async () => {
    const user = await provider.users.create({ email: 'ada@example.com', password });
    const result = await provider.auth.signIn({ email: 'ada@example.com', password });
    if (result.status !== 'authenticated') throw new Error('expected authenticated');
    await provider.users.disable(user.id);
    const error = await rejection(
      provider.auth.refresh({ refreshToken: result.tokens.refreshToken as string }),
    );
    expect(error.code).toBe('USER_DISABLED');
  });

  it('signOut and revoke move tokensValidAfterTime (the emulator still refreshes: a declared quirk)', async () => {
    const user = await provider.users.create({ email: 'ada@example.com', password });
    const before = await provider.users.get(user.id);
    const validAfter = (raw: unknown) =>
      new Date((raw as { tokensValidAfterTime: string }).tokensValidAfterTime);
    await new Promise((wait) => setTimeout(wait, 1100));
    await provider.auth.signOut({ userId: user.id });
    const afterSignOut = await provider.users.get(user.id);
    expect(validAfter(afterSignOut.raw).getTime()).toBeGreaterThan(validAfter(before.raw).getTime());

    const result = await provider.auth.signIn({ email: 'ada@example.com', password });
    if (result.status !== 'authenticated') throw new Error('expected authenticated');
    await new Promise((wait) => setTimeout(wait, 1100));
    await provider.auth.revoke({ token: result.tokens.refreshToken as string });
    const afterRevoke = await provider.users.get(user.id);
    expect(validAfter(afterRevoke.raw).getTime()).toBeGreaterThan(validAfter(afterSignOut.raw).getTime());
    // Production would now answer TOKEN_EXPIRED; the emulator keeps refreshing.
    await expect(
      provider.auth.refresh({ refreshToken: result.tokens.refreshToken as string }),
    ).resolves.toBeTruthy();

    // An ID token names its user too.
    await new Promise((wait) => setTimeout(wait, 1100));
    await provider.auth.revoke({ token: result.tokens.idToken as string });
    const afterIdTokenRevoke = await provider.users.get(user.id);
    expect(validAfter(afterIdTokenRevoke.raw).getTime()).toBeGreaterThan(
      validAfter(afterRevoke.raw).getTime(),
    );
  });

  it('signs up a user who can sign in at once', async () => {
    const { user, confirmationRequired } = await provider.auth.signUp({
      email: 'new@example.com',
      password,
      givenName: 'New',
      familyName: 'Person',
    });
    expect(confirmationRequired).toBe(false);
    expect(user).toMatchObject({
      email: 'new@example.com',
      givenName: 'New',
      familyName: 'Person',
      emailVerified: false,
    });
    expect((await provider.auth.signIn({ email: 'new@example.com', password })).status).toBe('authenticated');
    const again = await rejection(provider.auth.signUp({ email: 'new@example.com', password }));
    expect(again.code).toBe('USER_ALREADY_EXISTS');
  });

  it('signUp with a weak password is WEAK_PASSWORD', async () => {
    expect((await rejection(provider.auth.signUp({ email: 'weak@example.com', password: '123' }))).code).toBe(
      'WEAK_PASSWORD',
    );
  });

  describe('SMS second factor', () => {
    async function enrolledUser() {
      return provider.users.create({
        email: 'mfa@example.com',
        password,
        emailVerified: true,
        providerOptions: { firebase: { mfaPhoneNumbers: [phone] } },
      });
    }

    it('signIn answers mfa_required with the factor, and the SMS code completes it', async () => {
      const user = await enrolledUser();
      const factors = await provider.mfa.listFactors({ userId: user.id });
      expect(factors).toHaveLength(1);
      expect(factors[0]).toMatchObject({ type: 'sms', confirmed: true });

      const result = await provider.auth.signIn({ email: 'mfa@example.com', password });
      expect(result.status).toBe('mfa_required');
      if (result.status !== 'mfa_required') return;
      expect(result.factors).toEqual([{ id: factors[0]?.id, type: 'sms', label: '+*******0100' }]);
      const code = await backdoor.readSmsCode(phone);
      const completed = await provider.auth.completeMfa({ challenge: result.challenge, code });
      expect(completed.status).toBe('authenticated');
      if (completed.status !== 'authenticated') return;
      expect(completed.user.id).toBe(user.id);
      const verified = await provider.tokens.verifyIdToken(completed.tokens.idToken as string);
      expect((verified.claims.firebase as { sign_in_second_factor?: string }).sign_in_second_factor).toBe(
        'phone',
      );
    });

    it('a wrong code is INVALID_MFA_CODE and a forged challenge is refused', async () => {
      await enrolledUser();
      const result = await provider.auth.signIn({ email: 'mfa@example.com', password });
      if (result.status !== 'mfa_required') throw new Error('expected mfa_required');
      const code = await backdoor.readSmsCode(phone);
      const wrong = code === '000000' ? '111111' : '000000';
      expect(
        (await rejection(provider.auth.completeMfa({ challenge: result.challenge, code: wrong }))).code,
      ).toBe('INVALID_MFA_CODE');
      const forged = await rejection(
        provider.auth.completeMfa({ challenge: { session: 'bm90LWEtY2hhbGxlbmdl', expiresAt: null }, code }),
      );
      expect(forged.code).toBe('MFA_CHALLENGE_EXPIRED');
      const state = JSON.parse(Buffer.from(result.challenge.session, 'base64url').toString());
      state.s.sessionInfo = 'tampered';
      const tampered = Buffer.from(JSON.stringify(state)).toString('base64url');
      expect(
        (
          await rejection(
            provider.auth.completeMfa({ challenge: { session: tampered, expiresAt: null }, code }),
          )
        ).code,
      ).toBe('MFA_CHALLENGE_EXPIRED');
    });

    it('answering for another factor than the one challenged is refused', async () => {
      await enrolledUser();
      const result = await provider.auth.signIn({ email: 'mfa@example.com', password });
      if (result.status !== 'mfa_required') throw new Error('expected mfa_required');
      const error = await rejection(
        provider.auth.completeMfa({ challenge: result.challenge, factorId: 'other-factor', code: '123456' }),
      );
      expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'input.factorId' });
    });

    it('sends the code to the factor chosen with providerOptions.firebase.smsFactorId', async () => {
      const second = '+15555550199';
      const user = await provider.users.create({
        email: 'two@example.com',
        password,
        emailVerified: true,
        providerOptions: { firebase: { mfaPhoneNumbers: [phone, second] } },
      });
      const factors = await provider.mfa.listFactors({ userId: user.id });
      const target = factors[1]?.id as string;
      const result = await provider.auth.signIn({
        email: 'two@example.com',
        password,
        providerOptions: { firebase: { smsFactorId: target } },
      });
      if (result.status !== 'mfa_required') throw new Error('expected mfa_required');
      expect(result.factors.map((factor) => factor.id)).toEqual(factors.map((factor) => factor.id));
      const completed = await provider.auth.completeMfa({
        challenge: result.challenge,
        factorId: target,
        code: await backdoor.readSmsCode(second),
      });
      expect(completed.status).toBe('authenticated');
      const missing = await rejection(
        provider.auth.signIn({
          email: 'two@example.com',
          password,
          providerOptions: { firebase: { smsFactorId: 'nope' } },
        }),
      );
      expect(missing.code).toBe('FACTOR_NOT_FOUND');
    });

    it('removeFactor drops the factor so sign-in needs the password only', async () => {
      const user = await enrolledUser();
      const [factor] = await provider.mfa.listFactors({ userId: user.id });
      await provider.mfa.removeFactor({ userId: user.id, factorId: factor?.id as string });
      expect(await provider.mfa.listFactors({ userId: user.id })).toEqual([]);
      expect((await provider.auth.signIn({ email: 'mfa@example.com', password })).status).toBe(
        'authenticated',
      );
      const again = await rejection(
        provider.mfa.removeFactor({ userId: user.id, factorId: factor?.id as string }),
      );
      expect(again.code).toBe('FACTOR_NOT_FOUND');
    });
  });

  it('declares no TOTP: enrollment throws UnsupportedOperationError', async () => {
    const user = await provider.users.create({ email: 'ada@example.com', password, emailVerified: true });
    await expect(provider.mfa.enrollTotp({ userId: user.id })).rejects.toSatisfy((error) =>
      UnsupportedOperationError.isInstance(error),
    );
    expect(provider.capabilities.mfaFactorTypes).toEqual(['sms']);
  });
});
