import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { adminToken, call } from '../__fixtures__/keycloak-http';
import { createKeycloakFake } from './keycloak-fake';
import { encodeBase32, totpCode } from './keycloak-totp';

const fake = createKeycloakFake({
  realms: [
    {
      realm: 'idport',
      passwordPolicy: 'length(8) and digits(1) and hashAlgorithm(pbkdf2-sha256) and hashIterations(1000)',
      revokeRefreshToken: true,
      bruteForceProtected: true,
      failureFactor: 3,
      clients: [
        { clientId: 'idport-app', secret: 'idport-app-secret', directAccessGrantsEnabled: true },
        { clientId: 'no-direct', secret: 's', directAccessGrantsEnabled: false },
        {
          clientId: 'idport-admin',
          secret: 'idport-admin-secret',
          serviceAccountsEnabled: true,
          serviceAccountRealmManagementRoles: ['manage-users', 'view-users', 'manage-realm'],
        },
      ],
    },
  ],
});
let base = '';
let admin = '';
const users = () => `${base}/admin/realms/idport/users`;
const tokenUrl = () => `${base}/realms/idport/protocol/openid-connect/token`;

async function createUser(username: string, password?: string, extra: Record<string, unknown> = {}) {
  const result = await call(users(), {
    method: 'POST',
    token: admin,
    json: {
      username,
      email: `${username}@example.com`,
      enabled: true,
      ...(password ? { credentials: [{ type: 'password', value: password, temporary: false }] } : {}),
      ...extra,
    },
  });
  expect(result.status).toBe(201);
  return (result.headers.get('location') as string).split('/').pop() as string;
}

function passwordGrant(username: string, password: string, extra: Record<string, string> = {}) {
  return call(tokenUrl(), {
    method: 'POST',
    basic: ['idport-app', 'idport-app-secret'],
    form: { grant_type: 'password', username, password, scope: 'openid', ...extra },
  });
}

beforeAll(async () => {
  base = await fake.start();
});
afterAll(async () => {
  await fake.stop();
});
beforeEach(async () => {
  await fake.reset();
  admin = await adminToken(base);
});
afterEach(() => {
  expect(fake.server.takeViolations()).toEqual([]);
});

