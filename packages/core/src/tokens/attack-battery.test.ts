import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRejection } from './__fixtures__/expect-rejection';
import { type JwksServer, startJwksServer } from './__fixtures__/jwks-server';
import {
  craftToken,
  createSigningKey,
  type SigningKey,
  signToken,
  standardClaims,
} from './__fixtures__/signing-keys';
import { createTokenVerifier, type TokenVerifier } from './create-token-verifier';
import type { TokenRejectionReason } from './token-verification-error';

/**
 * Hostile tokens against a verifier whose keys come from a real HTTP JWKS. Each must be refused
 * with the right code and reason, without echoing the token.
 */
let server: JwksServer;
let rsa: SigningKey;
let ec: SigningKey;
let attacker: SigningKey;
let verifier: TokenVerifier;
let ecOnlyServer: JwksServer;
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  rsa = await createSigningKey('RS256', 'rsa-1');
  ec = await createSigningKey('ES256', 'ec-1');
  attacker = await createSigningKey('RS256', 'rsa-1');
  server = await startJwksServer([rsa.publicJwk, ec.publicJwk]);
  ecOnlyServer = await startJwksServer([{ ...ec.publicJwk, kid: 'rsa-1' }]);
  verifier = createTokenVerifier({
    provider: 'test',
    issuer: 'https://issuer.test/',
    audience: 'api://test',
    keys: { jwksUri: server.url, cooldownMs: 60_000 },
    algorithms: ['RS256', 'ES256'],
  });
  // Warm the cache with a valid token so that each case below tests one thing.
  await verifier.verify(await signToken(rsa, standardClaims()));
});

afterAll(async () => {
  await server.close();
  await ecOnlyServer.close();
});

const rsaHeader = () => ({ alg: 'RS256', kid: 'rsa-1', typ: 'JWT' });

interface HostileCase {
  name: string;
  token: () => Promise<string> | string;
  reason: TokenRejectionReason;
  code?: 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
}

