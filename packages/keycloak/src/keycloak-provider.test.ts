import { pbkdf2Sync, randomBytes } from 'node:crypto';
import {
  collect,
  createIdentityProvider,
  type IdentityAdapter,
  IdentityError,
  type MfaRequiredResult,
  withRetry,
} from '@idport/core';
import { createKeycloakFake, defaultKeycloakRealm, type KeycloakFake } from '@idport/fakes';
import { argon2id } from 'hash-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failOnSpecViolations, fakeControl, testSettings } from './__fixtures__/keycloak-test-settings';
import { createKeycloakProvider, identityAdapter } from './keycloak-provider';
import { encodeBase32 } from './keycloak-totp';

failOnSpecViolations();

const password = 'Correct-Horse-9-Battery!';
let counter = 0;
const uniqueEmail = (label: string) => {
  counter += 1;
  return `kc-${label}-${Date.now()}-${counter}@example.com`;
};

async function expectCode(promise: Promise<unknown>, code: string): Promise<IdentityError> {
  try {
    await promise;
  } catch (error) {
    expect(IdentityError.isInstance(error)).toBe(true);
    expect((error as IdentityError).code).toBe(code);
    return error as IdentityError;
  }
  throw new Error(`expected ${code}, but the call succeeded`);
}

describe('keycloak provider: OTP sign-in (no mfa_required signal from Keycloak)', () => {
  const provider = createKeycloakProvider(testSettings());
  afterAll(() => provider.close());

  const enrolled = async () => {
    const user = await provider.users.create({ email: uniqueEmail('otp'), password, emailVerified: true });
    const started = await provider.mfa.enrollTotp({ userId: user.id, label: 'phone' });
    const { totpCode } = await import('@idport/fakes');
    const code = (offset: number) =>
      totpCode(Buffer.from(base32Bytes(started.secret)), Math.floor(Date.now() / 30_000) + offset, {
        digits: 6,
        period: 30,
        algorithm: 'HmacSHA1',
      });
    await provider.mfa.confirmEnrollment({ userId: user.id, factorId: started.factorId, code: code(0) });
    return { user, code };
  };

  it('asks for the code only for accounts with an OTP credential', async () => {
    const { user } = await enrolled();
    const result = await provider.auth.signIn({ email: user.email as string, password });
    expect(result.status).toBe('mfa_required');
    const plain = await provider.users.create({ email: uniqueEmail('plain'), password });
    await expectCode(
      provider.auth.signIn({ email: plain.email as string, password: 'Wrong-Password-1' }),
      'INVALID_CREDENTIALS',
    );
  });

  it('keeps the password out of the opaque challenge', async () => {
    const { user } = await enrolled();
    const result = (await provider.auth.signIn({
      email: user.email as string,
      password,
    })) as MfaRequiredResult;
    const session = result.challenge.session;
    expect(session).not.toContain(password);
    expect(Buffer.from(session.slice(4), 'base64url').toString('latin1')).not.toContain(password);
    expect(result.challenge.expiresAt?.getTime()).toBeGreaterThan(Date.now());
  });

  it('checks a wrong password together with the code: completeMfa fails with INVALID_MFA_CODE', async () => {
    const { user, code } = await enrolled();
    const result = (await provider.auth.signIn({
      email: user.email as string,
      password: 'Not-The-Password-1',
    })) as MfaRequiredResult;
    expect(result.status).toBe('mfa_required');
    await expectCode(
      provider.auth.completeMfa({ challenge: result.challenge, code: code(1) }),
      'INVALID_MFA_CODE',
    );
  });

  it('refuses an altered challenge as expired', async () => {
    const { user } = await enrolled();
    const result = (await provider.auth.signIn({
      email: user.email as string,
      password,
    })) as MfaRequiredResult;
    const altered = `${result.challenge.session.slice(0, -2)}AA`;
    await expectCode(
      provider.auth.completeMfa({ challenge: { ...result.challenge, session: altered }, code: '123456' }),
      'MFA_CHALLENGE_EXPIRED',
    );
  });

  it('a challenge from another provider instance (another key) is refused unless challengeKey is shared', async () => {
    const { user, code } = await enrolled();
    const key = randomBytes(32).toString('base64');
    const first = createKeycloakProvider(testSettings({ challengeKey: key }));
    const second = createKeycloakProvider(testSettings({ challengeKey: key }));
    const result = (await first.auth.signIn({ email: user.email as string, password })) as MfaRequiredResult;
    expect((await second.auth.completeMfa({ challenge: result.challenge, code: code(1) })).status).toBe(
      'authenticated',
    );
    const unshared = (await first.auth.signIn({
      email: user.email as string,
      password,
    })) as MfaRequiredResult;
    await expectCode(
      provider.auth.completeMfa({ challenge: unshared.challenge, code: code(0) }),
      'MFA_CHALLENGE_EXPIRED',
    );
    await first.close();
    await second.close();
  });
});

