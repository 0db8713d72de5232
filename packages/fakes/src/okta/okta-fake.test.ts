import { createHash, pbkdf2Sync, randomBytes } from 'node:crypto';
import { bcrypt } from 'hash-wasm';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../__fixtures__/keycloak-http';
import { startFakeFromArguments } from '../framework/start-fake-from-arguments';
import { decodeBase32, totpCode } from '../keycloak/keycloak-totp';
import { createOktaFake } from './okta-fake';

const fake = createOktaFake();
let base = '';
const apiToken = 'idport-fake-api-token';
const mfaOtp = 'http://auth0.com/oauth/grant-type/mfa-otp';
const password = 'Correct-Horse-9';

function api(path: string, init: { method?: string; json?: unknown } = {}) {
  return fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `SSWS ${apiToken}`,
      accept: 'application/json',
      ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  }).then(async (response) => {
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
    };
  });
}

async function createUser(
  login: string,
  credentials: unknown = { password: { value: password } },
  query = '',
) {
  const result = await api(`/api/v1/users${query}`, {
    method: 'POST',
    json: {
      profile: { login, email: login, firstName: 'Ada', lastName: 'Lovelace' },
      ...(credentials ? { credentials } : {}),
    },
  });
  return result;
}

const token = (form: Record<string, string>) =>
  call(`${base}/oauth2/default/v1/token`, {
    method: 'POST',
    basic: ['idport-app', 'idport-app-secret'],
    form,
  });

const passwordGrant = (username: string, secret = password, extra: Record<string, string> = {}) =>
  token({ grant_type: 'password', username, password: secret, scope: 'openid offline_access', ...extra });

/** The TOTP shared secret of an enroll answer (`_embedded.activation.sharedSecret`). */
function sharedSecretOf(body: Record<string, unknown> | undefined): string {
  const embedded = (body?._embedded ?? {}) as { activation?: { sharedSecret?: string } };
  return embedded.activation?.sharedSecret ?? '';
}

function codeFor(secret: string, offset = 0): string {
  return totpCode(decodeBase32(secret), Math.floor(Date.now() / 30_000) + offset, {
    digits: 6,
    period: 30,
    algorithm: 'HmacSHA1',
  });
}

async function enrolledTotp(userId: string): Promise<{ factorId: string; secret: string }> {
  const enrolled = await api(`/api/v1/users/${userId}/factors`, {
    method: 'POST',
    json: { factorType: 'token:software:totp', provider: 'OKTA' },
  });
  expect(enrolled.status).toBe(200);
  const secret = sharedSecretOf(enrolled.body);
  const factorId = enrolled.body?.id as string;
  const activated = await api(`/api/v1/users/${userId}/factors/${factorId}/lifecycle/activate`, {
    method: 'POST',
    json: { passCode: codeFor(secret) },
  });
  expect(activated.status).toBe(200);
  expect(activated.body?.status).toBe('ACTIVE');
  return { factorId, secret };
}

beforeAll(async () => {
  base = await fake.start();
});
afterAll(async () => {
  await fake.stop();
});
beforeEach(async () => {
  await fake.reset();
});
afterEach(() => {
  expect(fake.server.takeViolations()).toEqual([]);
});

