import {
  type IdentityError,
  type IdentityProvider,
  type MfaRequiredResult,
  type TotpEnrollment,
  UnsupportedOperationError,
} from '@idport/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rejection } from './__fixtures__/identity-rejection';
import {
  type IdentityToolkitFake,
  startIdentityToolkitTotpFake,
} from './__fixtures__/identity-toolkit-totp-fake';
import { totpCode, wrongTotpCode } from './__fixtures__/totp-code';
import { createFirebaseProviderWithConnections } from './firebase-provider';
import type { FirebaseProviderSettings } from './firebase-provider-options';

// The production TOTP path (signed tokens, TOTP declared) against a local fake of Google's
// Identity Toolkit: no Google-written peer runs TOTP offline (see the fake's header and
// docs/decisions/0206-firebase-totp-in-production.md).
const projectId = 'idport-totp-test';
const password = 'Correct-Horse-9-Battery!';
const savedEmulatorHost = process.env.FIREBASE_AUTH_EMULATOR_HOST;

let fake: IdentityToolkitFake;
let provider: IdentityProvider;

/** A production-mode provider whose HTTP goes to the fake. */
function providerOnFake(extra: Partial<FirebaseProviderSettings> = {}): IdentityProvider {
  // A production configuration is refused while the emulator variable is set (it is, for
  // firebase-admin, once beforeAll ran): unset it just for the creation.
  const current = process.env.FIREBASE_AUTH_EMULATOR_HOST;
  delete process.env.FIREBASE_AUTH_EMULATOR_HOST;
  try {
    return createFirebaseProviderWithConnections(
      { projectId, webApiKey: 'test-web-api-key', totp: true, ...extra },
      {},
      { endpoints: fake.endpoints, jwksUri: fake.jwksUri },
    );
  } finally {
    if (current !== undefined) process.env.FIREBASE_AUTH_EMULATOR_HOST = current;
  }
}

/** Everything an error exposes, to check that no secret, code or token is in it. */
function exposed(error: IdentityError): string {
  return `${error.message} ${JSON.stringify(error.toJSON())} ${String(error.stack)}`;
}

let accountCounter = 0;

/** A fresh account (the fake keeps every account of the run), signed in. */
async function signedInUser(name = 'ada') {
  accountCounter += 1;
  const email = `${name}-${accountCounter}@example.com`;
  const userId = fake.addAccount({ email, password });
  const result = await provider.auth.signIn({ email, password });
  if (result.status !== 'authenticated') throw new Error(`expected authenticated, got ${result.status}`);
  return { subject: { userId, accessToken: result.tokens.accessToken }, email };
}

async function enroll(
  subject: { userId: string; accessToken: string },
  label?: string,
): Promise<{ started: TotpEnrollment; factorId: string }> {
  const started = await provider.mfa.enrollTotp({ ...subject, ...(label ? { label } : {}) });
  const confirmed = await provider.mfa.confirmEnrollment({
    ...subject,
    factorId: started.factorId,
    code: totpCode(started.secret),
  });
  return { started, factorId: confirmed.factor.id };
}

async function challengeFor(email: string): Promise<MfaRequiredResult> {
  const result = await provider.auth.signIn({ email, password });
  if (result.status !== 'mfa_required') throw new Error(`expected mfa_required, got ${result.status}`);
  return result;
}

beforeAll(async () => {
  fake = await startIdentityToolkitTotpFake({ projectId });
  provider = providerOnFake();
  // firebase-admin has no endpoint setting: its only redirect is this variable, which it
  // reads when it builds its first request URL (lazily) and for its `owner` token. Set
  // after the provider exists, so the adapter itself stays in production mode.
  process.env.FIREBASE_AUTH_EMULATOR_HOST = fake.host;
});

afterAll(async () => {
  await provider?.close();
  await fake?.close();
  if (savedEmulatorHost === undefined) delete process.env.FIREBASE_AUTH_EMULATOR_HOST;
  else process.env.FIREBASE_AUTH_EMULATOR_HOST = savedEmulatorHost;
});

beforeEach(() => {
  fake.configure({ adjacentIntervals: 1, hashingAlgorithm: 'SHA1', sessionInfoLength: 120 });
});