describe('Keycloak fake: admin REST', () => {
  it('creates a user with a Location header and refuses a duplicate username with 409', async () => {
    const id = await createUser('alice', 'Passw0rd!');
    const fetched = await call(`${users()}/${id}`, { token: admin });
    expect(fetched.status).toBe(200);
    expect(fetched.body).toMatchObject({
      id,
      username: 'alice',
      email: 'alice@example.com',
      enabled: true,
      totp: false,
    });
    const duplicate = await call(users(), { method: 'POST', token: admin, json: { username: 'ALICE' } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toEqual({ errorMessage: 'User exists with same username' });
    const sameEmail = await call(users(), {
      method: 'POST',
      token: admin,
      json: { username: 'other', email: 'alice@example.com' },
    });
    expect(sameEmail.body).toEqual({ errorMessage: 'User exists with same email' });
  });

  it('pages with first/max, counts, and searches by exact email', async () => {
    for (const name of ['u1', 'u2', 'u3', 'u4', 'u5']) await createUser(name);
    const pageOne = await call(`${users()}?first=0&max=2`, { token: admin });
    const pageThree = await call(`${users()}?first=4&max=2`, { token: admin });
    expect((pageOne.body as { username: string }[]).map((user) => user.username)).toEqual(['u1', 'u2']);
    expect((pageThree.body as { username: string }[]).map((user) => user.username)).toEqual(['u5']);
    expect((await call(`${users()}/count`, { token: admin })).body).toBe(5);
    const exact = await call(`${users()}?email=u3%40example.com&exact=true`, { token: admin });
    expect((exact.body as unknown[]).length).toBe(1);
  });

  it('answers 401 without a token and 404 for an unknown user', async () => {
    expect((await call(users())).status).toBe(401);
    const missing = await call(`${users()}/no-such-id`, { token: admin });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: 'User not found' });
  });

  it('enforces the password policy on reset-password with Keycloak error keys', async () => {
    const id = await createUser('bob', 'Passw0rd!');
    const weak = await call(`${users()}/${id}/reset-password`, {
      method: 'PUT',
      token: admin,
      json: { type: 'password', value: 'short', temporary: false },
    });
    expect(weak.status).toBe(400);
    expect(weak.body).toEqual({
      error: 'invalidPasswordMinLengthMessage',
      error_description: 'Invalid password: minimum length 8.',
    });
  });

  it('never returns secretData from the credentials endpoint', async () => {
    const id = await createUser('carol', 'Passw0rd!');
    const credentials = (await call(`${users()}/${id}/credentials`, { token: admin })).body as Record<
      string,
      unknown
    >[];
    expect(credentials).toHaveLength(1);
    expect(credentials[0]).not.toHaveProperty('secretData');
    expect(JSON.parse(credentials[0]?.credentialData as string)).toMatchObject({
      algorithm: 'pbkdf2-sha256',
      hashIterations: 1000,
    });
  });

  it('manages groups, memberships and realm role mappings', async () => {
    const id = await createUser('dave');
    const group = await call(`${base}/admin/realms/idport/groups`, {
      method: 'POST',
      token: admin,
      json: { name: 'staff' },
    });
    expect(group.status).toBe(201);
    const groupId = (group.headers.get('location') as string).split('/').pop() as string;
    const again = await call(`${base}/admin/realms/idport/groups`, {
      method: 'POST',
      token: admin,
      json: { name: 'staff' },
    });
    expect(again.status).toBe(409);
    expect((await call(`${users()}/${id}/groups/${groupId}`, { method: 'PUT', token: admin })).status).toBe(
      204,
    );
    const memberships = (await call(`${users()}/${id}/groups`, { token: admin })).body as { path: string }[];
    expect(memberships.map((membership) => membership.path)).toEqual(['/staff']);
    const members = (await call(`${base}/admin/realms/idport/groups/${groupId}/members`, { token: admin }))
      .body as unknown[];
    expect(members).toHaveLength(1);
    await call(`${base}/admin/realms/idport/roles`, {
      method: 'POST',
      token: admin,
      json: { name: 'editor' },
    });
    const role = (await call(`${base}/admin/realms/idport/roles/editor`, { token: admin })).body as {
      id: string;
      name: string;
    };
    expect(
      (await call(`${users()}/${id}/role-mappings/realm`, { method: 'POST', token: admin, json: [role] }))
        .status,
    ).toBe(204);
    const mapped = (await call(`${users()}/${id}/role-mappings/realm`, { token: admin })).body as {
      name: string;
    }[];
    expect(mapped.map((item) => item.name).sort()).toEqual(['default-roles-idport', 'editor']);
  });

  it('imports users with hashed credentials through partialImport (FAIL, SKIP, OVERWRITE)', async () => {
    // A pbkdf2-sha256 hash of "Imported-Pass-1" made outside Keycloak.
    const { pbkdf2Sync } = await import('node:crypto');
    const salt = Buffer.from('0123456789abcdef');
    const value = pbkdf2Sync('Imported-Pass-1', salt, 27_500, 64, 'sha256');
    const user = {
      username: 'imported',
      email: 'imported@example.com',
      enabled: true,
      credentials: [
        {
          type: 'password',
          secretData: JSON.stringify({
            value: value.toString('base64'),
            salt: salt.toString('base64'),
            additionalParameters: {},
          }),
          credentialData: JSON.stringify({
            hashIterations: 27_500,
            algorithm: 'pbkdf2-sha256',
            additionalParameters: {},
          }),
        },
      ],
    };
    const url = `${base}/admin/realms/idport/partialImport`;
    const first = await call(url, {
      method: 'POST',
      token: admin,
      json: { ifResourceExists: 'FAIL', users: [user] },
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ added: 1, skipped: 0, overwritten: 0 });
    expect((await passwordGrant('imported', 'Imported-Pass-1')).status).toBe(200);
    const conflict = await call(url, {
      method: 'POST',
      token: admin,
      json: { ifResourceExists: 'FAIL', users: [user] },
    });
    expect(conflict.status).toBe(409);
    const skip = await call(url, {
      method: 'POST',
      token: admin,
      json: { ifResourceExists: 'SKIP', users: [user] },
    });
    expect(skip.body).toMatchObject({ skipped: 1 });
    const overwrite = await call(url, {
      method: 'POST',
      token: admin,
      json: { ifResourceExists: 'OVERWRITE', users: [user] },
    });
    expect(overwrite.body).toMatchObject({ overwritten: 1 });
  });
});

