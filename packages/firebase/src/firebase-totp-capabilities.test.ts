import { type IdentityProvider, UnsupportedOperationError } from '@idport/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createFirebaseProvider } from './firebase-provider';
import type { FirebaseProviderSettings } from './firebase-provider-options';

// Nothing here reaches a network: the manifest is decided when the provider is created.
const saved = process.env.FIREBASE_AUTH_EMULATOR_HOST;
const created: IdentityProvider[] = [];

function create(settings: FirebaseProviderSettings): IdentityProvider {
  // Each configuration starts from an unset variable (emulator mode sets it).
  delete process.env.FIREBASE_AUTH_EMULATOR_HOST;
  const provider = createFirebaseProvider(settings);
  created.push(provider);
  return provider;
}

afterEach(async () => {
  for (const provider of created.splice(0)) await provider.close();
  if (saved === undefined) delete process.env.FIREBASE_AUTH_EMULATOR_HOST;
  else process.env.FIREBASE_AUTH_EMULATOR_HOST = saved;
});

describe('TOTP is declared per environment', () => {
  const production = { projectId: 'my-project', webApiKey: 'k' };

  it('a real project with settings.totp declares enrollment and the totp factor type', () => {
    const provider = create({ ...production, totp: true });
    expect(provider.capabilities.operations).toEqual(
      expect.arrayContaining(['mfa.enrollTotp', 'mfa.confirmEnrollment']),
    );
    expect(provider.capabilities.mfaFactorTypes).toEqual(['sms', 'totp']);
  });

  it.each([
    ['a real project without the setting (default false)', production],
    [
      'the emulator, even with settings.totp',
      { projectId: 'demo-test', emulatorHost: '127.0.0.1:1', totp: true },
    ],
  ])('%s declares no TOTP, and enrollment throws UnsupportedOperationError', async (_name, settings) => {
    const provider = create(settings);
    expect(provider.capabilities.operations).not.toContain('mfa.enrollTotp');
    expect(provider.capabilities.operations).not.toContain('mfa.confirmEnrollment');
    expect(provider.capabilities.mfaFactorTypes).toEqual(['sms']);
    for (const call of [
      () => provider.mfa.enrollTotp({ userId: 'user-1', accessToken: 'token' }),
      () => provider.mfa.confirmEnrollment({ userId: 'user-1', factorId: 'factor', code: '123456' }),
    ]) {
      await expect(call()).rejects.toSatisfy((error) => UnsupportedOperationError.isInstance(error));
    }
  });

  it('totpIssuer must not contain a colon (the Key URI format separates issuer and account with one)', () => {
    expect(() => create({ ...production, totp: true, totpIssuer: 'Acme: Prod' })).toThrow(
      expect.objectContaining({ code: 'CONFIGURATION_ERROR', field: 'settings.totpIssuer' }),
    );
  });
});