describe('Okta fake: users', () => {
  it('creates an ACTIVE user with a password, never returns the password, and refuses a duplicate login', async () => {
    const created = await createUser('ada@example.com');
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      status: 'ACTIVE',
      profile: { login: 'ada@example.com' },
      credentials: { password: {} },
    });
    expect(JSON.stringify(created.body)).not.toContain(password);
    const duplicate = await createUser('ADA@example.com');
    expect(duplicate.status).toBe(400);
    expect(duplicate.body).toMatchObject({
      errorCode: 'E0000001',
      errorCauses: [{ errorSummary: expect.stringContaining('login') }],
    });
  });

  it('stages with activate=false, provisions without a password, and enforces the password policy', async () => {
    expect((await createUser('staged@example.com', undefined, '?activate=false')).body?.status).toBe(
      'STAGED',
    );
    expect((await createUser('nopass@example.com', null)).body?.status).toBe('PROVISIONED');
    const weak = await createUser('weak@example.com', { password: { value: 'abc' } });
    expect(weak.status).toBe(400);
    expect(JSON.stringify(weak.body)).toContain('Password requirements were not met');
    expect((await api('/api/v1/users/weak@example.com')).status).toBe(404);
  });

  it('gets by id or login, updates partially, and 404s with E0000007', async () => {
    const id = (await createUser('grace@example.com')).body?.id as string;
    expect((await api('/api/v1/users/grace@example.com')).body?.id).toBe(id);
    const updated = await api(`/api/v1/users/${id}`, {
      method: 'POST',
      json: { profile: { firstName: 'Grace' } },
    });
    expect(updated.body?.profile).toMatchObject({
      firstName: 'Grace',
      lastName: 'Lovelace',
      login: 'grace@example.com',
    });
    const missing = await api('/api/v1/users/00unope');
    expect(missing.status).toBe(404);
    expect(missing.body?.errorCode).toBe('E0000007');
  });

  it('runs the lifecycle: suspend, unsuspend, expire password, deactivate, delete on the second DELETE', async () => {
    const id = (await createUser('life@example.com')).body?.id as string;
    expect((await api(`/api/v1/users/${id}/lifecycle/suspend`, { method: 'POST' })).status).toBe(200);
    expect((await api(`/api/v1/users/${id}`)).body?.status).toBe('SUSPENDED');
    expect((await api(`/api/v1/users/${id}/lifecycle/suspend`, { method: 'POST' })).status).toBe(400);
    expect((await api(`/api/v1/users/${id}/lifecycle/unsuspend`, { method: 'POST' })).status).toBe(200);
    expect(
      (await api(`/api/v1/users/${id}/lifecycle/expire_password`, { method: 'POST' })).body?.status,
    ).toBe('PASSWORD_EXPIRED');
    expect((await api(`/api/v1/users/${id}/lifecycle/unlock`, { method: 'POST' })).status).toBe(403);
    expect((await api(`/api/v1/users/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/api/v1/users/${id}`)).body?.status).toBe('DEPROVISIONED');
    expect((await api(`/api/v1/users/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/api/v1/users/${id}`)).status).toBe(404);
  });

  it('lists with limit and Link rel="next" cursors, and searches', async () => {
    for (let index = 0; index < 5; index += 1) await createUser(`list${index}@example.com`);
    const seen: string[] = [];
    let next: string | null = `${base}/api/v1/users?limit=2`;
    while (next) {
      const response = await fetch(next, { headers: { authorization: `SSWS ${apiToken}` } });
      const page = (await response.json()) as { profile: { login: string } }[];
      expect(page.length).toBeLessThanOrEqual(2);
      seen.push(...page.map((user) => user.profile.login));
      next = /<([^>]+)>; rel="next"/.exec(response.headers.get('link') ?? '')?.[1] ?? null;
    }
    expect(seen).toEqual([0, 1, 2, 3, 4].map((index) => `list${index}@example.com`));
    const found = await api(
      `/api/v1/users?search=${encodeURIComponent('profile.email eq "LIST3@example.com"')}`,
    );
    expect((found.body as unknown as unknown[]).length).toBe(1);
  });

  it('refuses calls without a valid API token (E0000011)', async () => {
    const response = await call(`${base}/api/v1/users`);
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ errorCode: 'E0000011', errorSummary: 'Invalid token provided' });
  });
});

