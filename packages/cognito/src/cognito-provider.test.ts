import { createIdentityProvider, IdentityError } from '@idport/core';
import { describe, expect, inject, it } from 'vitest';
import { createCognitoProvider, identityAdapter } from './cognito-provider';
import { expectCode } from './test-support/expect-code';
import { testPassword, uniqueEmail } from './test-support/test-provider';

const valid = { region: 'eu-west-1', userPoolId: 'eu-west-1_Example12', clientId: 'exampleclientid123' };

function configurationError(run: () => unknown): IdentityError {
  try {
    run();
  } catch (error) {
    expect(IdentityError.isInstance(error)).toBe(true);
    expect((error as IdentityError).code).toBe('CONFIGURATION_ERROR');
    return error as IdentityError;
  }
  throw new Error('expected CONFIGURATION_ERROR');
}

describe('settings', () => {
  it('names the bad field and never echoes a value', () => {
    const error = configurationError(() =>
      createCognitoProvider({ ...valid, userPoolId: 'not a pool', clientSecret: 'very-secret-value' }),
    );
    expect(error.field).toBe('settings.userPoolId');
    expect(JSON.stringify(error.toJSON())).not.toContain('very-secret-value');
    expect(error.message).not.toContain('not a pool');
    expect(configurationError(() => createCognitoProvider({ ...valid, endpoint: 'nope' })).field).toBe(
      'settings.endpoint',
    );
    expect(configurationError(() => createCognitoProvider({ ...valid, peer: 'cognito-local' })).field).toBe(
      'settings.endpoint',
    );
  });

  it('refuses unknown settings (a typo must not be silently dropped)', () => {
    expect(
      configurationError(() => createCognitoProvider({ ...valid, userpoolId: 'x' } as never)).field,
    ).toBe('settings');
  });

  it('picks the manifest from the peer', async () => {
    const aws = createCognitoProvider(valid);
    const local = createCognitoProvider({ ...valid, endpoint: 'http://127.0.0.1:9229' });
    const vpc = createCognitoProvider({ ...valid, endpoint: 'https://vpce.example', peer: 'aws' });
    expect(aws.capabilities.operations).toContain('auth.signOut');
    expect(local.capabilities.operations).not.toContain('auth.signOut');
    expect(vpc.capabilities.operations).toContain('auth.signOut');
    await Promise.all([aws.close(), local.close(), vpc.close()]);
  });
});

describe('createIdentityProvider', () => {
  it('builds the Cognito provider from configuration and signs in through withRetry', async () => {
    const { endpoint, userPoolId, clientId } = inject('emailPool');
    const provider = await createIdentityProvider({
      provider: 'cognito',
      settings: { region: 'local', endpoint, userPoolId, clientId, maxAttempts: 1 },
      adapters: { cognito: identityAdapter },
    });
    try {
      expect(provider.provider).toBe('cognito');
      const email = uniqueEmail('config');
      await provider.users.create({ email, password: testPassword });
      expect((await provider.auth.signIn({ email, password: testPassword })).status).toBe('authenticated');
    } finally {
      await provider.close();
    }
  });

  it('reports an invalid setting as CONFIGURATION_ERROR naming it', async () => {
    const error = await expectCode(
      createIdentityProvider({
        provider: 'cognito',
        settings: { ...valid, region: 'Not A Region' },
        adapters: { cognito: identityAdapter },
      }),
      'CONFIGURATION_ERROR',
    );
    expect(error.field).toBe('settings.region');
  });

  it('reports an unreachable endpoint as PROVIDER_UNAVAILABLE', async () => {
    const provider = createCognitoProvider({ ...valid, endpoint: 'http://127.0.0.1:9', maxAttempts: 1 });
    try {
      await expectCode(provider.users.get('anyone'), 'PROVIDER_UNAVAILABLE');
    } finally {
      await provider.close();
    }
  });
});
