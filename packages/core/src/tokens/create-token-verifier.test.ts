import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import type { TokenVerifierOptions } from './token-verifier-options';

let rs256: SigningKey;
let es256: SigningKey;
let ps256: SigningKey;
let ed25519: SigningKey;
let server: JwksServer;

beforeAll(async () => {
  rs256 = await createSigningKey('RS256', 'rs');
  es256 = await createSigningKey('ES256', 'es');
  ps256 = await createSigningKey('PS256', 'ps');
  ed25519 = await createSigningKey('EdDSA', 'ed');
  server = await startJwksServer([rs256.publicJwk, es256.publicJwk, ps256.publicJwk, ed25519.publicJwk]);
});

afterAll(async () => {
  await server.close();
});

/** A fixed instant, so skew edges are exact. */
const fixedNow = 1_800_000_000;

function verifierWith(overrides: Partial<TokenVerifierOptions> = {}) {
  return createTokenVerifier({
    provider: 'test',
    issuer: 'https://issuer.test/',
    audience: 'api://test',
    keys: { jwksUri: server.url },
    algorithms: ['RS256', 'ES256', 'PS256', 'EdDSA'],
    now: () => fixedNow * 1000,
    ...overrides,
  });
}

const at = (overrides: Record<string, unknown> = {}) =>
  standardClaims({ iat: fixedNow, exp: fixedNow + 300, ...overrides });