const cases: HostileCase[] = [
  ...['none', 'None', 'NONE', 'nOnE'].map(
    (alg): HostileCase => ({
      name: `alg ${alg}, unsigned`,
      token: () => craftToken({ header: { alg, typ: 'JWT' }, payload: standardClaims() }),
      reason: 'algorithm_not_allowed',
    }),
  ),
  {
    name: 'alg none with a copied signature',
    token: async () => {
      const valid = await signToken(rsa, standardClaims());
      const forged = craftToken({ header: { alg: 'none', kid: 'rsa-1' }, payload: standardClaims() });
      return forged + valid.split('.')[2];
    },
    reason: 'algorithm_not_allowed',
  },
  {
    name: 'HS256 signed with the RSA public key (PEM) as secret',
    token: () =>
      craftToken({
        header: { alg: 'HS256', kid: 'rsa-1' },
        payload: standardClaims(),
        signWith: { hmacSecret: rsa.publicKey.export({ type: 'spki', format: 'pem' }) },
      }),
    reason: 'algorithm_not_allowed',
  },
  {
    name: 'HS256 signed with the RSA modulus as secret',
    token: () =>
      craftToken({
        header: { alg: 'HS256', kid: 'rsa-1' },
        payload: standardClaims(),
        signWith: { hmacSecret: String(rsa.publicJwk.n) },
      }),
    reason: 'algorithm_not_allowed',
  },
  {
    name: 'stripped signature',
    token: async () => `${(await signToken(rsa, standardClaims())).split('.').slice(0, 2).join('.')}.`,
    reason: 'signature_invalid',
  },
  {
    name: 'signature of another key with the same kid',
    token: () => signToken(attacker, standardClaims()),
    reason: 'signature_invalid',
  },
  {
    name: 'payload changed after signing',
    token: async () => {
      const [header, , signature] = (await signToken(rsa, standardClaims())).split('.');
      const payload = Buffer.from(JSON.stringify(standardClaims({ sub: 'admin' }))).toString('base64url');
      return `${header}.${payload}.${signature}`;
    },
    reason: 'signature_invalid',
  },
  {
    name: 'unknown kid (inside the cooldown)',
    token: () => signToken(rsa, standardClaims(), { kid: 'no-such-key' }),
    reason: 'unknown_key',
  },
  {
    name: 'kid with path characters',
    token: () => signToken(rsa, standardClaims(), { kid: '../../../../etc/passwd' }),
    reason: 'unknown_key',
  },
  {
    name: 'kid with SQL',
    token: () => signToken(rsa, standardClaims(), { kid: "' OR 1=1 --" }),
    reason: 'unknown_key',
  },
  {
    name: 'kid that is not a string',
    token: () =>
      craftToken({ header: { alg: 'RS256', kid: { $ne: null } }, payload: standardClaims(), signWith: rsa }),
    reason: 'malformed',
  },
  ...(['jku', 'x5u', 'jwk', 'x5c'] as const).map(
    (name): HostileCase => ({
      name: `${name} header pointing at the attacker`,
      token: () =>
        craftToken({
          header: {
            ...rsaHeader(),
            [name]:
              name === 'jwk' ? attacker.publicJwk : name === 'x5c' ? ['MIIB'] : 'https://attacker.test/keys',
          },
          payload: standardClaims(),
          signWith: attacker,
        }),
      reason: 'forbidden_header',
    }),
  ),
  {
    name: 'crit header',
    token: () =>
      craftToken({
        header: { ...rsaHeader(), crit: ['exp'], exp: 1 },
        payload: standardClaims(),
        signWith: rsa,
      }),
    reason: 'critical_header',
  },
  {
    name: 'b64: false (unencoded payload)',
    token: () =>
      craftToken({
        header: { ...rsaHeader(), b64: false, crit: ['b64'] },
        payload: standardClaims(),
        signWith: rsa,
      }),
    reason: 'critical_header',
  },
  {
    name: 'expired beyond the clock tolerance',
    token: () => signToken(rsa, standardClaims({ exp: now() - 31, iat: now() - 600 })),
    reason: 'expired',
    code: 'TOKEN_EXPIRED',
  },
  {
    name: 'nbf in the future',
    token: () => signToken(rsa, standardClaims({ nbf: now() + 120 })),
    reason: 'not_yet_valid',
  },
  {
    name: 'iat far in the future',
    token: () => signToken(rsa, standardClaims({ iat: now() + 3600, exp: now() + 7200 })),
    reason: 'issued_in_future',
  },
  {
    name: 'missing exp',
    token: () => signToken(rsa, standardClaims({ exp: undefined })),
    reason: 'missing_claim',
  },
  {
    name: 'exp as a string',
    token: () => signToken(rsa, standardClaims({ exp: '9999999999' })),
    reason: 'invalid_claim',
  },
  {
    name: 'wrong iss',
    token: () => signToken(rsa, standardClaims({ iss: 'https://attacker.test/' })),
    reason: 'issuer_mismatch',
  },
  {
    name: 'issuer differing by a trailing slash',
    token: () => signToken(rsa, standardClaims({ iss: 'https://issuer.test' })),
    reason: 'issuer_mismatch',
  },
  {
    name: 'wrong aud',
    token: () => signToken(rsa, standardClaims({ aud: 'api://other' })),
    reason: 'audience_mismatch',
  },
  {
    name: 'missing aud',
    token: () => signToken(rsa, standardClaims({ aud: undefined })),
    reason: 'audience_mismatch',
  },
  {
    name: 'missing sub',
    token: () => signToken(rsa, standardClaims({ sub: undefined })),
    reason: 'missing_claim',
  },
  {
    name: 'duplicate claim (sub twice)',
    token: () =>
      craftToken({
        header: rsaHeader(),
        payload: JSON.stringify(standardClaims()).replace('{', '{"sub":"admin",'),
        signWith: rsa,
      }),
    reason: 'duplicate_json_key',
  },
  {
    name: 'duplicate claim hidden by an escape (\\u0061ud)',
    token: () =>
      craftToken({
        header: rsaHeader(),
        payload: JSON.stringify(standardClaims()).replace('{', '{"\\u0061ud":"api://other",'),
        signWith: rsa,
      }),
    reason: 'duplicate_json_key',
  },
  {
    name: 'duplicate header member (alg twice)',
    token: () =>
      craftToken({
        header: '{"alg":"none","alg":"RS256","kid":"rsa-1"}',
        payload: standardClaims(),
        signWith: rsa,
      }),
    reason: 'duplicate_json_key',
  },
  {
    name: 'non-JSON payload',
    token: () => craftToken({ header: rsaHeader(), payload: 'hello world', signWith: rsa }),
    reason: 'malformed',
  },
  {
    name: 'JSON array payload',
    token: () => craftToken({ header: rsaHeader(), payload: '[1,2,3]', signWith: rsa }),
    reason: 'malformed',
  },
  {
    name: 'payload not UTF-8',
    token: async () => {
      const [header, , signature] = (await signToken(rsa, standardClaims())).split('.');
      return `${header}.${Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('base64url')}.${signature}`;
    },
    reason: 'malformed',
  },
  {
    name: 'bad base64url (standard alphabet and padding)',
    token: async () => {
      const [header, payload, signature] = (await signToken(rsa, standardClaims())).split('.');
      return `${header}.${payload}==.${signature}`;
    },
    reason: 'malformed',
  },
  {
    name: 'bad base64url in the signature',
    token: async () => `${await signToken(rsa, standardClaims())}!`,
    reason: 'signature_invalid',
  },
  {
    name: '3 MB token',
    token: async () => {
      const [header, , signature] = (await signToken(rsa, standardClaims())).split('.');
      return `${header}.${'A'.repeat(3 * 1024 * 1024)}.${signature}`;
    },
    reason: 'too_large',
  },
  {
    name: 'nested JWE (five segments)',
    token: () => 'eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a2V5.aXY.Y2lwaGVy.dGFn',
    reason: 'encrypted_token',
  },
  {
    name: 'JWE header (enc) in three segments',
    token: () =>
      craftToken({
        header: { alg: 'RS256', enc: 'A256GCM', kid: 'rsa-1' },
        payload: standardClaims(),
        signWith: rsa,
      }),
    reason: 'encrypted_token',
  },
  {
    name: 'nested JWT (cty JWT)',
    token: () =>
      craftToken({ header: { ...rsaHeader(), cty: 'JWT' }, payload: standardClaims(), signWith: rsa }),
    reason: 'encrypted_token',
  },
  {
    name: 'ES256 token whose signature is DER instead of raw r||s',
    token: async () => {
      const { sign } = await import('node:crypto');
      const input = craftToken({ header: { alg: 'ES256', kid: 'ec-1' }, payload: standardClaims() }).slice(
        0,
        -1,
      );
      return `${input}.${sign('sha256', Buffer.from(input), ec.privateKey).toString('base64url')}`;
    },
    reason: 'signature_invalid',
  },
  {
    name: 'RS256 token naming the EC key',
    token: () =>
      craftToken({ header: { alg: 'RS256', kid: 'ec-1' }, payload: standardClaims(), signWith: rsa }),
    reason: 'key_algorithm_mismatch',
  },
  {
    name: 'ES256 token naming the RSA key',
    token: () =>
      craftToken({ header: { alg: 'ES256', kid: 'rsa-1' }, payload: standardClaims(), signWith: ec }),
    reason: 'key_algorithm_mismatch',
  },
  {
    name: 'algorithm outside the allow-list (PS256, RSA key)',
    token: () =>
      craftToken({ header: { alg: 'PS256', kid: 'rsa-1' }, payload: standardClaims(), signWith: rsa }),
    reason: 'algorithm_not_allowed',
  },
  { name: 'two segments only', token: () => 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0', reason: 'malformed' },
  { name: 'empty string', token: () => '', reason: 'malformed' },
  {
    name: 'whitespace around the token',
    token: async () => ` ${await signToken(rsa, standardClaims())}`,
    reason: 'malformed',
  },
];

describe('attack battery', () => {
  it('has at least 25 hostile tokens', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it.each(cases)('refuses: $name', async ({ token, reason, code }) => {
    const hostile = await token();
    await expectRejection(verifier.verify(hostile), code ?? 'TOKEN_INVALID', reason, hostile);
  });

  it('refuses something that is not a string', async () => {
    await expectRejection(verifier.verify(42 as unknown as string), 'TOKEN_INVALID', 'not_a_string');
  });

  it('does not fetch keys for any of them after the warm-up', () => {
    expect(server.requestCount).toBe(1);
  });

  it('refuses an RS256 token against a key set holding only EC keys', async () => {
    const ecOnly = createTokenVerifier({
      provider: 'test',
      issuer: 'https://issuer.test/',
      audience: 'api://test',
      keys: { jwksUri: ecOnlyServer.url },
      algorithms: ['RS256', 'ES256'],
    });
    const token = await signToken(rsa, standardClaims());
    await expectRejection(ecOnly.verify(token), 'TOKEN_INVALID', 'key_algorithm_mismatch', token);
  });

  it('still verifies a valid token after the battery', async () => {
    const result = await verifier.verify(await signToken(ec, standardClaims({ sub: 'after' })));
    expect(result.subject).toBe('after');
  });
});
