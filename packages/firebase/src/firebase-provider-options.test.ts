import { createIdentityProvider, IdentityError } from '@idport/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createFirebaseProvider } from './firebase-provider';
import { identityAdapter } from './identity-adapter';

const fakeKey = '-----BEGIN PRIVATE KEY-----\nSECRET-MATERIAL\n-----END PRIVATE KEY-----\n';

function configurationError(run: () => unknown): IdentityError {
  try {
    run();
  } catch (error) {
    if (IdentityError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a configuration error');
}

describe('firebase settings', () => {
  const saved = process.env.FIREBASE_AUTH_EMULATOR_HOST;
  afterEach(() => {
    if (saved === undefined) delete process.env.FIREBASE_AUTH_EMULATOR_HOST;
    else process.env.FIREBASE_AUTH_EMULATOR_HOST = saved;
  });

  it('needs webApiKey unless an emulator is used', () => {
    const error = configurationError(() => createFirebaseProvider({ projectId: 'my-project' }));
    expect(error).toMatchObject({ code: 'CONFIGURATION_ERROR', field: 'settings.webApiKey' });
  });

  it('names the bad field and never echoes a service-account secret', async () => {
    delete process.env.FIREBASE_AUTH_EMULATOR_HOST;
    const error = await createIdentityProvider({
      provider: 'firebase',
      adapters: { firebase: identityAdapter },
      settings: {
        projectId: 'my-project',
        webApiKey: 'k',
        serviceAccount: { client_email: 'a@b', private_key: fakeKey, extra: 1 },
        serviceAccountFile: '/x',
      },
    }).catch((caught: unknown) => caught);
    expect(IdentityError.isInstance(error) && error.field).toBe('settings.serviceAccount');
    expect(JSON.stringify(error)).not.toContain('SECRET-MATERIAL');
    expect(String((error as Error).message)).not.toContain('SECRET-MATERIAL');

    const badJson = configurationError(() =>
      createFirebaseProvider({
        projectId: 'my-project',
        webApiKey: 'k',
        serviceAccount: `{"private_key":"${'SECRET-MATERIAL'}"`,
      }),
    );
    expect(badJson).toMatchObject({ code: 'CONFIGURATION_ERROR', field: 'settings.serviceAccount' });
    expect(`${badJson.message} ${JSON.stringify(badJson)}`).not.toContain('SECRET-MATERIAL');

    const badKey = configurationError(() =>
      createFirebaseProvider({
        projectId: 'my-project',
        webApiKey: 'k',
        serviceAccount: { client_email: 'a@b', private_key: fakeKey },
      }),
    );
    expect(badKey).toMatchObject({ code: 'CONFIGURATION_ERROR', field: 'settings.serviceAccount' });
    expect(`${badKey.message} ${JSON.stringify(badKey)}`).not.toContain('SECRET-MATERIAL');

    const missingFile = configurationError(() =>
      createFirebaseProvider({
        projectId: 'my-project',
        webApiKey: 'k',
        serviceAccountFile: '/nonexistent/key.json',
      }),
    );
    expect(missingFile.field).toBe('settings.serviceAccountFile');
  });

  it('refuses a production configuration while FIREBASE_AUTH_EMULATOR_HOST is set, and a mismatched emulator', () => {
    process.env.FIREBASE_AUTH_EMULATOR_HOST = '127.0.0.1:1';
    expect(
      configurationError(() => createFirebaseProvider({ projectId: 'my-project', webApiKey: 'k' })).field,
    ).toBe('emulatorHost');
    expect(
      configurationError(() =>
        createFirebaseProvider({ projectId: 'my-project', emulatorHost: '127.0.0.1:2' }),
      ).field,
    ).toBe('emulatorHost');
  });

  it('validates project id, tenant id and hash parameters', () => {
    expect(
      configurationError(() => createFirebaseProvider({ projectId: 'Bad Id', emulatorHost: '127.0.0.1:1' }))
        .field,
    ).toBe('settings.projectId');
    expect(
      configurationError(() =>
        createFirebaseProvider({
          projectId: 'demo-test',
          emulatorHost: '127.0.0.1:1',
          tenantId: 'bad tenant',
        }),
      ).field,
    ).toBe('settings.tenantId');
    expect(
      configurationError(() =>
        createFirebaseProvider({
          projectId: 'demo-test',
          emulatorHost: '127.0.0.1:1',
          hashConfig: { signerKey: 'a2V5', saltSeparator: 'Bw==', rounds: 9, memoryCost: 14 },
        }),
      ).field,
    ).toBe('settings.hashConfig.rounds');
  });
});
