import { createSign, generateKeyPairSync } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createCognitoProvider } from './cognito-provider';
import { expectCode } from './test-support/expect-code';

/**
 * The real-pool verification path (aws-jwt-verify's CognitoJwtVerifier), offline: the pool's
 * keys are pinned through `settings.jwks`, so nothing is fetched and any other key is refused.
 */
const poolId = 'eu-west-1_Example12';
const issuer = `https://cognito-idp.eu-west-1.amazonaws.com/${poolId}`;
const clientId = 'exampleclientid123';

function keyPair(kid: string) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey,
    jwk: { ...publicKey.export({ format: 'jwk' }), kty: 'RSA', kid, alg: 'RS256', use: 'sig' },
  };
}

const poolKey = keyPair('pool-key-1');
const strangerKey = keyPair('stranger-key');

function sign(claims: Record<string, unknown>, key = poolKey): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part({ alg: 'RS256', kid: key.jwk.kid })}.${part(claims)}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(key.privateKey).toString('base64url')}`;
}

const now = Math.floor(Date.now() / 1000);
const accessClaims = {
  sub: '0f1e2d3c-aaaa-bbbb-cccc-1234567890ab',
  iss: issuer,
  token_use: 'access',
  client_id: clientId,
  scope: 'aws.cognito.signin.user.admin',
  'cognito:groups': ['editors'],
  iat: now,
  exp: now + 3600,
};
const idClaims = {
  ...accessClaims,
  token_use: 'id',
  aud: clientId,
  client_id: undefined,
  email: 'ada@example.com',
};

const provider = createCognitoProvider({
  region: 'eu-west-1',
  userPoolId: poolId,
  clientId,
  jwks: { keys: [poolKey.jwk] },
});
afterAll(() => provider.close());

describe('CognitoJwtVerifier for a real pool (keys pinned, nothing fetched)', () => {
  it('verifies an access token and reads groups, scopes and client', async () => {
    const verified = await provider.tokens.verifyAccessToken(sign(accessClaims));
    expect(verified).toMatchObject({
      subject: accessClaims.sub,
      issuer,
      clientId,
      scopes: ['aws.cognito.signin.user.admin'],
      groups: ['editors'],
    });
  });

  it('verifies an id token and refuses it as an access token', async () => {
    const token = sign(idClaims);
    expect((await provider.tokens.verifyIdToken(token)).audience).toEqual([clientId]);
    await expectCode(provider.tokens.verifyAccessToken(token), 'TOKEN_INVALID');
  });

  it('answers TOKEN_EXPIRED for an expired token', async () => {
    await expectCode(
      provider.tokens.verifyAccessToken(sign({ ...accessClaims, iat: now - 7200, exp: now - 3600 })),
      'TOKEN_EXPIRED',
    );
  });

  it('refuses another app client, another pool and another key', async () => {
    await expectCode(
      provider.tokens.verifyAccessToken(sign({ ...accessClaims, client_id: 'other' })),
      'TOKEN_INVALID',
    );
    await expectCode(
      provider.tokens.verifyAccessToken(
        sign({ ...accessClaims, iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other1234' }),
      ),
      'TOKEN_INVALID',
    );
    await expectCode(provider.tokens.verifyAccessToken(sign(accessClaims, strangerKey)), 'TOKEN_INVALID');
  });
});