describe('Okta fake: imported password hashes', () => {
  const salt = randomBytes(16);
  const cases: [string, Record<string, unknown>][] = [
    [
      'SHA-256 prefix',
      {
        algorithm: 'SHA-256',
        salt: salt.toString('base64'),
        saltOrder: 'PREFIX',
        value: createHash('sha256')
          .update(Buffer.concat([salt, Buffer.from(password)]))
          .digest('base64'),
      },
    ],
    [
      'SHA-512 postfix',
      {
        algorithm: 'SHA-512',
        salt: salt.toString('base64'),
        saltOrder: 'POSTFIX',
        value: createHash('sha512')
          .update(Buffer.concat([Buffer.from(password), salt]))
          .digest('base64'),
      },
    ],
    [
      'SHA-1',
      {
        algorithm: 'SHA-1',
        salt: salt.toString('base64'),
        saltOrder: 'PREFIX',
        value: createHash('sha1')
          .update(Buffer.concat([salt, Buffer.from(password)]))
          .digest('base64'),
      },
    ],
    [
      'MD5',
      {
        algorithm: 'MD5',
        salt: salt.toString('base64'),
        saltOrder: 'PREFIX',
        value: createHash('md5')
          .update(Buffer.concat([salt, Buffer.from(password)]))
          .digest('base64'),
      },
    ],
    [
      'PBKDF2',
      {
        algorithm: 'PBKDF2',
        digestAlgorithm: 'SHA512_HMAC',
        iterationCount: 4096,
        keySize: 64,
        salt: salt.toString('base64'),
        value: pbkdf2Sync(password, salt, 4096, 64, 'sha512').toString('base64'),
      },
    ],
  ];
  for (const [name, hash] of cases) {
    it(`signs in with a ${name} hash and refuses a wrong password`, async () => {
      const login = `${name.replace(/\W/g, '').toLowerCase()}@example.com`;
      expect((await createUser(login, { password: { hash } })).status).toBe(200);
      expect(
        (
          await call(`${base}/api/v1/authn`, {
            method: 'POST',
            json: { username: login, password: `${password}x` },
          })
        ).status,
      ).toBe(401);
      expect(
        (await call(`${base}/api/v1/authn`, { method: 'POST', json: { username: login, password } })).body,
      ).toMatchObject({ status: 'SUCCESS' });
    });
  }

  it('signs in with a BCRYPT hash (salt and value split as Okta takes them)', async () => {
    const encoded = await bcrypt({ password, salt: randomBytes(16), costFactor: 10, outputType: 'encoded' });
    const hash = {
      algorithm: 'BCRYPT',
      workFactor: 10,
      salt: encoded.slice(7, 29),
      value: encoded.slice(29),
    };
    expect((await createUser('bcrypt@example.com', { password: { hash } })).status).toBe(200);
    expect((await passwordGrant('bcrypt@example.com')).status).toBe(200);
  });

  it('refuses PBKDF2 below 4096 iterations', async () => {
    const hash = {
      algorithm: 'PBKDF2',
      digestAlgorithm: 'SHA256_HMAC',
      iterationCount: 1000,
      keySize: 32,
      salt: 'c2FsdA==',
      value: 'aGFzaA==',
    };
    const result = await createUser('weakhash@example.com', { password: { hash } });
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.body)).toContain('iterationCount');
  });
});

