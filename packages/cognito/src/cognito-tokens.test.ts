import { createSign, generateKeyPairSync } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { expectCode } from './test-support/expect-code';
import { testPassword, testProvider, uniqueEmail } from './test-support/test-provider';

const provider = testProvider();
afterAll(() => provider.close());

async function signedIn() {
  const email = uniqueEmail('tokens');
  const user = await provider.users.create({ email, password: testPassword });
  const result = await provider.auth.signIn({ email, password: testPassword });
  if (result.status !== 'authenticated') throw new Error('not authenticated');
  return { email, user, tokens: result.tokens };
}

function part(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Re-signs a token's claims with a key of ours under cognito-local's kid. */
function forge(
  token: string,
  changes: Record<string, unknown> = {},
  header: Record<string, unknown> = {},
): string {
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const input = `${part({ alg: 'RS256', kid: 'CognitoLocal', ...header })}.${part({ ...claims, ...changes })}`;
  const signature = createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url');
  return `${input}.${signature}`;
}

/** Keeps the original signature but changes the claims. */
function tamper(token: string, changes: Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
  return `${header}.${part({ ...claims, ...changes })}.${signature}`;
}

describe('token verification with aws-jwt-verify against cognito-local', () => {
  it('verifies access and id tokens and normalizes their claims', async () => {
    const { user, tokens, email } = await signedIn();
    const access = await provider.tokens.verifyAccessToken(tokens.accessToken);
    expect(access.subject).toBe(user.id);
    expect(access.issuer).toBe(
      `${new URL(inject('emailPool').endpoint).origin}/${inject('emailPool').userPoolId}`,
    );
    expect(access.clientId).toBe(inject('emailPool').clientId);
    expect(access.scopes).toEqual(['aws.cognito.signin.user.admin']);
    expect(access.expiresAt.getTime()).toBeGreaterThan(Date.now());
    const id = await provider.tokens.verifyIdToken(tokens.idToken!);
    expect(id.subject).toBe(user.id);
    expect(id.audience).toEqual([inject('emailPool').clientId]);
    expect(id.claims.email).toBe(email);
  });

  it('refuses an id token as an access token and the other way round', async () => {
    const { tokens } = await signedIn();
    await expectCode(provider.tokens.verifyAccessToken(tokens.idToken!), 'TOKEN_INVALID');
    await expectCode(provider.tokens.verifyIdToken(tokens.accessToken), 'TOKEN_INVALID');
  });

  it('refuses tampered claims, a foreign key, alg none and an expired token', async () => {
    const { tokens } = await signedIn();
    await expectCode(
      provider.tokens.verifyAccessToken(tamper(tokens.accessToken, { sub: 'someone-else' })),
      'TOKEN_INVALID',
    );
    await expectCode(provider.tokens.verifyAccessToken(forge(tokens.accessToken)), 'TOKEN_INVALID');
    const none = `${part({ alg: 'none', kid: 'CognitoLocal' })}.${tokens.accessToken.split('.')[1]}.`;
    await expectCode(provider.tokens.verifyAccessToken(none), 'TOKEN_INVALID');
    await expectCode(provider.tokens.verifyAccessToken('not.a.jwt'), 'TOKEN_INVALID');
    // A forged expired token is refused for its signature before its expiry; expiry itself is
    // covered by a token signed with the peer's own key in the recorded-response tests.
    await expectCode(
      provider.tokens.verifyAccessToken(
        forge(tokens.accessToken, { exp: 1_000_000 }, { jku: 'http://evil.example/jwks' }),
      ),
      'TOKEN_INVALID',
    );
  });

  it('refuses a token of another app client of the same pool', async () => {
    const { tokens } = await signedIn();
    const other = testProvider('emailPool', { clientId: 'someotherclient' });
    try {
      await expectCode(other.tokens.verifyAccessToken(tokens.accessToken), 'TOKEN_INVALID');
      await expectCode(other.tokens.verifyIdToken(tokens.idToken!), 'TOKEN_INVALID');
    } finally {
      await other.close();
    }
  });

  it('fails closed with PROVIDER_UNAVAILABLE when the keys cannot be fetched', async () => {
    const { tokens } = await signedIn();
    const pool = inject('emailPool');
    const unreachable = testProvider('emailPool', {
      endpoint: 'http://127.0.0.1:9',
      issuer: `${new URL(pool.endpoint).origin}/${pool.userPoolId}`,
    });
    try {
      await expectCode(unreachable.tokens.verifyAccessToken(tokens.accessToken), 'PROVIDER_UNAVAILABLE');
    } finally {
      await unreachable.close();
    }
  });

  it('checks the nonce of an id token when asked', async () => {
    const { tokens } = await signedIn();
    await expectCode(
      provider.tokens.verifyIdToken(tokens.idToken!, { nonce: 'expected-nonce' }),
      'TOKEN_INVALID',
    );
  });
});
