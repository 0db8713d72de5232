import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRejection } from './__fixtures__/expect-rejection';
import { type JwksServer, startJwksServer } from './__fixtures__/jwks-server';
import { craftToken, createSigningKey, type SigningKey, signToken } from './__fixtures__/signing-keys';
import { createTokenVerifier } from './create-token-verifier';
import { auth0TokenPreset } from './presets/auth0-token-preset';
import { cognitoTokenPreset } from './presets/cognito-token-preset';
import { firebaseJwksUri, firebaseTokenPreset } from './presets/firebase-token-preset';
import { keycloakTokenPreset } from './presets/keycloak-token-preset';
import { oktaTokenPreset } from './presets/okta-token-preset';

/**
 * Each vendor preset against tokens shaped like that vendor's (claims as documented by the
 * vendor), signed with a real key and served from a real local JWKS endpoint.
 */
let key: SigningKey;
let server: JwksServer;
let keys: { jwksUri: string };
const now = () => Math.floor(Date.now() / 1000);
const times = () => ({ iat: now(), exp: now() + 3600 });

beforeAll(async () => {
  key = await createSigningKey('RS256', 'vendor-key');
  server = await startJwksServer([key.publicJwk]);
  keys = { jwksUri: server.url };
});

afterAll(async () => {
  await server.close();
});

describe('Cognito', () => {
  const issuer = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc';
  const base = { region: 'eu-west-1', userPoolId: 'eu-west-1_Abc', clientId: 'app-client' } as const;
  const accessClaims = () => ({
    sub: 'c0ffee',
    iss: issuer,
    client_id: 'app-client',
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin openid',
    'cognito:groups': ['admins', 'staff'],
    username: 'alice',
    ...times(),
  });
  const idClaims = () => ({ ...accessClaims(), client_id: undefined, aud: 'app-client', token_use: 'id' });

  it('derives issuer and JWKS from region and pool', () => {
    const options = cognitoTokenPreset({ ...base, tokenUse: 'access' });
    expect(options.issuer).toBe(issuer);
    expect(options.keys).toEqual({ jwksUri: `${issuer}/.well-known/jwks.json` });
  });

  it('verifies an access token by client_id, with groups from cognito:groups', async () => {
    const verifier = createTokenVerifier(cognitoTokenPreset({ ...base, tokenUse: 'access', keys }));
    const result = await verifier.verify(await signToken(key, accessClaims()));
    expect(result.groups).toEqual(['admins', 'staff']);
    expect(result.scopes).toEqual(['aws.cognito.signin.user.admin', 'openid']);
    expect(result.clientId).toBe('app-client');
  });

  it('refuses an access token for another app client', async () => {
    const verifier = createTokenVerifier(cognitoTokenPreset({ ...base, tokenUse: 'access', keys }));
    const token = await signToken(key, { ...accessClaims(), client_id: 'other-client' });
    await expectRejection(verifier.verify(token), 'TOKEN_INVALID', 'audience_mismatch');
  });

  it('refuses an ID token where an access token is expected, and the reverse', async () => {
    const access = createTokenVerifier(cognitoTokenPreset({ ...base, tokenUse: 'access', keys }));
    const id = createTokenVerifier(cognitoTokenPreset({ ...base, tokenUse: 'id', keys }));
    // An ID token that also names the client in client_id must still be refused by token_use.
    const idToken = await signToken(key, { ...idClaims(), client_id: 'app-client' });
    await expectRejection(access.verify(idToken), 'TOKEN_INVALID', 'wrong_token_type');
    expect((await id.verify(idToken)).subject).toBe('c0ffee');
    const accessToken = await signToken(key, { ...accessClaims(), aud: 'app-client' });
    await expectRejection(id.verify(accessToken), 'TOKEN_INVALID', 'wrong_token_type');
  });
});