describe('Okta fake: factors, groups, sessions', () => {
  it('enrolls TOTP with the shared secret once, activates with a code, refuses a wrong code, lists and deletes', async () => {
    const id = (await createUser('totp@example.com')).body?.id as string;
    const enrolled = await api(`/api/v1/users/${id}/factors`, {
      method: 'POST',
      json: { factorType: 'token:software:totp', provider: 'OKTA' },
    });
    expect(enrolled.body).toMatchObject({
      status: 'PENDING_ACTIVATION',
      _embedded: { activation: { encoding: 'base32', timeStep: 30 } },
    });
    const factorId = enrolled.body?.id as string;
    const wrong = await api(`/api/v1/users/${id}/factors/${factorId}/lifecycle/activate`, {
      method: 'POST',
      json: { passCode: '000000' },
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body?.errorCode).toBe('E0000068');
    const secret = sharedSecretOf(enrolled.body);
    expect(
      (
        await api(`/api/v1/users/${id}/factors/${factorId}/lifecycle/activate`, {
          method: 'POST',
          json: { passCode: codeFor(secret) },
        })
      ).status,
    ).toBe(200);
    const listed = (await api(`/api/v1/users/${id}/factors`)).body as unknown as Record<string, unknown>[];
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect((await api(`/api/v1/users/${id}/factors/${factorId}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/api/v1/users/${id}/factors/${factorId}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('manages groups and memberships, and puts group names in tokens', async () => {
    const userId = (await createUser('member@example.com')).body?.id as string;
    const group = await api('/api/v1/groups', {
      method: 'POST',
      json: { profile: { name: 'admins', description: 'Admins' } },
    });
    expect(group.status).toBe(200);
    const groupId = group.body?.id as string;
    expect(
      (await api('/api/v1/groups', { method: 'POST', json: { profile: { name: 'Admins' } } })).status,
    ).toBe(400);
    expect((await api(`/api/v1/groups/${groupId}/users/${userId}`, { method: 'PUT' })).status).toBe(204);
    expect(
      ((await api(`/api/v1/users/${userId}/groups`)).body as unknown as { profile: { name: string } }[]).map(
        (g) => g.profile.name,
      ),
    ).toEqual(['admins']);
    const tokens = (await passwordGrant('member@example.com')).body as { access_token: string };
    const jwks = createRemoteJWKSet(new URL(`${base}/oauth2/default/v1/keys`));
    const { payload } = await jwtVerify(tokens.access_token, jwks, {
      issuer: `${base}/oauth2/default`,
      audience: 'api://default',
    });
    expect(payload).toMatchObject({
      uid: userId,
      cid: 'idport-app',
      groups: ['admins'],
      sub: 'member@example.com',
    });
    expect((await api(`/api/v1/groups/${groupId}/users/${userId}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/api/v1/groups/${groupId}`, { method: 'DELETE' })).status).toBe(204);
  });

  it('clears sessions and, with oauthTokens=true, revokes refresh tokens', async () => {
    const userId = (await createUser('sessions@example.com')).body?.id as string;
    const refresh = ((await passwordGrant('sessions@example.com')).body as { refresh_token: string })
      .refresh_token;
    expect(
      (await api(`/api/v1/users/${userId}/sessions?oauthTokens=true`, { method: 'DELETE' })).status,
    ).toBe(204);
    expect((await token({ grant_type: 'refresh_token', refresh_token: refresh })).status).toBe(400);
  });
});

describe('Okta fake: Classic authn', () => {
  it('locks a user out after 10 failed attempts until an admin unlocks it', async () => {
    const id = (await createUser('locked@example.com')).body?.id as string;
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await call(`${base}/api/v1/authn`, {
        method: 'POST',
        json: { username: 'locked@example.com', password: 'Wrong-Pass-1' },
      });
    }
    expect((await api(`/api/v1/users/${id}`)).body?.status).toBe('LOCKED_OUT');
    expect((await passwordGrant('locked@example.com')).status).toBe(400);
    expect((await api(`/api/v1/users/${id}/lifecycle/unlock`, { method: 'POST' })).status).toBe(200);
    expect((await passwordGrant('locked@example.com')).status).toBe(200);
  });

  it('answers MFA_REQUIRED with stateToken and _links, verifies TOTP, then SUCCESS with a sessionToken', async () => {
    const userId = (await createUser('authn@example.com')).body?.id as string;
    const { factorId, secret } = await enrolledTotp(userId);
    const first = await call(`${base}/api/v1/authn`, {
      method: 'POST',
      json: { username: 'authn@example.com', password },
    });
    expect(first.body).toMatchObject({
      status: 'MFA_REQUIRED',
      stateToken: expect.any(String),
      _links: { cancel: {} },
    });
    const embedded = ((first.body as Record<string, unknown>)._embedded ?? {}) as {
      factors?: { id: string; _links?: { verify?: { href: string } } }[];
    };
    const factor = embedded.factors?.[0];
    expect(factor?.id).toBe(factorId);
    const verifyUrl = factor?._links?.verify?.href as string;
    const stateToken = (first.body as { stateToken: string }).stateToken;
    expect((await call(verifyUrl, { method: 'POST', json: { stateToken, passCode: '000000' } })).status).toBe(
      403,
    );
    const done = await call(verifyUrl, {
      method: 'POST',
      json: { stateToken, passCode: codeFor(secret, 1) },
    });
    expect(done.body).toMatchObject({ status: 'SUCCESS', sessionToken: expect.any(String) });
    expect(
      (await call(verifyUrl, { method: 'POST', json: { stateToken, passCode: codeFor(secret, 1) } })).status,
    ).toBe(403);
  });

  it('answers the same 401 E0000004 for a wrong password and an unknown user', async () => {
    await createUser('same@example.com');
    const wrong = await call(`${base}/api/v1/authn`, {
      method: 'POST',
      json: { username: 'same@example.com', password: 'nope' },
    });
    const unknown = await call(`${base}/api/v1/authn`, {
      method: 'POST',
      json: { username: 'nobody@example.com', password: 'nope' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect((wrong.body as { errorSummary: string }).errorSummary).toBe(
      (unknown.body as { errorSummary: string }).errorSummary,
    );
  });

  it('answers PASSWORD_EXPIRED and lets the user change the password', async () => {
    const id = (await createUser('expired@example.com')).body?.id as string;
    await api(`/api/v1/users/${id}/lifecycle/expire_password`, { method: 'POST' });
    const first = await call(`${base}/api/v1/authn`, {
      method: 'POST',
      json: { username: 'expired@example.com', password },
    });
    expect(first.body).toMatchObject({
      status: 'PASSWORD_EXPIRED',
      _links: { next: { name: 'changePassword' } },
    });
    const changed = await call(`${base}/api/v1/authn/credentials/change_password`, {
      method: 'POST',
      json: {
        stateToken: (first.body as { stateToken: string }).stateToken,
        oldPassword: password,
        newPassword: 'Brand-New-Pass-1',
      },
    });
    expect(changed.body).toMatchObject({ status: 'SUCCESS' });
  });
});

describe('Okta fake: authorization server', () => {
  it('answers mfa_required with mfa_token, the challenge, then tokens for the OTP; replays are refused', async () => {
    const userId = (await createUser('direct@example.com')).body?.id as string;
    const { secret } = await enrolledTotp(userId);
    const first = await passwordGrant('direct@example.com', password, {
      grant_types_supported: `password ${mfaOtp}`,
    });
    expect(first.status).toBe(403);
    expect(first.body).toMatchObject({ error: 'mfa_required', mfa_token: expect.any(String) });
    const mfaToken = (first.body as { mfa_token: string }).mfa_token;
    const challenge = await call(`${base}/oauth2/default/v1/challenge`, {
      method: 'POST',
      basic: ['idport-app', 'idport-app-secret'],
      form: { mfa_token: mfaToken, challenge_types_supported: mfaOtp },
    });
    expect(challenge.body).toEqual({ challenge_type: mfaOtp });
    const code = codeFor(secret, 1);
    const done = await token({ grant_type: mfaOtp, mfa_token: mfaToken, otp: code });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      token_type: 'Bearer',
      access_token: expect.any(String),
      refresh_token: expect.any(String),
    });
    const again = await passwordGrant('direct@example.com', password, {
      grant_types_supported: `password ${mfaOtp}`,
    });
    const replay = await token({
      grant_type: mfaOtp,
      mfa_token: (again.body as { mfa_token: string }).mfa_token,
      otp: code,
    });
    expect(replay.status).toBe(400);
    expect(replay.body).toMatchObject({ error: 'invalid_grant' });
  });

  it('rotates refresh tokens and revokes the chain on reuse; revoke is quiet for unknown tokens', async () => {
    await createUser('rotate@example.com');
    const first = ((await passwordGrant('rotate@example.com')).body as { refresh_token: string })
      .refresh_token;
    const second = await token({ grant_type: 'refresh_token', refresh_token: first });
    expect(second.status).toBe(200);
    const next = (second.body as { refresh_token: string }).refresh_token;
    expect(next).not.toBe(first);
    expect((await token({ grant_type: 'refresh_token', refresh_token: first })).status).toBe(400);
    expect((await token({ grant_type: 'refresh_token', refresh_token: next })).status).toBe(400);
    const revoke = await call(`${base}/oauth2/default/v1/revoke`, {
      method: 'POST',
      basic: ['idport-app', 'idport-app-secret'],
      form: { token: 'unknown' },
    });
    expect(revoke.status).toBe(200);
  });

  it('refuses a wrong password, an unknown user and a suspended user alike', async () => {
    const id = (await createUser('grant@example.com')).body?.id as string;
    const wrong = await passwordGrant('grant@example.com', 'Wrong-Pass-1');
    const unknown = await passwordGrant('nobody@example.com');
    await api(`/api/v1/users/${id}/lifecycle/suspend`, { method: 'POST' });
    const suspended = await passwordGrant('grant@example.com');
    for (const result of [wrong, unknown, suspended]) {
      expect(result.status).toBe(400);
      expect(result.body).toEqual({
        error: 'invalid_grant',
        error_description: 'The credentials provided were invalid.',
      });
    }
  });

  it('serves discovery and keys that verify its ID tokens', async () => {
    const discovery = await call(`${base}/oauth2/default/.well-known/openid-configuration`);
    expect(discovery.body).toMatchObject({
      issuer: `${base}/oauth2/default`,
      jwks_uri: `${base}/oauth2/default/v1/keys`,
    });
    const userId = (await createUser('idtoken@example.com')).body?.id as string;
    const tokens = (await passwordGrant('idtoken@example.com')).body as { id_token: string };
    const { payload } = await jwtVerify(
      tokens.id_token,
      createRemoteJWKSet(new URL(`${base}/oauth2/default/v1/keys`)),
      { audience: 'idport-app' },
    );
    expect(payload.sub).toBe(userId);
  });
});

describe('Okta fake: rate limits and spec checking', () => {
  it('sends X-Rate-Limit headers and answers 429 E0000047 when the budget is spent', async () => {
    const first = await api('/api/v1/users');
    expect(first.headers.get('x-rate-limit-limit')).toBe('600');
    expect(Number(first.headers.get('x-rate-limit-remaining'))).toBe(599);
    expect(Number(first.headers.get('x-rate-limit-reset'))).toBeGreaterThan(Date.now() / 1000);
    fake.server.rateLimits.configure([
      { name: 'tiny', pathPattern: '^/api/v1/users', limit: 1, windowSeconds: 60 },
    ]);
    await api('/api/v1/users');
    const limited = await api('/api/v1/users');
    expect(limited.status).toBe(429);
    expect(limited.body?.errorCode).toBe('E0000047');
    expect(limited.headers.get('x-rate-limit-remaining')).toBe('0');
  });

  it('checks responses against the published User schema (a wrong status or timestamp is caught)', async () => {
    const tampered = createOktaFake({
      tamper: (request, response) =>
        request.path === '/api/v1/users' && request.method === 'POST'
          ? { ...response, body: { ...(response.body as object), status: 'HAPPY', created: 'yesterday' } }
          : response,
    });
    const url = await tampered.start();
    try {
      const result = await fetch(`${url}/api/v1/users`, {
        method: 'POST',
        headers: { authorization: `SSWS ${apiToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ profile: { login: 't@example.com', email: 't@example.com' } }),
      });
      expect(result.status).toBe(599);
      const errors = JSON.stringify(tampered.server.violations());
      expect(errors).toContain('/status must be equal to one of the allowed values');
      expect(errors).toContain('/created must match format');
      expect(tampered.server.stats().validatedPairsByDocument['okta-management']).toBe(1);
    } finally {
      await tampered.stop();
    }
  });
});

describe('Okta fake: command line', () => {
  it('starts with `idport-fake okta` and serves discovery', async () => {
    const started = await startFakeFromArguments(
      ['okta', '--quiet', '--spec-check', 'enforce'],
      () => undefined,
    );
    try {
      const discovery = await call(`${started?.url}/oauth2/default/.well-known/openid-configuration`);
      expect(discovery.status).toBe(200);
      expect(started?.server.name).toBe('okta');
    } finally {
      await started?.stop();
    }
  });
});