function base32Bytes(secret: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const character of secret.replace(/=+$/, '')) {
    value = (value << 5) | alphabet.indexOf(character);
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

describe('keycloak provider: password hashes through partialImport', () => {
  const provider = createKeycloakProvider(testSettings());
  afterAll(() => provider.close());

  const importAndSignIn = async (hash: {
    algorithm: 'pbkdf2-sha512' | 'pbkdf2-sha256' | 'argon2id';
    phc: string;
  }) => {
    const email = uniqueEmail(hash.algorithm);
    const [outcome] = await provider.transfer.importUsers([
      {
        sourceId: `source-${email}`,
        email,
        emailVerified: true,
        phoneNumber: null,
        givenName: 'Hashed',
        familyName: null,
        displayName: null,
        enabled: true,
        createdAt: null,
        attributes: {},
        groups: [],
        passwordHash: hash,
        mfaFactors: [],
      },
    ]);
    expect(outcome).toMatchObject({ status: 'created', passwordImported: true, warnings: [] });
    return provider.auth.signIn({ email, password });
  };

  it('imports a pbkdf2-sha512 hash made outside Keycloak and signs in with the old password', async () => {
    const salt = randomBytes(16);
    const hash = pbkdf2Sync(password, salt, 10_000, 64, 'sha512');
    const phc = `$pbkdf2-sha512$i=10000,l=64$${salt.toString('base64').replace(/=+$/, '')}$${hash.toString('base64').replace(/=+$/, '')}`;
    expect((await importAndSignIn({ algorithm: 'pbkdf2-sha512', phc })).status).toBe('authenticated');
  });

  it('imports an argon2id PHC string (hash-wasm) and signs in', async () => {
    const phc = await argon2id({
      password,
      salt: randomBytes(16),
      iterations: 2,
      memorySize: 4096,
      parallelism: 1,
      hashLength: 32,
      outputType: 'encoded',
    });
    expect(phc.startsWith('$argon2id$v=19$m=4096,t=2,p=1$')).toBe(true);
    expect((await importAndSignIn({ algorithm: 'argon2id', phc })).status).toBe('authenticated');
  });

  it('warns and imports the profile without a password for hashes Keycloak cannot verify', async () => {
    const email = uniqueEmail('bcrypt');
    const [outcome] = await provider.transfer.importUsers([
      {
        sourceId: 'bcrypt-user',
        email,
        emailVerified: false,
        phoneNumber: '+15555550100',
        givenName: null,
        familyName: null,
        displayName: 'B. Crypt',
        enabled: true,
        createdAt: null,
        attributes: { plan: 'pro' },
        groups: ['no-such-group'],
        passwordHash: {
          algorithm: 'bcrypt',
          phc: '$2b$10$abcdefghijklmnopqrstuu1234567890123456789012345678901',
        },
        mfaFactors: [{ type: 'sms', phoneNumber: '+15555550100' }],
      },
    ]);
    expect(outcome?.status).toBe('created');
    expect(outcome?.passwordImported).toBe(false);
    expect(outcome?.warnings.join(' ')).toMatch(/bcrypt.*password reset/);
    expect(outcome?.warnings.join(' ')).toMatch(/no-such-group/);
    expect(outcome?.warnings.join(' ')).toMatch(/sms factors/);
    const user = await provider.users.findByEmail(email);
    expect(user).toMatchObject({
      displayName: 'B. Crypt',
      phoneNumber: '+15555550100',
      attributes: { plan: 'pro' },
    });
  });
});

describe('keycloak provider: transient failures through the real admin client', () => {
  const provider = createKeycloakProvider(testSettings());
  afterAll(async () => {
    await fakeControl().clearFaults();
    await provider.close();
  });

  it('maps an injected 429 with Retry-After to RATE_LIMITED with retryAfter', async () => {
    const user = await provider.users.create({ email: uniqueEmail('limited') });
    await fakeControl().injectFault({
      nth: 1,
      method: 'GET',
      pathPattern: `/users/${user.id}$`,
      fault: { kind: 'status', status: 429, retryAfterSeconds: 7 },
    });
    const error = await expectCode(provider.users.get(user.id), 'RATE_LIMITED');
    expect(error.retryAfter).toBe(7);
    expect(error.retryable).toBe(true);
  });

  it('maps 503 and connection resets to PROVIDER_UNAVAILABLE, and withRetry rides them out', async () => {
    const user = await provider.users.create({ email: uniqueEmail('flaky') });
    await fakeControl().injectFault({
      nth: 1,
      method: 'GET',
      pathPattern: `/users/${user.id}$`,
      fault: { kind: 'status', status: 503 },
    });
    await expectCode(provider.users.get(user.id), 'PROVIDER_UNAVAILABLE');
    await fakeControl().injectFault({
      nth: 1,
      method: 'GET',
      pathPattern: `/users/${user.id}$`,
      fault: { kind: 'reset' },
    });
    await expectCode(provider.users.get(user.id), 'PROVIDER_UNAVAILABLE');
    const retrying = withRetry(provider, { baseDelayMs: 10 });
    await fakeControl().injectFault({
      nth: 1,
      method: 'GET',
      pathPattern: `/users/${user.id}$`,
      fault: { kind: 'status', status: 503 },
    });
    await fakeControl().injectFault({
      nth: 2,
      method: 'GET',
      pathPattern: `/users/${user.id}$`,
      fault: { kind: 'reset' },
    });
    expect((await retrying.users.get(user.id)).id).toBe(user.id);
  });

  it('fails closed when the JWKS cannot be fetched: PROVIDER_UNAVAILABLE, never "valid"', async () => {
    const user = await provider.users.create({ email: uniqueEmail('jwks'), password });
    const result = await provider.auth.signIn({ email: user.email as string, password });
    if (result.status !== 'authenticated') throw new Error('expected authenticated');
    // A fresh instance has no cached keys, so its first verification must fetch /certs.
    const cold = createKeycloakProvider(testSettings());
    await fakeControl().injectFault({
      pathPattern: '/protocol/openid-connect/certs$',
      fault: { kind: 'status', status: 503 },
    });
    await expectCode(cold.tokens.verifyAccessToken(result.tokens.accessToken), 'PROVIDER_UNAVAILABLE');
    await fakeControl().clearFaults();
    await cold.close();
  });

  it('maps a token-endpoint 503 during sign-in to PROVIDER_UNAVAILABLE', async () => {
    await fakeControl().injectFault({
      nth: 1,
      pathPattern: '/protocol/openid-connect/token$',
      method: 'POST',
      fault: { kind: 'status', status: 503 },
    });
    await expectCode(
      provider.auth.signIn({ email: uniqueEmail('nobody'), password }),
      'PROVIDER_UNAVAILABLE',
    );
  });
});

describe('keycloak provider: settings', () => {
  it('names the bad field and never echoes a secret', () => {
    const secret = 'Super-Secret-Value-123';
    try {
      createKeycloakProvider({ ...testSettings(), clientSecret: secret, baseUrl: 'not a url' });
      throw new Error('expected a configuration error');
    } catch (error) {
      expect((error as IdentityError).code).toBe('CONFIGURATION_ERROR');
      expect((error as IdentityError).field).toBe('baseUrl');
      expect(JSON.stringify((error as IdentityError).toJSON())).not.toContain(secret);
    }
  });

  it('is created by configuration through core, and bad settings name the field only', async () => {
    const provider = await createIdentityProvider({
      provider: 'keycloak',
      settings: testSettings() as unknown as Record<string, unknown>,
      adapters: { keycloak: identityAdapter as IdentityAdapter },
    });
    const user = await provider.users.create({ email: uniqueEmail('by-config') });
    expect((await provider.users.get(user.id)).id).toBe(user.id);
    await provider.close();
    const secret = 'Another-Secret-456';
    const failure = await expectCode(
      createIdentityProvider({
        provider: 'keycloak',
        settings: { ...testSettings(), clientSecret: secret, realm: '' } as unknown as Record<
          string,
          unknown
        >,
        adapters: { keycloak: identityAdapter as IdentityAdapter },
      }),
      'CONFIGURATION_ERROR',
    );
    expect(failure.field).toBe('settings.realm');
    expect(JSON.stringify(failure.toJSON())).not.toContain(secret);
  });

  it('authenticates the admin client with an administrator password (master realm, admin-cli)', async () => {
    const provider = createKeycloakProvider(
      testSettings({ admin: { grantType: 'password', username: 'admin', password: 'admin' } }),
    );
    const user = await provider.users.create({ email: uniqueEmail('master-admin') });
    expect((await provider.users.get(user.id)).email).toBe(user.email);
    await provider.close();
  });

  it('reports rejected admin credentials as CONFIGURATION_ERROR', async () => {
    const provider = createKeycloakProvider(
      testSettings({
        admin: { grantType: 'client_credentials', clientId: 'idport-admin', clientSecret: 'wrong' },
      }),
    );
    await expectCode(provider.users.get('anyone'), 'CONFIGURATION_ERROR');
    await provider.close();
  });
});

describe('keycloak provider against a stricter, sabotaged fake', () => {
  let fake: KeycloakFake;
  beforeAll(async () => {
    fake = createKeycloakFake({
      realms: [
        {
          ...defaultKeycloakRealm,
          bruteForceProtected: true,
          failureFactor: 3,
          passwordPolicy: 'length(12) and digits(2)',
        },
      ],
      // The sabotage: group listings come back with a numeric `path`, a shape Keycloak's
      // document forbids. The spec checker must turn that into a failure of the SDK call.
      tamper: (request, response) =>
        request.method === 'GET' && /\/groups\/?$/.test(request.path) && Array.isArray(response.body)
          ? {
              ...response,
              body: (response.body as Record<string, unknown>[]).map((group) => ({ ...group, path: 42 })),
            }
          : response,
    });
    await fake.start();
  });
  afterAll(() => fake.stop());
  const settings = () => testSettings({ baseUrl: fake.url });

  it('the spec checker bites: a wrong response shape fails the real admin client call', async () => {
    const provider = createKeycloakProvider(settings());
    await provider.groups.create({ name: 'sabotaged' });
    const error = await expectCode(collect(provider.groups.list()), 'PROVIDER_ERROR');
    expect(error.status).toBe(599);
    const violations = fake.server.takeViolations();
    expect(violations).toEqual([
      expect.objectContaining({
        kind: 'response',
        operation: 'keycloak-admin GET /admin/realms/{realm}/groups',
      }),
    ]);
    expect(violations[0]?.errors[0]).toBe('response body/0/path must be string');
    await provider.close();
  });

  it('locks an account after the failure factor: TOO_MANY_ATTEMPTS', async () => {
    const provider = createKeycloakProvider(settings());
    const user = await provider.users.create({
      email: uniqueEmail('locked'),
      password: 'Strong-Password-12',
    });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await expectCode(
        provider.auth.signIn({ email: user.email as string, password: 'Wrong-Password-99' }),
        'INVALID_CREDENTIALS',
      );
    }
    await expectCode(
      provider.auth.signIn({ email: user.email as string, password: 'Strong-Password-12' }),
      'TOO_MANY_ATTEMPTS',
    );
    await provider.close();
  });

  it('maps the realm password policy to WEAK_PASSWORD on create and on setPassword', async () => {
    const provider = createKeycloakProvider(settings());
    await expectCode(
      provider.users.create({ email: uniqueEmail('weak'), password: 'Short-1' }),
      'WEAK_PASSWORD',
    );
    const user = await provider.users.create({
      email: uniqueEmail('strong'),
      password: 'Strong-Password-12',
    });
    await expectCode(provider.users.setPassword(user.id, 'only-one-digit-1'), 'WEAK_PASSWORD');
    await provider.close();
  });
});