describe('firebase TOTP on a real project (Identity Toolkit fake)', () => {
  it('declares TOTP enrollment and the totp factor type', () => {
    expect(provider.capabilities.operations).toEqual(
      expect.arrayContaining(['mfa.enrollTotp', 'mfa.confirmEnrollment', 'auth.completeMfa']),
    );
    expect(provider.capabilities.mfaFactorTypes).toEqual(['sms', 'totp']);
  });

  it('enrolls: the URI describes the secret, a wrong first code is INVALID_MFA_CODE, the right one confirms', async () => {
    const { subject, email } = await signedInUser();
    const started = await provider.mfa.enrollTotp({ ...subject, label: 'Work phone' });
    expect(started.secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(started.otpauthUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe(`/${projectId}:${email}`);
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      secret: started.secret,
      issuer: projectId,
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });

    const wrongCode = wrongTotpCode(started.secret);
    const wrong = await rejection(
      provider.mfa.confirmEnrollment({ ...subject, factorId: started.factorId, code: wrongCode }),
    );
    expect(wrong).toMatchObject({ code: 'INVALID_MFA_CODE', vendorCode: 'INVALID_CODE' });
    for (const secret of [started.secret, wrongCode, subject.accessToken, started.factorId]) {
      expect(exposed(wrong)).not.toContain(secret);
    }
    // An unfinished enrollment is no factor: nothing listed, sign-in needs the password only.
    expect(await provider.mfa.listFactors(subject)).toEqual([]);
    expect((await provider.auth.signIn({ email, password })).status).toBe('authenticated');

    const confirmed = await provider.mfa.confirmEnrollment({
      ...subject,
      factorId: started.factorId,
      code: totpCode(started.secret),
    });
    expect(confirmed.recoveryCodes).toEqual([]);
    expect(confirmed.factor).toMatchObject({ type: 'totp', label: 'Work phone', confirmed: true });
    expect(confirmed.factor.createdAt).toBeInstanceOf(Date);
    expect(fake.enrollmentIds(subject.userId)).toEqual([confirmed.factor.id]);
    expect(await provider.mfa.listFactors(subject)).toEqual([confirmed.factor]);
  });

  it('sign-in asks for the TOTP factor; completeMfa refuses a wrong code and accepts the right one', async () => {
    const { subject, email } = await signedInUser();
    const { started, factorId } = await enroll(subject, 'Work phone');

    const challenge = await challengeFor(email);
    expect(challenge.factors).toEqual([{ id: factorId, type: 'totp', label: 'Work phone' }]);
    const wrongCode = wrongTotpCode(started.secret);
    const wrong = await rejection(
      provider.auth.completeMfa({ challenge: challenge.challenge, code: wrongCode }),
    );
    expect(wrong).toMatchObject({ code: 'INVALID_MFA_CODE', vendorCode: 'INVALID_CODE' });
    expect(exposed(wrong)).not.toContain(wrongCode);
    expect(exposed(wrong)).not.toContain(started.secret);

    // A new challenge: whether Google keeps a pending credential after a wrong code is not
    // documented, so nothing here depends on it.
    const second = await challengeFor(email);
    const result = await provider.auth.completeMfa({
      challenge: second.challenge,
      code: totpCode(started.secret),
    });
    expect(result.status).toBe('authenticated');
    if (result.status !== 'authenticated') return;
    expect(result.user).toMatchObject({ id: subject.userId, email });
    const verified = await provider.tokens.verifyIdToken(result.tokens.idToken as string);
    expect(verified.claims.firebase).toMatchObject({
      sign_in_second_factor: 'totp',
      second_factor_identifier: factorId,
    });
    const refreshed = await provider.auth.refresh({ refreshToken: result.tokens.refreshToken as string });
    expect((await provider.tokens.verifyAccessToken(refreshed.accessToken)).subject).toBe(subject.userId);

    // A pending credential that was answered is spent.
    const reused = await rejection(
      provider.auth.completeMfa({ challenge: second.challenge, code: totpCode(started.secret) }),
    );
    expect(reused).toMatchObject({
      code: 'MFA_CHALLENGE_EXPIRED',
      vendorCode: 'INVALID_MFA_PENDING_CREDENTIAL',
    });
  });

  it('completeMfa answers the chosen TOTP factor and refuses a factor the challenge does not have', async () => {
    const { subject, email } = await signedInUser();
    const first = await enroll(subject, 'Phone');
    const other = await enroll(subject, 'Tablet');
    const challenge = await challengeFor(email);
    expect(challenge.factors.map((factor) => factor.id)).toEqual([first.factorId, other.factorId]);

    // The first factor's code is not the second factor's code.
    const crossed = await rejection(
      provider.auth.completeMfa({
        challenge: challenge.challenge,
        factorId: other.factorId,
        code: totpCode(first.started.secret),
      }),
    );
    expect(crossed.code).toBe('INVALID_MFA_CODE');
    const unknown = await rejection(
      provider.auth.completeMfa({
        challenge: challenge.challenge,
        factorId: 'no-such-factor',
        code: '123456',
      }),
    );
    expect(unknown).toMatchObject({ code: 'INVALID_INPUT', field: 'input.factorId' });
    const result = await provider.auth.completeMfa({
      challenge: challenge.challenge,
      factorId: other.factorId,
      code: totpCode(other.started.secret),
    });
    expect(result.status).toBe('authenticated');
  });

  it('a user with SMS and TOTP factors gets no SMS unless smsFactorId asks for one', async () => {
    const { subject, email } = await signedInUser('mixed');
    const { started, factorId } = await enroll(subject, 'Phone app');
    const smsFactorId = fake.addPhoneFactor(subject.userId, '+15555550100');
    const sentBefore = fake.smsSent();

    const challenge = await challengeFor(email);
    expect(challenge.factors.map((factor) => [factor.id, factor.type])).toEqual([
      [factorId, 'totp'],
      [smsFactorId, 'sms'],
    ]);
    expect(fake.smsSent()).toBe(sentBefore);
    const result = await provider.auth.completeMfa({
      challenge: challenge.challenge,
      code: totpCode(started.secret),
    });
    expect(result.status).toBe('authenticated');

    const asked = await provider.auth.signIn({
      email,
      password,
      providerOptions: { firebase: { smsFactorId } },
    });
    expect(asked.status).toBe('mfa_required');
    expect(fake.smsSent()).toBe(sentBefore + 1);
  });

  it('removeFactor withdraws with the user ID token while a TOTP factor stays; the last goes through firebase-admin', async () => {
    const { subject, email } = await signedInUser();
    const first = await enroll(subject, 'Phone');
    const second = await enroll(subject, 'Tablet');

    const withoutToken = await rejection(
      provider.mfa.removeFactor({ userId: subject.userId, factorId: first.factorId }),
    );
    expect(withoutToken).toMatchObject({ code: 'INVALID_INPUT', field: 'input.accessToken' });
    const { subject: stranger } = await signedInUser('eve');
    const foreignToken = await rejection(
      provider.mfa.removeFactor({
        userId: subject.userId,
        accessToken: stranger.accessToken,
        factorId: first.factorId,
      }),
    );
    expect(foreignToken).toMatchObject({ code: 'TOKEN_INVALID', field: 'input.accessToken' });
    expect(fake.enrollmentIds(subject.userId)).toEqual([first.factorId, second.factorId]);

    await provider.mfa.removeFactor({ ...subject, factorId: first.factorId });
    expect(fake.enrollmentIds(subject.userId)).toEqual([second.factorId]);
    expect((await provider.mfa.listFactors(subject)).map((factor) => factor.id)).toEqual([second.factorId]);

    // Nothing stays that firebase-admin could not write back, so no user token is needed.
    await provider.mfa.removeFactor({ userId: subject.userId, factorId: second.factorId });
    expect(fake.enrollmentIds(subject.userId)).toEqual([]);
    expect((await provider.auth.signIn({ email, password })).status).toBe('authenticated');
    const again = await rejection(provider.mfa.removeFactor({ ...subject, factorId: second.factorId }));
    expect(again.code).toBe('FACTOR_NOT_FOUND');
  });

  it('enrollment needs the user own ID token, a pending factor id and a verified email', async () => {
    const { subject } = await signedInUser();
    const missing = await rejection(provider.mfa.enrollTotp({ userId: subject.userId }));
    expect(missing).toMatchObject({ code: 'INVALID_INPUT', field: 'input.accessToken' });
    const { subject: stranger } = await signedInUser('eve');
    const foreign = await rejection(
      provider.mfa.enrollTotp({ userId: subject.userId, accessToken: stranger.accessToken }),
    );
    expect(foreign).toMatchObject({ code: 'TOKEN_INVALID', field: 'input.accessToken' });
    const forgedToken = await rejection(
      provider.mfa.enrollTotp({ userId: subject.userId, accessToken: `${subject.accessToken}x` }),
    );
    expect(forgedToken.code).toBe('TOKEN_INVALID');

    const { factorId } = await enroll(subject);
    const enrolledId = await rejection(
      provider.mfa.confirmEnrollment({ ...subject, factorId, code: '123456' }),
    );
    expect(enrolledId).toMatchObject({ code: 'FACTOR_NOT_FOUND', field: 'input.factorId' });
    const started = await provider.mfa.enrollTotp(subject);
    const tampered = started.factorId.replace(/.$/, (last) => (last === 'A' ? 'B' : 'A'));
    const wrongSession = await rejection(
      provider.mfa.confirmEnrollment({ ...subject, factorId: tampered, code: totpCode(started.secret) }),
    );
    expect(wrongSession).toMatchObject({ code: 'MFA_CHALLENGE_EXPIRED', vendorCode: 'INVALID_SESSION_INFO' });

    const unverifiedId = fake.addAccount({ email: 'new@example.com', password, emailVerified: false });
    const signedIn = await provider.auth.signIn({ email: 'new@example.com', password });
    if (signedIn.status !== 'authenticated') throw new Error('expected authenticated');
    const unverified = await rejection(
      provider.mfa.enrollTotp({ userId: unverifiedId, accessToken: signedIn.tokens.accessToken }),
    );
    expect(unverified).toMatchObject({ code: 'INVALID_INPUT', vendorCode: 'UNVERIFIED_EMAIL' });
  });

  it('a project hashing with SHA-256 gets SHA256 in the URI, and codes made that way enroll', async () => {
    fake.configure({ hashingAlgorithm: 'HMAC_SHA256' });
    const { subject } = await signedInUser();
    const started = await provider.mfa.enrollTotp(subject);
    expect(new URL(started.otpauthUri).searchParams.get('algorithm')).toBe('SHA256');
    const confirmed = await provider.mfa.confirmEnrollment({
      ...subject,
      factorId: started.factorId,
      code: totpCode(started.secret, { algorithm: 'sha256' }),
    });
    expect(confirmed.factor.type).toBe('totp');
  });

  it('an unknown hashing algorithm is refused rather than put into a QR code', async () => {
    fake.configure({ hashingAlgorithm: 'MD5' });
    const { subject } = await signedInUser();
    const error = await rejection(provider.mfa.enrollTotp(subject));
    expect(error).toMatchObject({ code: 'PROVIDER_ERROR', vendorCode: 'MALFORMED_RESPONSE' });
  });

  it('an enrollment session too long for a factor id fails at enrollTotp, naming the label when that is the cause', async () => {
    const { subject } = await signedInUser();
    // 16 characters of prefix + 1 separator + 236 = 253: fits without a label only.
    fake.configure({ sessionInfoLength: 236 });
    const withLabel = await rejection(provider.mfa.enrollTotp({ ...subject, label: 'Work phone' }));
    expect(withLabel).toMatchObject({ code: 'INVALID_INPUT', field: 'input.label' });
    const unlabelled = await provider.mfa.enrollTotp(subject);
    expect(unlabelled.factorId.length).toBeLessThanOrEqual(256);
    fake.configure({ sessionInfoLength: 250 });
    const tooLong = await rejection(provider.mfa.enrollTotp(subject));
    expect(tooLong.code).toBe('PROVIDER_ERROR');
  });

  it('with settings.totp off, a TOTP-only user still gets mfa_required, and completeMfa throws Unsupported', async () => {
    const { subject, email } = await signedInUser();
    const { started, factorId } = await enroll(subject);
    const withoutTotp = providerOnFake({ totp: false });
    try {
      const result = await withoutTotp.auth.signIn({ email, password });
      if (result.status !== 'mfa_required') throw new Error('expected mfa_required');
      expect(result.factors).toEqual([{ id: factorId, type: 'totp', label: null }]);
      await expect(
        withoutTotp.auth.completeMfa({ challenge: result.challenge, code: totpCode(started.secret) }),
      ).rejects.toSatisfy((error) => UnsupportedOperationError.isInstance(error));
      await expect(withoutTotp.mfa.enrollTotp(subject)).rejects.toSatisfy((error) =>
        UnsupportedOperationError.isInstance(error),
      );
    } finally {
      await withoutTotp.close();
    }
  });
});