describe('createTokenVerifier', () => {
  it.each(['rs', 'es', 'ps', 'ed'])('verifies a token signed with the %s key', async (which) => {
    const key = { rs: rs256, es: es256, ps: ps256, ed: ed25519 }[which]!;
    const result = await verifierWith().verify(await signToken(key, at()));
    expect(result.subject).toBe('user-1');
  });

  it('normalizes the claims', async () => {
    const token = await signToken(
      rs256,
      at({
        aud: ['api://test', 'other'],
        scope: 'read write',
        groups: ['a', 'b'],
        azp: 'client-1',
        custom: 1,
      }),
    );
    const result = await verifierWith().verify(token);
    expect(result).toEqual({
      subject: 'user-1',
      issuer: 'https://issuer.test/',
      audience: ['api://test', 'other'],
      clientId: 'client-1',
      scopes: ['read', 'write'],
      groups: ['a', 'b'],
      expiresAt: new Date((fixedNow + 300) * 1000),
      issuedAt: new Date(fixedNow * 1000),
      claims: expect.objectContaining({ custom: 1 }),
    });
    expect(Object.isFrozen(result)).toBe(true);
  });

  it('accepts any of several issuers and audiences', async () => {
    const verifier = verifierWith({ issuer: ['https://a.test', 'https://b.test'], audience: ['x', 'y'] });
    await verifier.verify(await signToken(rs256, at({ iss: 'https://b.test', aud: ['z', 'y'] })));
    await expectRejection(
      verifier.verify(await signToken(rs256, at({ iss: 'https://b.test', aud: ['z'] }))),
      'TOKEN_INVALID',
      'audience_mismatch',
    );
  });

  describe('clock tolerance edges', () => {
    it('accepts a token expired less than the tolerance ago, refuses one expired at or beyond it', async () => {
      const verifier = verifierWith({ clockToleranceSeconds: 60 });
      await verifier.verify(await signToken(rs256, at({ exp: fixedNow - 59 })));
      await expectRejection(
        verifier.verify(await signToken(rs256, at({ exp: fixedNow - 60 }))),
        'TOKEN_EXPIRED',
        'expired',
      );
      await expectRejection(
        verifier.verify(await signToken(rs256, at({ exp: fixedNow - 61 }))),
        'TOKEN_EXPIRED',
        'expired',
      );
    });

    it('with no tolerance, refuses a token at its exp', async () => {
      const verifier = verifierWith({ clockToleranceSeconds: 0 });
      await verifier.verify(await signToken(rs256, at({ exp: fixedNow + 1 })));
      await expectRejection(
        verifier.verify(await signToken(rs256, at({ exp: fixedNow }))),
        'TOKEN_EXPIRED',
        'expired',
      );
    });

    it('accepts nbf and iat within the tolerance, refuses them beyond it', async () => {
      const verifier = verifierWith({ clockToleranceSeconds: 30 });
      await verifier.verify(await signToken(rs256, at({ nbf: fixedNow + 30, iat: fixedNow + 30 })));
      await expectRejection(
        verifier.verify(await signToken(rs256, at({ nbf: fixedNow + 31 }))),
        'TOKEN_INVALID',
        'not_yet_valid',
      );
      await expectRejection(
        verifier.verify(await signToken(rs256, at({ iat: fixedNow + 31 }))),
        'TOKEN_INVALID',
        'issued_in_future',
      );
    });

    it('refuses tokens older than maxTokenAgeSeconds, and requires iat then', async () => {
      const verifier = verifierWith({ maxTokenAgeSeconds: 600, clockToleranceSeconds: 0 });
      await verifier.verify(await signToken(rs256, at({ iat: fixedNow - 600 })));
      await expectRejection(
        verifier.verify(await signToken(rs256, at({ iat: fixedNow - 601 }))),
        'TOKEN_INVALID',
        'too_old',
      );
      await expectRejection(
        verifier.verify(await signToken(rs256, at({ iat: undefined }))),
        'TOKEN_INVALID',
        'missing_claim',
      );
    });
  });

  describe('configuration', () => {
    it.each<[string, Partial<TokenVerifierOptions>, string]>([
      ['tolerance over 60 s', { clockToleranceSeconds: 61 }, 'clockToleranceSeconds'],
      ['negative tolerance', { clockToleranceSeconds: -1 }, 'clockToleranceSeconds'],
      ['HS256 in the allow-list', { algorithms: ['RS256', 'HS256'] }, 'algorithms'],
      ['none in the allow-list', { algorithms: ['none'] }, 'algorithms'],
      ['an empty allow-list', { algorithms: [] }, 'algorithms'],
      ['no issuer', { issuer: [] }, 'issuer'],
      ['an empty audience', { audience: '' }, 'audience'],
      ['no key source', { keys: undefined as never }, 'keys'],
      ['an empty key source', { keys: {} as never }, 'keys'],
      [
        'an emulator flag that is not true',
        { keys: { acceptUnsignedEmulatorTokens: 'yes' } as never },
        'keys',
      ],
    ])('refuses %s', (_name, overrides, field) => {
      let caught: unknown;
      try {
        verifierWith(overrides);
      } catch (error) {
        caught = error;
      }
      expect(IdentityError.isInstance(caught)).toBe(true);
      expect({ code: (caught as IdentityError).code, field: (caught as IdentityError).field }).toEqual({
        code: 'CONFIGURATION_ERROR',
        field,
      });
    });
  });

  describe('claim rules', () => {
    it('checks the nonce of ID tokens', async () => {
      const token = await signToken(rs256, at({ nonce: 'n-1' }));
      await verifierWith().verify(token, { nonce: 'n-1' });
      await expectRejection(
        verifierWith().verify(token, { nonce: 'n-2' }),
        'TOKEN_INVALID',
        'nonce_mismatch',
      );
    });

    it('checks the header typ when headerTypes is set', async () => {
      const verifier = verifierWith({ headerTypes: ['at+jwt'] });
      await verifier.verify(await signToken(rs256, at(), { typ: 'application/at+JWT' }));
      await expectRejection(
        verifier.verify(await signToken(rs256, at())),
        'TOKEN_INVALID',
        'wrong_token_type',
      );
    });

    it('requires the listed claims and runs claim checks', async () => {
      const verifier = verifierWith({
        requiredClaims: ['email'],
        claimChecks: [(claims) => (claims.email_verified === true ? undefined : 'the email is not verified')],
      });
      await verifier.verify(await signToken(rs256, at({ email: 'a@b.c', email_verified: true })));
      await expectRejection(verifier.verify(await signToken(rs256, at())), 'TOKEN_INVALID', 'missing_claim');
      const rejection = await expectRejection(
        verifier.verify(await signToken(rs256, at({ email: 'a@b.c' }))),
        'TOKEN_INVALID',
        'claim_check_failed',
      );
      expect(rejection.message).toContain('the email is not verified');
    });

    it('checks authorized parties against azp', async () => {
      const verifier = verifierWith({ authorizedParties: ['client-1'] });
      await verifier.verify(await signToken(rs256, at({ azp: 'client-1' })));
      await expectRejection(
        verifier.verify(await signToken(rs256, at({ azp: 'client-2' }))),
        'TOKEN_INVALID',
        'client_mismatch',
      );
      await expectRejection(
        verifier.verify(await signToken(rs256, at())),
        'TOKEN_INVALID',
        'client_mismatch',
      );
    });
  });

  describe('keys', () => {
    it('uses the only key of a set when the token names none, and refuses when several fit', async () => {
      const single = verifierWith({ keys: { jwks: { keys: [{ ...rs256.publicJwk, kid: undefined }] } } });
      const token = craftToken({ header: { alg: 'RS256' }, payload: at(), signWith: rs256 });
      await single.verify(token);
      const several = verifierWith({
        keys: {
          jwks: {
            keys: [
              { ...rs256.publicJwk, kid: 'x' },
              { ...rs256.publicJwk, kid: 'y' },
            ],
          },
        },
      });
      await expectRejection(several.verify(token), 'TOKEN_INVALID', 'unknown_key');
    });

    it('honours a JWK alg: an RSA key pinned to RS256 does not verify PS256', async () => {
      const pinned = verifierWith({ keys: { jwks: { keys: [{ ...ps256.publicJwk, alg: 'RS256' }] } } });
      await expectRejection(
        pinned.verify(await signToken(ps256, at())),
        'TOKEN_INVALID',
        'key_algorithm_mismatch',
      );
    });

    it('reads a local key set function at each verification, so a rotation shows at once', async () => {
      let current = { keys: [rs256.publicJwk] };
      const verifier = verifierWith({ keys: { jwks: () => current } });
      const token = await signToken(rs256, at());
      await verifier.verify(token);
      current = { keys: [es256.publicJwk] };
      await expectRejection(verifier.verify(token), 'TOKEN_INVALID', 'unknown_key');
      await verifier.verify(await signToken(es256, at()));
    });
  });

  describe('emulator mode', () => {
    const emulatorToken = () => craftToken({ header: { alg: 'none', typ: 'JWT' }, payload: at() });

    it('accepts unsigned tokens only when configured', async () => {
      const emulator = verifierWith({ keys: { acceptUnsignedEmulatorTokens: true } });
      expect((await emulator.verify(emulatorToken())).subject).toBe('user-1');
      await expectRejection(verifierWith().verify(emulatorToken()), 'TOKEN_INVALID', 'algorithm_not_allowed');
    });

    it('still checks issuer, audience and expiry in emulator mode', async () => {
      const emulator = verifierWith({ keys: { acceptUnsignedEmulatorTokens: true } });
      const expired = craftToken({ header: { alg: 'none' }, payload: at({ exp: fixedNow - 3600 }) });
      await expectRejection(emulator.verify(expired), 'TOKEN_EXPIRED', 'expired');
      const foreign = craftToken({ header: { alg: 'none' }, payload: at({ aud: 'other' }) });
      await expectRejection(emulator.verify(foreign), 'TOKEN_INVALID', 'audience_mismatch');
    });

    it('refuses signed tokens, and unsigned ones carrying a signature, in emulator mode', async () => {
      const emulator = verifierWith({ keys: { acceptUnsignedEmulatorTokens: true } });
      await expectRejection(
        emulator.verify(await signToken(rs256, at())),
        'TOKEN_INVALID',
        'algorithm_not_allowed',
      );
      await expectRejection(emulator.verify(`${emulatorToken()}c2ln`), 'TOKEN_INVALID', 'signature_invalid');
    });

    it('cannot be switched on by the token', async () => {
      const claimsLikeEmulator = at({ firebase: { sign_in_provider: 'password' }, emulator: true });
      const token = craftToken({
        header: { alg: 'none', typ: 'JWT', emulator: true },
        payload: claimsLikeEmulator,
      });
      await expectRejection(verifierWith().verify(token), 'TOKEN_INVALID', 'algorithm_not_allowed');
    });
  });

  describe('result cache', () => {
    it('returns the cached result for the same token', async () => {
      const verifier = verifierWith({ resultCache: { maxEntries: 10 } });
      const token = await signToken(rs256, at());
      const first = await verifier.verify(token);
      expect(await verifier.verify(token)).toBe(first);
    });

    it('never returns a result past the token exp, even within the clock tolerance', async () => {
      let now = fixedNow;
      const verifier = verifierWith({
        resultCache: { maxEntries: 10, maxAgeSeconds: 3600 },
        clockToleranceSeconds: 30,
        now: () => now * 1000,
      });
      const token = await signToken(rs256, at({ exp: fixedNow + 10 }));
      const first = await verifier.verify(token);
      now = fixedNow + 10;
      // Past exp the cache is bypassed: a full verification runs (still within tolerance here).
      const second = await verifier.verify(token);
      expect(second).not.toBe(first);
      now = fixedNow + 40;
      await expectRejection(verifier.verify(token), 'TOKEN_EXPIRED', 'expired');
    });

    it('forgets results after maxAgeSeconds', async () => {
      let now = fixedNow;
      const verifier = verifierWith({ resultCache: { maxAgeSeconds: 5 }, now: () => now * 1000 });
      const token = await signToken(rs256, at());
      const first = await verifier.verify(token);
      now += 4;
      expect(await verifier.verify(token)).toBe(first);
      now += 1;
      expect(await verifier.verify(token)).not.toBe(first);
    });

    it('stays within maxEntries, evicting the least recently used', async () => {
      const verifier = verifierWith({ resultCache: { maxEntries: 2 } });
      const tokens = await Promise.all(
        [1, 2, 3].map((index) => signToken(rs256, at({ sub: `user-${index}` }))),
      );
      const [one, two, three] = tokens as [string, string, string];
      const firstOne = await verifier.verify(one);
      const firstTwo = await verifier.verify(two);
      expect(await verifier.verify(one)).toBe(firstOne);
      await verifier.verify(three);
      expect(await verifier.verify(one)).toBe(firstOne);
      expect(await verifier.verify(two)).not.toBe(firstTwo);
    });

    it('checks the nonce on a cache hit', async () => {
      const verifier = verifierWith({ resultCache: {} });
      const token = await signToken(rs256, at({ nonce: 'n-1' }));
      await verifier.verify(token, { nonce: 'n-1' });
      await expectRejection(verifier.verify(token, { nonce: 'other' }), 'TOKEN_INVALID', 'nonce_mismatch');
    });
  });
});