describe('Okta', () => {
  const issuer = 'https://example.okta.com/oauth2/default';
  const accessClaims = () => ({
    ver: 1,
    jti: 'AT.x',
    iss: issuer,
    aud: 'api://default',
    cid: 'okta-client',
    uid: '00u1',
    sub: 'alice@example.com',
    scp: ['openid', 'email'],
    groups: ['Everyone', 'Admins'],
    ...times(),
  });

  it('derives the JWKS of custom and org authorization servers', () => {
    expect(oktaTokenPreset({ issuer, audience: 'api://default', tokenUse: 'access' }).keys).toEqual({
      jwksUri: `${issuer}/v1/keys`,
    });
    expect(
      oktaTokenPreset({ issuer: 'https://example.okta.com', clientId: 'c', tokenUse: 'id' }).keys,
    ).toEqual({
      jwksUri: 'https://example.okta.com/oauth2/v1/keys',
    });
  });

  it('accepts any of several audiences, with scopes from scp and groups', async () => {
    const verifier = createTokenVerifier(
      oktaTokenPreset({
        issuer,
        audience: ['api://default', 'api://reports'],
        clientId: 'okta-client',
        tokenUse: 'access',
        keys,
      }),
    );
    const result = await verifier.verify(await signToken(key, { ...accessClaims(), aud: 'api://reports' }));
    expect(result.scopes).toEqual(['openid', 'email']);
    expect(result.groups).toEqual(['Everyone', 'Admins']);
    expect(result.clientId).toBe('okta-client');
  });

  it('refuses an access token issued to another client (cid)', async () => {
    const verifier = createTokenVerifier(
      oktaTokenPreset({
        issuer,
        audience: 'api://default',
        clientId: 'okta-client',
        tokenUse: 'access',
        keys,
      }),
    );
    const token = await signToken(key, { ...accessClaims(), cid: 'someone-else' });
    await expectRejection(verifier.verify(token), 'TOKEN_INVALID', 'client_mismatch');
  });

  it('refuses an ID token where an access token is expected', async () => {
    const access = createTokenVerifier(
      oktaTokenPreset({ issuer, audience: 'api://default', tokenUse: 'access', keys }),
    );
    const idClaims = { ...accessClaims(), aud: 'okta-client', cid: undefined, scp: undefined, nonce: 'n' };
    await expectRejection(
      access.verify(await signToken(key, idClaims)),
      'TOKEN_INVALID',
      'audience_mismatch',
    );
    // Even when the client id is also an accepted API audience, an ID token has no cid.
    const confused = createTokenVerifier(
      oktaTokenPreset({ issuer, audience: ['api://default', 'okta-client'], tokenUse: 'access', keys }),
    );
    await expectRejection(confused.verify(await signToken(key, idClaims)), 'TOKEN_INVALID', 'missing_claim');
    const id = createTokenVerifier(
      oktaTokenPreset({ issuer, clientId: 'okta-client', tokenUse: 'id', keys }),
    );
    expect((await id.verify(await signToken(key, idClaims), { nonce: 'n' })).subject).toBe(
      'alice@example.com',
    );
  });
});

