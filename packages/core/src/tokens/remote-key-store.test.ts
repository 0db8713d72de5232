import { generateKeyPairSync } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IdentityError } from '../errors/identity-error';
import { expectRejection } from './__fixtures__/expect-rejection';
import { type JwksServer, startJwksServer } from './__fixtures__/jwks-server';
import {
  craftToken,
  createSigningKey,
  type SigningKey,
  signToken,
  standardClaims,
} from './__fixtures__/signing-keys';
import { createTokenVerifier } from './create-token-verifier';
import { createRemoteKeyStore, type RemoteKeyStore } from './remote-key-store';

let first: SigningKey;
let second: SigningKey;
let server: JwksServer;
/** The key store's clock, moved by hand so cooldown and max-age edges are exact. */
let clock: number;

beforeAll(async () => {
  first = await createSigningKey('RS256', 'key-1');
  second = await createSigningKey('ES256', 'key-2');
});

beforeEach(async () => {
  clock = 1_000_000;
  server = await startJwksServer([first.publicJwk]);
});

afterEach(async () => {
  await server.close();
});

function setup(overrides: Partial<Parameters<typeof createRemoteKeyStore>[0]> = {}) {
  const store = createRemoteKeyStore({
    jwksUri: server.url,
    provider: 'test',
    cooldownMs: 30_000,
    now: () => clock,
    ...overrides,
  });
  const verifier = createTokenVerifier({
    provider: 'test',
    issuer: 'https://issuer.test/',
    audience: 'api://test',
    keys: store,
    algorithms: ['RS256', 'ES256'],
  });
  return { store, verifier };
}

