import { randomUUID } from 'node:crypto';
import {
  createIdentityProvider,
  type IdentityAdapter,
  IdentityError,
  type MfaRequiredResult,
} from '@idport/core';
import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { failOnSpecViolations, testSettings } from './__fixtures__/okta-test-settings';
import { createOktaProvider, identityAdapter } from './okta-provider';

failOnSpecViolations();

const password = 'Correct-Horse-9-Battery!';
const code = (secret: string, offset = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), period: 30, digits: 6 }).generate({
    timestamp: Date.now() + offset * 30_000,
  });

function configurationFailure(run: () => unknown): IdentityError {
  try {
    run();
  } catch (error) {
    if (IdentityError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a CONFIGURATION_ERROR');
}

describe('okta provider: configuration', () => {
  it('refuses plain http to a non-loopback org, naming the field and not the secret', () => {
    const failure = configurationFailure(() =>
      createOktaProvider({
        orgUrl: 'http://example.okta.com',
        apiToken: 'secret-token-value',
        clientId: 'app',
      }),
    );
    expect(failure).toMatchObject({ code: 'CONFIGURATION_ERROR', field: 'settings.orgUrl' });
    expect(JSON.stringify(failure)).not.toContain('secret-token-value');
  });

  it('needs an API token or a service app', () => {
    const failure = configurationFailure(() =>
      createOktaProvider({ orgUrl: 'https://example.okta.com', clientId: 'app' }),
    );
    expect(failure).toMatchObject({ code: 'CONFIGURATION_ERROR', field: 'settings.apiToken' });
  });

  it('is created by configuration through core, and bad settings name the field only', async () => {
    expect(identityAdapter.provider).toBe('okta');
    const provider = await createIdentityProvider({
      provider: 'okta',
      settings: testSettings() as unknown as Record<string, unknown>,
      adapters: { okta: identityAdapter as IdentityAdapter },
    });
    const user = await provider.users.create({ email: `config-${randomUUID()}@example.com` });
    expect((await provider.users.get(user.id)).id).toBe(user.id);
    await provider.close();
    const failure = await createIdentityProvider({
      provider: 'okta',
      settings: {
        ...testSettings(),
        clientSecret: 'Another-Secret-456',
        orgUrl: 'not a url',
      } as unknown as Record<string, unknown>,
      adapters: { okta: identityAdapter as IdentityAdapter },
    }).catch((error: unknown) => error as IdentityError);
    expect(failure).toMatchObject({ code: 'CONFIGURATION_ERROR', field: 'settings.orgUrl' });
    expect(JSON.stringify((failure as IdentityError).toJSON())).not.toContain('Another-Secret-456');
  });
});

describe('okta provider: MFA and sessions', () => {
  it('lists the real TOTP factor in the challenge and completes with it; the ID token names the user', async () => {
    const provider = createOktaProvider(testSettings());
    const user = await provider.users.create({ email: `mfa-${randomUUID()}@example.com`, password });
    const enrollment = await provider.mfa.enrollTotp({ userId: user.id });
    expect(enrollment.otpauthUri).toContain(encodeURIComponent(user.email as string));
    await provider.mfa.confirmEnrollment({
      userId: user.id,
      factorId: enrollment.factorId,
      code: code(enrollment.secret),
    });
    const challenge = (await provider.auth.signIn({
      email: user.email as string,
      password,
    })) as MfaRequiredResult;
    expect(challenge.status).toBe('mfa_required');
    expect(challenge.factors).toEqual([
      { id: enrollment.factorId, type: 'totp', label: 'Google Authenticator' },
    ]);
    expect(challenge.challenge.session).not.toContain(password);
    const done = await provider.auth.completeMfa({
      challenge: challenge.challenge,
      factorId: enrollment.factorId,
      code: code(enrollment.secret, 1),
    });
    expect(done.status).toBe('authenticated');
    if (done.status !== 'authenticated') return;
    const idToken = await provider.tokens.verifyIdToken(done.tokens.idToken as string);
    expect(idToken.subject).toBe(user.id);
    const accessToken = await provider.tokens.verifyAccessToken(done.tokens.accessToken);
    expect(accessToken).toMatchObject({
      subject: user.id,
      audience: ['api://default'],
      clientId: 'idport-app',
    });
  });

  it('answers PASSWORD_RESET_REQUIRED after a temporary password is set', async () => {
    const provider = createOktaProvider(testSettings());
    const user = await provider.users.create({ email: `temp-${randomUUID()}@example.com`, password });
    await provider.users.setPassword(user.id, 'Temporary-Pass-7', { temporary: true });
    await expect(
      provider.auth.signIn({ email: user.email as string, password: 'Temporary-Pass-7' }),
    ).rejects.toMatchObject({
      code: 'PASSWORD_RESET_REQUIRED',
    });
  });

  it('activates a user created without a password when one is set, without sending an invitation', async () => {
    const provider = createOktaProvider(testSettings());
    const user = await provider.users.create({ email: `staged-${randomUUID()}@example.com` });
    expect((user.raw as { status: string }).status).toBe('STAGED');
    expect(user.emailVerified).toBe(false);
    await provider.users.setPassword(user.id, password);
    expect((await provider.auth.signIn({ email: user.email as string, password })).status).toBe(
      'authenticated',
    );
  });
});