describe('keycloak provider: TOTP secrets Keycloak stores base32-encoded', () => {
  it('enrolls through the admin API and the fake verifies codes from the stored credential', async () => {
    const provider = createKeycloakProvider(testSettings());
    const user = await provider.users.create({ email: uniqueEmail('totp'), password });
    const started = await provider.mfa.enrollTotp({ userId: user.id });
    expect(started.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(encodeBase32(base32Bytes(started.secret))).toBe(started.secret);
    const code = await import('@idport/fakes').then(({ totpCode }) =>
      totpCode(base32Bytes(started.secret), Math.floor(Date.now() / 30_000), {
        digits: 6,
        period: 30,
        algorithm: 'HmacSHA1',
      }),
    );
    const confirmed = await provider.mfa.confirmEnrollment({
      userId: user.id,
      factorId: started.factorId,
      code,
    });
    const fromBackdoor = await fakeControl().get<{ code: string }>(
      `/keycloak/realms/idport/users/${user.id}/totp`,
    );
    expect(fromBackdoor.code).toBe(code);
    expect(confirmed.factor).toMatchObject({ type: 'totp', confirmed: true });
    await expectCode(
      provider.mfa.removeFactor({
        userId: user.id,
        factorId: String((await provider.mfa.listFactors({ userId: user.id }))[0]?.id).replace(/.$/, 'x'),
      }),
      'FACTOR_NOT_FOUND',
    );
    await provider.close();
  });
});
