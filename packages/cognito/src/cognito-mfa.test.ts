import type { IdentityProvider } from '@idport/core';
import { afterAll, describe, expect, it } from 'vitest';
import { expectCode } from './test-support/expect-code';
import { testPassword, testProvider, uniqueEmail } from './test-support/test-provider';
import { totpCode } from './test-support/totp-code';

const provider = testProvider('emailPool', { totpIssuer: 'idport tests' });
afterAll(() => provider.close());

/** A user signed in once, with the access token Cognito's enrollment API needs. */
async function signedInUser(tag: string) {
  const email = uniqueEmail(tag);
  const user = await provider.users.create({ email, password: testPassword });
  const result = await provider.auth.signIn({ email, password: testPassword });
  if (result.status !== 'authenticated') throw new Error('not authenticated');
  return { email, user, accessToken: result.tokens.accessToken };
}

async function enrolledUser(tag: string) {
  const signedIn = await signedInUser(tag);
  const enrollment = await provider.mfa.enrollTotp({
    userId: signedIn.user.id,
    accessToken: signedIn.accessToken,
  });
  await provider.mfa.confirmEnrollment({
    userId: signedIn.user.id,
    accessToken: signedIn.accessToken,
    factorId: enrollment.factorId,
    code: totpCode(enrollment.secret),
  });
  return { ...signedIn, secret: enrollment.secret };
}

async function mfaChallenge(target: IdentityProvider, email: string) {
  const result = await target.auth.signIn({ email, password: testPassword });
  if (result.status !== 'mfa_required') throw new Error(`expected mfa_required, got ${result.status}`);
  return result;
}

describe('TOTP MFA against cognito-local', () => {
  it('enrolls TOTP with the user’s access token and lists the factor', async () => {
    const { user, accessToken, email } = await signedInUser('enroll');
    expect(await provider.mfa.listFactors({ userId: user.id })).toEqual([]);
    const enrollment = await provider.mfa.enrollTotp({ userId: user.id, accessToken });
    expect(enrollment.factorId).toBe('totp');
    expect(enrollment.secret).toMatch(/^[A-Z2-7]+=*$/);
    expect(enrollment.otpauthUri).toBe(
      `otpauth://totp/idport%20tests:${encodeURIComponent(email)}?secret=${enrollment.secret}&issuer=idport+tests`,
    );
    const confirmed = await provider.mfa.confirmEnrollment({
      userId: user.id,
      accessToken,
      factorId: 'totp',
      code: totpCode(enrollment.secret),
    });
    expect(confirmed.factor).toMatchObject({ id: 'totp', type: 'totp', confirmed: true });
    expect(confirmed.recoveryCodes).toEqual([]);
    expect(await provider.mfa.listFactors({ userId: user.id })).toMatchObject([{ id: 'totp', type: 'totp' }]);
    expect(await provider.mfa.listFactors({ userId: user.id, accessToken })).toMatchObject([{ id: 'totp' }]);
  });

  it('refuses a wrong first code with INVALID_MFA_CODE', async () => {
    const { user, accessToken } = await signedInUser('badcode');
    await provider.mfa.enrollTotp({ userId: user.id, accessToken });
    await expectCode(
      provider.mfa.confirmEnrollment({ userId: user.id, accessToken, factorId: 'totp', code: '000000' }),
      'INVALID_MFA_CODE',
    );
  });

  it('needs the user’s own access token to enroll', async () => {
    const first = await signedInUser('owner');
    const second = await signedInUser('other');
    await expectCode(provider.mfa.enrollTotp({ userId: first.user.id }), 'INVALID_INPUT');
    await expectCode(
      provider.mfa.enrollTotp({ userId: first.user.id, accessToken: second.accessToken }),
      'TOKEN_INVALID',
    );
  });

  it('asks enrolled users for a TOTP code at sign-in and completes with it', async () => {
    const { email, secret, user } = await enrolledUser('challenge');
    const result = await mfaChallenge(provider, email);
    expect(result.factors).toEqual([{ id: 'totp', type: 'totp', label: null }]);
    expect(result.challenge.expiresAt!.getTime()).toBeGreaterThan(Date.now());
    await expectCode(
      provider.auth.completeMfa({ challenge: result.challenge, code: '000000' }),
      'INVALID_MFA_CODE',
    );
    await expectCode(
      provider.auth.completeMfa({ challenge: result.challenge, factorId: 'sms', code: totpCode(secret) }),
      'FACTOR_NOT_FOUND',
    );
    const done = await provider.auth.completeMfa({ challenge: result.challenge, code: totpCode(secret) });
    expect(done.status).toBe('authenticated');
    if (done.status === 'authenticated') expect(done.user.id).toBe(user.id);
  });

  it('refuses a new-password challenge handed to completeMfa', async () => {
    const email = uniqueEmail('wrongkind');
    const user = await provider.users.create({ email, password: testPassword });
    await provider.users.setPassword(user.id, 'Temporary-Pass-1!', { temporary: true });
    const first = await provider.auth.signIn({ email, password: 'Temporary-Pass-1!' });
    if (first.status !== 'new_password_required') throw new Error('expected new_password_required');
    await expectCode(
      provider.auth.completeMfa({ challenge: first.challenge, code: '123456' }),
      'INVALID_INPUT',
    );
  });

  it('removes the factor with the user’s token, after which sign-in needs no code', async () => {
    const { email, user, accessToken } = await enrolledUser('remove');
    await expectCode(
      provider.mfa.removeFactor({ userId: user.id, accessToken, factorId: 'sms' }),
      'FACTOR_NOT_FOUND',
    );
    await provider.mfa.removeFactor({ userId: user.id, accessToken, factorId: 'totp' });
    expect(await provider.mfa.listFactors({ userId: user.id })).toEqual([]);
    expect((await provider.auth.signIn({ email, password: testPassword })).status).toBe('authenticated');
  });

  it('reports cognito-local’s missing AdminSetUserMFAPreference as UNSUPPORTED_OPERATION', async () => {
    const { user } = await enrolledUser('adminremove');
    const error = await expectCode(
      provider.mfa.removeFactor({ userId: user.id, factorId: 'totp' }),
      'UNSUPPORTED_OPERATION',
    );
    expect(error.vendorCode).toBe('Unsupported');
  });

  it('does not offer recovery codes (Cognito has none)', async () => {
    expect(provider.capabilities.operations).not.toContain('mfa.generateRecoveryCodes');
    await expectCode(provider.mfa.generateRecoveryCodes({ userId: 'anyone' }), 'UNSUPPORTED_OPERATION');
  });
});