describe('Keycloak fake: OIDC', () => {
  it('issues RS256 tokens verifiable with the JWKS from discovery', async () => {
    await createUser('erin', 'Passw0rd!');
    const discovery = (await call(`${base}/realms/idport/.well-known/openid-configuration`)).body as Record<
      string,
      string
    >;
    const result = await passwordGrant('erin@example.com', 'Passw0rd!');
    expect(result.status).toBe(200);
    const tokens = result.body as Record<string, string>;
    const jwks = createRemoteJWKSet(new URL(discovery.jwks_uri as string));
    const { payload } = await jwtVerify(tokens.access_token as string, jwks, {
      issuer: discovery.issuer as string,
    });
    expect(payload).toMatchObject({
      typ: 'Bearer',
      azp: 'idport-app',
      preferred_username: 'erin',
      aud: 'account',
    });
    const idToken = await jwtVerify(tokens.id_token as string, jwks, { audience: 'idport-app' });
    expect(idToken.payload.email).toBe('erin@example.com');
    const info = await call(discovery.userinfo_endpoint as string, { token: tokens.access_token as string });
    expect(info.body).toMatchObject({ preferred_username: 'erin', email: 'erin@example.com' });
  });

  it('answers a wrong password with 401 invalid_grant and locks out after the failure factor', async () => {
    await createUser('frank', 'Passw0rd!');
    const wrong = await passwordGrant('frank', 'nope');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: 'invalid_grant', error_description: 'Invalid user credentials' });
    const unknown = await passwordGrant('nobody', 'nope');
    expect(unknown.body).toEqual(wrong.body);
    await passwordGrant('frank', 'nope');
    await passwordGrant('frank', 'nope');
    const locked = await passwordGrant('frank', 'Passw0rd!');
    expect(locked.status).toBe(400);
  });

  it('requires the totp field for an OTP user and gives no other signal', async () => {
    const secret = encodeBase32(Buffer.from('12345678901234567890'));
    const id = await createUser('gina', 'Passw0rd!', {
      credentials: [
        { type: 'password', value: 'Passw0rd!' },
        {
          type: 'otp',
          userLabel: 'phone',
          secretData: JSON.stringify({ value: secret }),
          credentialData: JSON.stringify({
            subType: 'totp',
            digits: 6,
            period: 30,
            algorithm: 'HmacSHA1',
            counter: 0,
            secretEncoding: 'BASE32',
          }),
        },
      ],
    });
    const withoutCode = await passwordGrant('gina', 'Passw0rd!');
    expect(withoutCode.status).toBe(401);
    expect(withoutCode.body).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid user credentials',
    });
    const code = totpCode(Buffer.from('12345678901234567890'), Math.floor(Date.now() / 30_000), {
      digits: 6,
      period: 30,
      algorithm: 'HmacSHA1',
    });
    expect(fake.currentTotp('idport', id)).toBe(code);
    expect((await passwordGrant('gina', 'Passw0rd!', { totp: code })).status).toBe(200);
    const user = (await call(`${users()}/${id}`, { token: admin })).body as { totp: boolean };
    expect(user.totp).toBe(true);
  });

  it('rotates refresh tokens when the realm revokes them, and revocation ends the session', async () => {
    await createUser('hank', 'Passw0rd!');
    const first = (await passwordGrant('hank', 'Passw0rd!')).body as Record<string, string>;
    const refresh = (token: string) =>
      call(tokenUrl(), {
        method: 'POST',
        basic: ['idport-app', 'idport-app-secret'],
        form: { grant_type: 'refresh_token', refresh_token: token },
      });
    const second = await refresh(first.refresh_token as string);
    expect(second.status).toBe(200);
    const reused = await refresh(first.refresh_token as string);
    expect(reused.body).toEqual({
      error: 'invalid_grant',
      error_description: 'Maximum allowed refresh token reuse exceeded',
    });
    const latest = (second.body as Record<string, string>).refresh_token as string;
    const revoke = await call(`${base}/realms/idport/protocol/openid-connect/revoke`, {
      method: 'POST',
      basic: ['idport-app', 'idport-app-secret'],
      form: { token: latest, token_type_hint: 'refresh_token' },
    });
    expect(revoke.status).toBe(200);
    expect((await refresh(latest)).body).toEqual({
      error: 'invalid_grant',
      error_description: 'Session not active',
    });
  });

  it('refuses direct grants for a client without them, and bad client secrets', async () => {
    const noDirect = await call(tokenUrl(), {
      method: 'POST',
      form: {
        grant_type: 'password',
        client_id: 'no-direct',
        client_secret: 's',
        username: 'x',
        password: 'y',
      },
    });
    expect(noDirect.body).toEqual({
      error: 'unauthorized_client',
      error_description: 'Client not allowed for direct access grants',
    });
    const badSecret = await call(tokenUrl(), {
      method: 'POST',
      form: { grant_type: 'client_credentials', client_id: 'idport-admin', client_secret: 'wrong' },
    });
    expect(badSecret.status).toBe(401);
  });

  it('admin logout ends every session of the user', async () => {
    const id = await createUser('ivy', 'Passw0rd!');
    const tokens = (await passwordGrant('ivy', 'Passw0rd!')).body as Record<string, string>;
    const sessions = (await call(`${users()}/${id}/sessions`, { token: admin })).body as unknown[];
    expect(sessions).toHaveLength(1);
    expect((await call(`${users()}/${id}/logout`, { method: 'POST', token: admin })).status).toBe(204);
    const refreshed = await call(tokenUrl(), {
      method: 'POST',
      basic: ['idport-app', 'idport-app-secret'],
      form: { grant_type: 'refresh_token', refresh_token: tokens.refresh_token as string },
    });
    expect(refreshed.status).toBe(400);
    expect(decodeJwt(tokens.access_token as string).sid).toBeTypeOf('string');
  });

  it('logout ends the session; a revoked access token fails userinfo with WWW-Authenticate', async () => {
    await createUser('jane', 'Passw0rd!');
    const tokens = (await passwordGrant('jane', 'Passw0rd!')).body as Record<string, string>;
    const userinfo = `${base}/realms/idport/protocol/openid-connect/userinfo`;
    expect((await call(userinfo, { token: tokens.access_token as string })).status).toBe(200);
    await call(`${base}/realms/idport/protocol/openid-connect/revoke`, {
      method: 'POST',
      basic: ['idport-app', 'idport-app-secret'],
      form: { token: tokens.access_token as string },
    });
    const refused = await call(userinfo, { token: tokens.access_token as string });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    const logout = await call(`${base}/realms/idport/protocol/openid-connect/logout`, {
      method: 'POST',
      basic: ['idport-app', 'idport-app-secret'],
      form: { refresh_token: tokens.refresh_token as string },
    });
    expect(logout.status).toBe(204);
    const refreshed = await call(tokenUrl(), {
      method: 'POST',
      basic: ['idport-app', 'idport-app-secret'],
      form: { grant_type: 'refresh_token', refresh_token: tokens.refresh_token as string },
    });
    expect(refreshed.body).toEqual({ error: 'invalid_grant', error_description: 'Session not active' });
  });

  it('answers unknown realms, unknown paths, wrong methods and malformed JSON like Keycloak', async () => {
    expect((await call(`${base}/realms/nope/.well-known/openid-configuration`)).status).toBe(404);
    expect((await call(`${base}/admin/realms/idport/nothing-here`, { token: admin })).body).toEqual({
      error: 'HTTP 404 Not Found',
    });
    expect((await call(users(), { method: 'DELETE', token: admin })).status).toBe(405);
    const malformed = () =>
      fetch(users(), {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: '{"username": ',
      });
    // Enforced, a body that is not the documented JSON is a request violation (599)...
    expect((await malformed()).status).toBe(599);
    // ...reported only, the caller sees Keycloak's own answer.
    fake.server.setSpecCheck('report');
    const reported = await malformed();
    fake.server.setSpecCheck('enforce');
    expect(reported.status).toBe(400);
    expect(await reported.json()).toEqual({ error: 'unknown_error' });
    expect(fake.server.takeViolations().map((violation) => violation.kind)).toEqual(['request', 'request']);
  });
});