describe('Auth0', () => {
  const domain = 'example.eu.auth0.com';
  const accessClaims = () => ({
    iss: `https://${domain}/`,
    sub: 'auth0|123',
    aud: ['https://api.example.com', `https://${domain}/userinfo`],
    azp: 'auth0-client',
    scope: 'openid profile read:reports',
    permissions: ['read:reports', 'write:reports'],
    'https://example.com/roles': ['editor'],
    ...times(),
  });

  it('uses the issuer with its trailing slash and the tenant JWKS', () => {
    const options = auth0TokenPreset({ domain, audience: 'https://api.example.com', tokenUse: 'access' });
    expect(options.issuer).toBe(`https://${domain}/`);
    expect(options.keys).toEqual({ jwksUri: `https://${domain}/.well-known/jwks.json` });
  });

  it('verifies a custom API audience, with permissions among the scopes and namespaced roles', async () => {
    const verifier = createTokenVerifier(
      auth0TokenPreset({
        domain,
        audience: 'https://api.example.com',
        tokenUse: 'access',
        roleClaims: ['https://example.com/roles'],
        keys,
      }),
    );
    const result = await verifier.verify(await signToken(key, accessClaims()));
    expect(result.scopes).toEqual(['openid', 'profile', 'read:reports', 'write:reports']);
    expect(result.groups).toEqual(['editor']);
  });

  it('refuses a token for another API and an ID token as an access token', async () => {
    const verifier = createTokenVerifier(
      auth0TokenPreset({ domain, audience: 'https://api.example.com', tokenUse: 'access', keys }),
    );
    const otherApi = await signToken(key, { ...accessClaims(), aud: 'https://other.example.com' });
    await expectRejection(verifier.verify(otherApi), 'TOKEN_INVALID', 'audience_mismatch');
    const idToken = await signToken(key, { ...accessClaims(), aud: 'auth0-client', nonce: 'n' });
    await expectRejection(verifier.verify(idToken), 'TOKEN_INVALID', 'audience_mismatch');
    const id = createTokenVerifier(
      auth0TokenPreset({ domain, clientId: 'auth0-client', tokenUse: 'id', keys }),
    );
    expect((await id.verify(idToken, { nonce: 'n' })).subject).toBe('auth0|123');
  });

  it('refuses an issuer without the trailing slash', async () => {
    const verifier = createTokenVerifier(
      auth0TokenPreset({ domain, audience: 'https://api.example.com', tokenUse: 'access', keys }),
    );
    const token = await signToken(key, { ...accessClaims(), iss: `https://${domain}` });
    await expectRejection(verifier.verify(token), 'TOKEN_INVALID', 'issuer_mismatch');
  });
});

describe('Firebase', () => {
  const claims = () => ({
    iss: 'https://securetoken.google.com/demo-project',
    aud: 'demo-project',
    auth_time: now() - 10,
    user_id: 'uid-1',
    sub: 'uid-1',
    email: 'a@example.com',
    email_verified: true,
    roles: ['admin'],
    firebase: { identities: { email: ['a@example.com'] }, sign_in_provider: 'password' },
    ...times(),
  });

  it('uses the securetoken issuer, the project as audience, and Google keys', () => {
    const options = firebaseTokenPreset({ projectId: 'demo-project' });
    expect(options.issuer).toBe('https://securetoken.google.com/demo-project');
    expect(options.audience).toBe('demo-project');
    expect(options.keys).toEqual({ jwksUri: firebaseJwksUri });
  });

  it('verifies an ID token, with groups from custom claims', async () => {
    const verifier = createTokenVerifier(firebaseTokenPreset({ projectId: 'demo-project', keys }));
    const result = await verifier.verify(await signToken(key, claims()));
    expect(result.subject).toBe('uid-1');
    expect(result.groups).toEqual(['admin']);
  });

  it.each([
    ['another project', { aud: 'other-project' }, 'audience_mismatch'],
    ['another project issuer', { iss: 'https://securetoken.google.com/other-project' }, 'issuer_mismatch'],
    ['no auth_time', { auth_time: undefined }, 'claim_check_failed'],
    ['auth_time in the future', { auth_time: now() + 3600 }, 'claim_check_failed'],
    ['a uid over 128 characters', { sub: 'u'.repeat(129) }, 'claim_check_failed'],
  ] as const)('refuses %s', async (_name, change, reason) => {
    const verifier = createTokenVerifier(firebaseTokenPreset({ projectId: 'demo-project', keys }));
    const token = await signToken(key, { ...claims(), ...change });
    await expectRejection(verifier.verify(token), 'TOKEN_INVALID', reason);
  });

  it('accepts unsigned emulator tokens only with emulator: true, and then no signed ones', async () => {
    const unsigned = craftToken({ header: { alg: 'none', typ: 'JWT' }, payload: claims() });
    const emulator = createTokenVerifier(firebaseTokenPreset({ projectId: 'demo-project', emulator: true }));
    expect((await emulator.verify(unsigned)).subject).toBe('uid-1');
    await expectRejection(
      emulator.verify(await signToken(key, claims())),
      'TOKEN_INVALID',
      'algorithm_not_allowed',
    );
    const production = createTokenVerifier(firebaseTokenPreset({ projectId: 'demo-project', keys }));
    await expectRejection(production.verify(unsigned), 'TOKEN_INVALID', 'algorithm_not_allowed');
  });
});

