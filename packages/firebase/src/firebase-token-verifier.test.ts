import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IdentityError } from '@idport/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFirebaseTokenVerifier } from './firebase-token-verifier';

const projectId = 'demo-test';
const now = () => Math.floor(Date.now() / 1000);
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function claims(overrides: Record<string, unknown> = {}) {
  return {
    iss: `https://securetoken.google.com/${projectId}`,
    aud: projectId,
    sub: 'user-1',
    user_id: 'user-1',
    auth_time: now() - 10,
    iat: now() - 10,
    exp: now() + 3600,
    groups: ['admins'],
    firebase: { sign_in_provider: 'password' },
    ...overrides,
  };
}

function unsigned(
  payload: Record<string, unknown>,
  header: Record<string, unknown> = { alg: 'none', typ: 'JWT' },
) {
  return `${encode(header)}.${encode(payload)}.`;
}

function signed(payload: Record<string, unknown>, key: KeyObject, kid = 'key-1') {
  const input = `${encode({ alg: 'RS256', kid, typ: 'JWT' })}.${encode(payload)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  return IdentityError.isInstance(error) ? error.code : 'NO_ERROR';
}

describe('emulator mode', () => {
  const verifier = createFirebaseTokenVerifier({ projectId, groupsClaim: 'groups', emulator: true });

  it('accepts a well-formed emulator token and normalizes it', async () => {
    const verified = await verifier.verify(unsigned(claims()));
    expect(verified).toMatchObject({ subject: 'user-1', audience: [projectId], groups: ['admins'] });
  });

  it.each([
    ['another issuer', claims({ iss: 'https://securetoken.google.com/other' }), 'TOKEN_INVALID'],
    ['another audience', claims({ aud: 'other' }), 'TOKEN_INVALID'],
    ['no subject', claims({ sub: '' }), 'TOKEN_INVALID'],
    ['an expired token', claims({ exp: now() - 120 }), 'TOKEN_EXPIRED'],
    ['a token from the future', claims({ iat: now() + 600 }), 'TOKEN_INVALID'],
    ['a tenant token for a project verifier', claims({ firebase: { tenant: 't-1' } }), 'TOKEN_INVALID'],
  ])('refuses %s', async (_, payload, code) => {
    expect(await codeOf(verifier.verify(unsigned(payload)))).toBe(code);
  });

  it('refuses tokens that claim a signature algorithm or carry a signature', async () => {
    expect(await codeOf(verifier.verify(unsigned(claims(), { alg: 'RS256' })))).toBe('TOKEN_INVALID');
    expect(await codeOf(verifier.verify(`${unsigned(claims())}c2ln`))).toBe('TOKEN_INVALID');
    expect(await codeOf(verifier.verify('not.a-token'))).toBe('TOKEN_INVALID');
  });

  it('checks the tenant when one is configured', async () => {
    const tenantVerifier = createFirebaseTokenVerifier({
      projectId,
      tenantId: 't-1',
      groupsClaim: 'groups',
      emulator: true,
    });
    expect((await tenantVerifier.verify(unsigned(claims({ firebase: { tenant: 't-1' } })))).subject).toBe(
      'user-1',
    );
    expect(await codeOf(tenantVerifier.verify(unsigned(claims())))).toBe('TOKEN_INVALID');
  });
});

describe('production mode (RS256 against a JWKS)', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let server: Server;
  let jwksUri = '';

  beforeAll(async () => {
    const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'key-1', alg: 'RS256', use: 'sig' };
    server = createServer((_, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    jwksUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  const verifier = () =>
    createFirebaseTokenVerifier({ projectId, groupsClaim: 'groups', emulator: false, jwksUri });

  it('accepts a token signed by a key of the JWKS', async () => {
    expect((await verifier().verify(signed(claims(), privateKey))).groups).toEqual(['admins']);
  });

  it('refuses unsigned emulator tokens, foreign keys and wrong audiences', async () => {
    expect(await codeOf(verifier().verify(unsigned(claims())))).toBe('TOKEN_INVALID');
    expect(await codeOf(verifier().verify(signed(claims(), other.privateKey)))).toBe('TOKEN_INVALID');
    expect(await codeOf(verifier().verify(signed(claims({ aud: 'other' }), privateKey)))).toBe(
      'TOKEN_INVALID',
    );
    expect(await codeOf(verifier().verify(signed(claims({ auth_time: now() + 3600 }), privateKey)))).toBe(
      'TOKEN_INVALID',
    );
  });
});