describe('remote key store', () => {
  it('coalesces 1000 concurrent verifications on a cold cache into one fetch', async () => {
    const { verifier, store } = setup();
    const token = await signToken(first, standardClaims());
    const results = await Promise.all(Array.from({ length: 1000 }, () => verifier.verify(token)));
    expect(results.every((result) => result.subject === 'user-1')).toBe(true);
    expect(server.requestCount).toBe(1);
    expect(store.fetchCount).toBe(1);
  });

  it('answers an unknown kid inside the cooldown without fetching', async () => {
    const { verifier } = setup();
    await verifier.verify(await signToken(first, standardClaims()));
    clock += 29_999;
    const unknown = await signToken(first, standardClaims(), { kid: 'key-9' });
    await expectRejection(verifier.verify(unknown), 'TOKEN_INVALID', 'unknown_key', unknown);
    expect(server.requestCount).toBe(1);
  });

  it('refetches once for a flood of random kids after the cooldown, and valid tokens still verify', async () => {
    const { verifier } = setup();
    const valid = await signToken(first, standardClaims());
    await verifier.verify(valid);
    clock += 30_000;
    const flood = await Promise.all(
      Array.from({ length: 300 }, (_, index) =>
        signToken(first, standardClaims(), { kid: `random-${index}` }),
      ),
    );
    const outcomes = await Promise.allSettled(flood.map((token) => verifier.verify(token)));
    expect(outcomes.every((outcome) => outcome.status === 'rejected')).toBe(true);
    expect(server.requestCount).toBe(2);
    // Later unknown kids in the same window: no more fetches.
    await expectRejection(verifier.verify(flood[0]!), 'TOKEN_INVALID', 'unknown_key');
    expect(server.requestCount).toBe(2);
    expect((await verifier.verify(valid)).subject).toBe('user-1');
  });

  it('picks up a rotated key after the cooldown and drops the removed one', async () => {
    const { verifier } = setup();
    const old = await signToken(first, standardClaims());
    await verifier.verify(old);
    server.setKeys([second.publicJwk]);
    const rotated = await signToken(second, standardClaims());
    await expectRejection(verifier.verify(rotated), 'TOKEN_INVALID', 'unknown_key');
    expect(server.requestCount).toBe(1);
    clock += 30_000;
    expect((await verifier.verify(rotated)).subject).toBe('user-1');
    expect(server.requestCount).toBe(2);
    await expectRejection(verifier.verify(old), 'TOKEN_INVALID', 'unknown_key');
  });

  it('fetches again when the keys are older than maxAgeMs', async () => {
    const { verifier } = setup({ maxAgeMs: 60_000 });
    const token = await signToken(first, standardClaims());
    await verifier.verify(token);
    clock += 59_999;
    await verifier.verify(token);
    expect(server.requestCount).toBe(1);
    clock += 1;
    await verifier.verify(token);
    expect(server.requestCount).toBe(2);
  });

  it('fails closed with PROVIDER_UNAVAILABLE on HTTP 500, backs off, then recovers', async () => {
    server.setBehaviour({ status: 500 });
    const { verifier } = setup({ failureBackoffMs: 5000 });
    const token = await signToken(first, standardClaims());
    await expectRejection(verifier.verify(token), 'PROVIDER_UNAVAILABLE', 'keys_unavailable', token);
    await expectRejection(verifier.verify(token), 'PROVIDER_UNAVAILABLE', 'keys_unavailable', token);
    expect(server.requestCount).toBe(1);
    server.setBehaviour({});
    clock += 5000;
    expect((await verifier.verify(token)).subject).toBe('user-1');
    expect(server.requestCount).toBe(2);
  });

  it('fails closed when the fetch times out', async () => {
    server.setBehaviour({ delayMs: 5000 });
    const { verifier } = setup({ timeoutMs: 100 });
    const token = await signToken(first, standardClaims());
    const error = await expectRejection(
      verifier.verify(token),
      'PROVIDER_UNAVAILABLE',
      'keys_unavailable',
      token,
    );
    expect(error.retryable).toBe(true);
  });

  it('fails closed when a refetch for a new kid fails, without forgetting the cached keys', async () => {
    const { verifier } = setup();
    const known = await signToken(first, standardClaims());
    await verifier.verify(known);
    server.setBehaviour({ status: 503 });
    clock += 30_000;
    const unknown = await signToken(second, standardClaims());
    await expectRejection(verifier.verify(unknown), 'PROVIDER_UNAVAILABLE', 'keys_unavailable');
    expect((await verifier.verify(known)).subject).toBe('user-1');
  });

  it('keeps verifying known keys while a refetch for an unknown kid hangs and then fails', async () => {
    const { verifier, store } = setup({ timeoutMs: 2000 });
    const known = await signToken(first, standardClaims());
    await verifier.verify(known);
    server.setBehaviour({ delayMs: 300, status: 500 });
    clock += 30_000;
    const unknownToken = await signToken(second, standardClaims());
    const unknown = verifier.verify(unknownToken);
    unknown.catch(() => undefined);
    expect(store.fetchCount).toBe(2);
    expect((await verifier.verify(known)).subject).toBe('user-1');
    await expectRejection(unknown, 'PROVIDER_UNAVAILABLE', 'keys_unavailable');
    expect((await verifier.verify(known)).subject).toBe('user-1');
  });

  it.each([
    ['a body that is not JSON', { body: '<html>' }],
    ['JSON without keys', { body: '{"issuer":"x"}' }],
    ['a body over the size limit', { body: JSON.stringify({ keys: [], padding: 'x'.repeat(300_000) }) }],
  ])('fails closed on %s', async (_name, behaviour) => {
    server.setBehaviour(behaviour);
    const { verifier } = setup();
    const token = await signToken(first, standardClaims());
    await expectRejection(verifier.verify(token), 'PROVIDER_UNAVAILABLE', 'keys_unavailable', token);
  });

  it('does not follow redirects', async () => {
    const elsewhere = await startJwksServer([first.publicJwk]);
    try {
      server.setBehaviour({ redirectTo: elsewhere.url });
      const { verifier } = setup();
      const token = await signToken(first, standardClaims());
      await expectRejection(verifier.verify(token), 'PROVIDER_UNAVAILABLE', 'keys_unavailable');
      expect(elsewhere.requestCount).toBe(0);
    } finally {
      await elsewhere.close();
    }
  });

  it('fails closed when nothing listens', async () => {
    const url = server.url;
    await server.close();
    server = await startJwksServer([]);
    const store = createRemoteKeyStore({ jwksUri: url, provider: 'test' });
    const verifier = createTokenVerifier({
      provider: 'test',
      issuer: 'https://issuer.test/',
      audience: 'api://test',
      keys: store,
    });
    await expectRejection(
      verifier.verify(await signToken(first, standardClaims())),
      'PROVIDER_UNAVAILABLE',
      'keys_unavailable',
    );
  });

  it('keeps at most maxKeys keys and ignores keys that may not verify', async () => {
    const extra = await Promise.all(
      Array.from({ length: 3 }, (_, index) => createSigningKey('ES256', `extra-${index}`)),
    );
    server.setKeys([
      { kty: 'oct', k: 'c2VjcmV0', kid: 'symmetric' },
      { ...first.publicJwk, use: 'enc' },
      ...extra.map((key) => key.publicJwk),
    ]);
    const { verifier } = setup({ maxKeys: 4 });
    await verifier.verify(await signToken(extra[1]!, standardClaims()));
    await expectRejection(
      verifier.verify(await signToken(first, standardClaims())),
      'TOKEN_INVALID',
      'unknown_key',
    );
    await expectRejection(
      verifier.verify(await signToken(extra[2]!, standardClaims())),
      'TOKEN_INVALID',
      'unknown_key',
    );
  });

  it('refuses RSA keys under 2048 bits', async () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
    server.setKeys([{ ...small.publicKey.export({ format: 'jwk' }), kid: 'weak' }]);
    const { verifier } = setup();
    const weak = { algorithm: 'RS256', keyId: 'weak', ...small, publicJwk: {} };
    const token = craftToken({
      header: { alg: 'RS256', kid: 'weak' },
      payload: standardClaims(),
      signWith: weak,
    });
    await expectRejection(verifier.verify(token), 'TOKEN_INVALID', 'unknown_key', token);
  });

  it('refuses plain HTTP to a non-loopback host at configuration time', () => {
    expect(() => createRemoteKeyStore({ jwksUri: 'http://issuer.example/keys' })).toThrow(IdentityError);
    try {
      createRemoteKeyStore({ jwksUri: 'http://issuer.example/keys' });
    } catch (error) {
      expect((error as IdentityError).code).toBe('CONFIGURATION_ERROR');
    }
  });
});

describe('verifiers sharing one key store', () => {
  let shared: RemoteKeyStore;
  let local: JwksServer;
  beforeAll(async () => {
    local = await startJwksServer([first.publicJwk]);
    shared = createRemoteKeyStore({ jwksUri: local.url });
  });
  afterAll(async () => {
    await local.close();
  });

  it('fetch the JWKS once for both', async () => {
    const common = { provider: 'test', issuer: 'https://issuer.test/', keys: shared } as const;
    const access = createTokenVerifier({ ...common, audience: 'api://test' });
    const id = createTokenVerifier({ ...common, audience: 'client-1' });
    await access.verify(await signToken(first, standardClaims()));
    await id.verify(await signToken(first, standardClaims({ aud: 'client-1' })));
    expect(local.requestCount).toBe(1);
    expect(access.keyStore).toBe(id.keyStore);
  });
});