describe('Keycloak', () => {
  const issuer = 'https://sso.example.com/realms/acme';
  const accessClaims = () => ({
    iss: issuer,
    sub: 'f:1',
    typ: 'Bearer',
    azp: 'web-app',
    aud: 'account',
    scope: 'openid email profile',
    realm_access: { roles: ['offline_access', 'manager'] },
    resource_access: { 'web-app': { roles: ['editor'] }, account: { roles: ['manage-account'] } },
    preferred_username: 'alice',
    ...times(),
  });

  it('derives issuer and certs endpoint', () => {
    const options = keycloakTokenPreset({
      baseUrl: 'https://sso.example.com/',
      realm: 'acme',
      clientId: 'web-app',
      tokenUse: 'access',
    });
    expect(options.issuer).toBe(issuer);
    expect(options.keys).toEqual({ jwksUri: `${issuer}/protocol/openid-connect/certs` });
  });

  it('verifies an access token by azp, with realm and client roles', async () => {
    const verifier = createTokenVerifier(
      keycloakTokenPreset({
        baseUrl: 'https://sso.example.com',
        realm: 'acme',
        clientId: 'web-app',
        tokenUse: 'access',
        keys,
      }),
    );
    const result = await verifier.verify(await signToken(key, accessClaims()));
    expect(result.groups).toEqual(['offline_access', 'manager', 'editor']);
    expect(result.scopes).toEqual(['openid', 'email', 'profile']);
    expect(result.clientId).toBe('web-app');
  });

  it('refuses a token issued to another client, and an ID token as access token', async () => {
    const verifier = createTokenVerifier(
      keycloakTokenPreset({
        baseUrl: 'https://sso.example.com',
        realm: 'acme',
        clientId: 'web-app',
        tokenUse: 'access',
        keys,
      }),
    );
    await expectRejection(
      verifier.verify(await signToken(key, { ...accessClaims(), azp: 'other-app' })),
      'TOKEN_INVALID',
      'audience_mismatch',
    );
    const idToken = await signToken(key, { ...accessClaims(), typ: 'ID', aud: 'web-app' });
    await expectRejection(verifier.verify(idToken), 'TOKEN_INVALID', 'wrong_token_type');
    const id = createTokenVerifier(
      keycloakTokenPreset({
        baseUrl: 'https://sso.example.com',
        realm: 'acme',
        clientId: 'web-app',
        tokenUse: 'id',
        keys,
      }),
    );
    expect((await id.verify(idToken)).subject).toBe('f:1');
  });

  it('with an API audience, requires it in aud and still checks azp', async () => {
    const verifier = createTokenVerifier(
      keycloakTokenPreset({
        baseUrl: 'https://sso.example.com',
        realm: 'acme',
        clientId: 'web-app',
        audience: 'reports-api',
        tokenUse: 'access',
        keys,
      }),
    );
    await verifier.verify(await signToken(key, { ...accessClaims(), aud: ['reports-api', 'account'] }));
    await expectRejection(
      verifier.verify(await signToken(key, accessClaims())),
      'TOKEN_INVALID',
      'audience_mismatch',
    );
    await expectRejection(
      verifier.verify(await signToken(key, { ...accessClaims(), aud: 'reports-api', azp: 'other-app' })),
      'TOKEN_INVALID',
      'client_mismatch',
    );
  });
});
