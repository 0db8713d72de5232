import { createHash, createHmac, pbkdf2Sync, randomBytes, scryptSync } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { argon2id, bcrypt, md4 } from 'hash-wasm';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../__fixtures__/keycloak-http';
import { specViolationStatus } from '../framework/fake-server';
import { createAuth0Fake } from './auth0-fake';
import { type CustomPasswordHash, verifyCustomHash } from './auth0-password-hashes';
import { currentTotpCode } from './auth0-totp';

const fake = createAuth0Fake({ tenant: { bcryptCost: 4 }, jobDelayMs: 5 });
const app = { client_id: 'idport-app-client-id', client_secret: 'idport-app-client-secret' };
let base = '';
let management = '';

async function managementToken(): Promise<string> {
  const result = await call(`${base}/oauth/token`, {
    method: 'POST',
    form: {
      grant_type: 'client_credentials',
      client_id: 'idport-m2m-client-id',
      client_secret: 'idport-m2m-client-secret',
      audience: `https://${fake.domain}/api/v2/`,
    },
  });
  expect(result.status).toBe(200);
  return (result.body as { access_token: string }).access_token;
}

async function createUser(email: string, password = 'Correct-Horse-9') {
  const result = await call(`${base}/api/v2/users`, {
    method: 'POST',
    token: management,
    json: { connection: 'Username-Password-Authentication', email, password, email_verified: true },
  });
  expect(result.status).toBe(201);
  return (result.body as { user_id: string }).user_id;
}

function passwordGrant(
  username: string,
  password = 'Correct-Horse-9',
  scope = 'openid profile email offline_access',
) {
  return call(`${base}/oauth/token`, {
    method: 'POST',
    form: { grant_type: 'password', ...app, username, password, scope, audience: fake.settings.apiAudience },
  });
}

beforeAll(async () => {
  base = await fake.start();
  management = await managementToken();
});
afterEach(() => {
  expect(fake.server.takeViolations()).toEqual([]);
});
afterAll(async () => {
  await fake.stop();
});

describe('Auth0 fake: Authentication API', () => {
  it('serves discovery and a JWKS that verifies the tokens it issues, with Auth0 claims', async () => {
    const discovery = await call(`${base}/.well-known/openid-configuration`);
    expect((discovery.body as { issuer: string }).issuer).toBe(`https://${fake.domain}/`);
    const userId = await createUser('claims@example.com');
    const tokens = (await passwordGrant('CLAIMS@example.com')).body as Record<string, string>;
    const keys = createRemoteJWKSet(new URL(`${base}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(tokens.access_token as string, keys, {
      issuer: `https://${fake.domain}/`,
      audience: fake.settings.apiAudience,
    });
    expect(payload.sub).toBe(userId);
    expect(payload.azp).toBe(app.client_id);
    expect(payload.aud).toContain(`https://${fake.domain}/userinfo`);
    expect(decodeJwt(tokens.id_token as string).aud).toBe(app.client_id);
    const userinfo = await call(`${base}/userinfo`, { token: tokens.access_token as string });
    expect((userinfo.body as { email: string }).email).toBe('claims@example.com');
  });

  it('accepts the password-realm grant for the connection and refuses another realm', async () => {
    await createUser('realm@example.com');
    const grant = (realm: string) =>
      call(`${base}/oauth/token`, {
        method: 'POST',
        form: {
          grant_type: 'http://auth0.com/oauth/grant-type/password-realm',
          ...app,
          username: 'realm@example.com',
          password: 'Correct-Horse-9',
          realm,
          scope: 'openid',
        },
      });
    expect((await grant('Username-Password-Authentication')).status).toBe(200);
    expect((await grant('other-connection')).status).toBe(403);
  });

  it('answers a wrong password and an unknown user identically (no enumeration)', async () => {
    await createUser('enum@example.com');
    const wrong = await passwordGrant('enum@example.com', 'Wrong-Horse-9');
    const unknown = await passwordGrant('nobody@example.com', 'Wrong-Horse-9');
    expect(wrong.status).toBe(403);
    expect(unknown.status).toBe(403);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body).toEqual({ error: 'invalid_grant', error_description: 'Wrong email or password.' });
  });

  it('rotates refresh tokens and revokes the family when a used one comes back', async () => {
    await createUser('rotate@example.com');
    const first = ((await passwordGrant('rotate@example.com')).body as { refresh_token: string })
      .refresh_token;
    const refresh = (token: string) =>
      call(`${base}/oauth/token`, {
        method: 'POST',
        form: { grant_type: 'refresh_token', ...app, refresh_token: token },
      });
    const second = await refresh(first);
    expect(second.status).toBe(200);
    const next = (second.body as { refresh_token: string }).refresh_token;
    expect(next).not.toBe(first);
    expect((await refresh(first)).status).toBe(403);
    // Reuse revoked the family: the legitimate newer token is dead too.
    const after = await refresh(next);
    expect(after.status).toBe(403);
    expect(after.body).toEqual({
      error: 'invalid_grant',
      error_description: 'Unknown or invalid refresh token.',
    });
  });

  it('runs the MFA API flow: mfa_required with mfa_token, associate, confirm with mfa-otp, recovery code once', async () => {
    const userId = await createUser('mfa@example.com');
    // No factor yet: a first sign-in gets tokens; enrollment goes through an mfa_token from a
    // tenant that demands MFA, which the fake has when a factor exists. Seed a phone factor.
    await call(`${base}/api/v2/users/${encodeURIComponent(userId)}/authentication-methods`, {
      method: 'POST',
      token: management,
      json: { type: 'email', email: 'mfa@example.com' },
    });
    const required = await passwordGrant('mfa@example.com');
    expect(required.status).toBe(403);
    const body = required.body as { error: string; mfa_token: string };
    expect(body.error).toBe('mfa_required');
    const associate = await call(`${base}/mfa/associate`, {
      method: 'POST',
      token: body.mfa_token,
      json: { authenticator_types: ['otp'] },
    });
    expect(associate.status).toBe(200);
    const { secret, recovery_codes: recoveryCodes } = associate.body as {
      secret: string;
      recovery_codes: string[];
    };
    const otp = await call(`${base}/oauth/token`, {
      method: 'POST',
      form: {
        grant_type: 'http://auth0.com/oauth/grant-type/mfa-otp',
        ...app,
        mfa_token: body.mfa_token,
        otp: currentTotpCode(secret),
      },
    });
    expect(otp.status).toBe(200);
    const authenticators = await call(`${base}/mfa/authenticators`, {
      token: ((await passwordGrant('mfa@example.com')).body as { mfa_token: string }).mfa_token,
    });
    expect(
      (authenticators.body as { authenticator_type: string }[])
        .map((entry) => entry.authenticator_type)
        .sort(),
    ).toEqual(['oob', 'otp', 'recovery-code']);
    const recover = async () => {
      const mfaToken = ((await passwordGrant('mfa@example.com')).body as { mfa_token: string }).mfa_token;
      return call(`${base}/oauth/token`, {
        method: 'POST',
        form: {
          grant_type: 'http://auth0.com/oauth/grant-type/mfa-recovery-code',
          ...app,
          mfa_token: mfaToken,
          recovery_code: recoveryCodes[0] as string,
        },
      });
    };
    const recovered = await recover();
    expect(recovered.status).toBe(200);
    expect((recovered.body as { recovery_code: string }).recovery_code).toMatch(/^[A-Z0-9]{24}$/);
    expect((await recover()).status).toBe(403);
  });

  it('runs an OOB challenge with a binding code', async () => {
    const userId = await createUser('oob@example.com');
    await call(`${base}/api/v2/users/${encodeURIComponent(userId)}/authentication-methods`, {
      method: 'POST',
      token: management,
      json: { type: 'phone', phone_number: '+15555550100' },
    });
    const mfaToken = ((await passwordGrant('oob@example.com')).body as { mfa_token: string }).mfa_token;
    const challenge = await call(`${base}/mfa/challenge`, {
      method: 'POST',
      json: { ...app, mfa_token: mfaToken, challenge_type: 'oob' },
    });
    const oobCode = (challenge.body as { oob_code: string }).oob_code;
    const verify = (bindingCode: string) =>
      call(`${base}/oauth/token`, {
        method: 'POST',
        form: {
          grant_type: 'http://auth0.com/oauth/grant-type/mfa-oob',
          ...app,
          mfa_token: mfaToken,
          oob_code: oobCode,
          binding_code: bindingCode,
        },
      });
    expect((await verify('000000x')).status).toBe(403);
    expect((await verify(fake.oobBindingCode(oobCode) as string)).status).toBe(200);
  });
});

describe('Auth0 fake: Management API', () => {
  it('pages users, reports totals and refuses to page past 1000 results', async () => {
    const page = await call(`${base}/api/v2/users?page=0&per_page=2&include_totals=true&sort=created_at:1`, {
      token: management,
    });
    expect(page.status).toBe(200);
    const body = page.body as {
      start: number;
      limit: number;
      length: number;
      total: number;
      users: unknown[];
    };
    expect(body.users).toHaveLength(2);
    expect(body.total).toBeGreaterThan(2);
    const capped = await call(`${base}/api/v2/users?page=10&per_page=100`, { token: management });
    expect(capped.status).toBe(400);
    expect((capped.body as { errorCode: string }).errorCode).toBe('invalid_paging');
  });

  it('answers 429 with X-RateLimit-* and Retry-After when a budget is spent', async () => {
    fake.server.rateLimits.configure([
      {
        name: 'Read Users',
        method: 'GET',
        pathPattern: '^/api/v2/users',
        limit: 2,
        windowSeconds: 60,
        refillPerSecond: 0.1,
      },
    ]);
    try {
      const calls = [];
      for (let index = 0; index < 3; index += 1)
        calls.push(await call(`${base}/api/v2/users`, { token: management }));
      expect(calls.map((result) => result.status)).toEqual([200, 200, 429]);
      const limited = calls[2];
      expect(limited?.headers.get('x-ratelimit-limit')).toBe('2');
      expect(limited?.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(Number(limited?.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
      expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(limited?.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    } finally {
      fake.server.rateLimits.configure([]);
    }
  });

  it('refuses a token without the scope, and a missing token, with Auth0 bodies', async () => {
    expect((await call(`${base}/api/v2/users`)).status).toBe(401);
    const userToken = ((await passwordGrant('claims@example.com')).body as { access_token: string })
      .access_token;
    expect((await call(`${base}/api/v2/users`, { token: userToken })).status).toBe(401);
  });

  it('imports users with custom password hashes and exports them without hashes', async () => {
    const users = [
      {
        email: 'import-1@example.com',
        custom_password_hash: {
          algorithm: 'md5',
          hash: { value: createHash('md5').update('Imported-1').digest('hex'), encoding: 'hex' },
        },
      },
      { email: 'import-1@example.com' },
      { email: 'not-an-email' },
    ];
    const boundary = 'idport-boundary';
    const multipart = [
      `--${boundary}\r\nContent-Disposition: form-data; name="users"; filename="users.json"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(users)}\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="connection_id"\r\n\r\n${fake.settings.connection.id}\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="upsert"\r\n\r\nfalse\r\n--${boundary}--\r\n`,
    ].join('');
    const response = await fetch(`${base}/api/v2/jobs/users-imports`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${management}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      body: multipart,
    });
    expect(response.status).toBe(202);
    const job = (await response.json()) as { id: string; status: string };
    expect(job.status).toBe('pending');
    let status = job.status;
    let summary: unknown;
    while (status !== 'completed') {
      await new Promise((resolve) => setTimeout(resolve, 10));
      const polled = (await call(`${base}/api/v2/jobs/${job.id}`, { token: management })).body as {
        status: string;
        summary: unknown;
      };
      status = polled.status;
      summary = polled.summary;
    }
    expect(summary).toEqual({ failed: 2, updated: 0, inserted: 1, total: 3 });
    const errors = (await call(`${base}/api/v2/jobs/${job.id}/errors`, { token: management })).body as {
      errors: { code: string }[];
    }[];
    expect(errors.map((entry) => entry.errors[0]?.code).sort()).toEqual([
      'DUPLICATED_USER',
      'INVALID_FORMAT',
    ]);
    expect((await passwordGrant('import-1@example.com', 'Imported-1')).status).toBe(200);

    const exportJob = await call(`${base}/api/v2/jobs/users-exports`, {
      method: 'POST',
      token: management,
      json: {
        connection_id: fake.settings.connection.id,
        format: 'json',
        fields: [{ name: 'email' }, { name: 'user_id' }],
      },
    });
    const exportId = (exportJob.body as { id: string }).id;
    let location: string | undefined;
    while (!location) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      location = (
        (await call(`${base}/api/v2/jobs/${exportId}`, { token: management })).body as { location?: string }
      ).location;
    }
    const file = await fetch(`${base}${new URL(location).pathname}`);
    const lines = gunzipSync(Buffer.from(await file.arrayBuffer()))
      .toString('utf8')
      .trim()
      .split('\n');
    const exported = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(exported.some((user) => user.email === 'import-1@example.com')).toBe(true);
    expect(Object.keys(exported[0] ?? {}).sort()).toEqual(['email', 'user_id']);
  });
});

describe('Auth0 fake: spec checking bites', () => {
  it('replaces a response that breaks the documented shape with 599 and records the violation', async () => {
    const sabotaged = createAuth0Fake({
      tenant: { bcryptCost: 4 },
      tamper: (request, response) =>
        request.path === '/api/v2/roles' && request.method === 'POST'
          ? { ...response, body: { ...(response.body as object), invented: true } }
          : response,
    });
    const url = await sabotaged.start();
    try {
      const token = (
        (
          await call(`${url}/oauth/token`, {
            method: 'POST',
            form: {
              grant_type: 'client_credentials',
              client_id: 'idport-m2m-client-id',
              client_secret: 'idport-m2m-client-secret',
              audience: `https://${sabotaged.domain}/api/v2/`,
            },
          })
        ).body as { access_token: string }
      ).access_token;
      const result = await call(`${url}/api/v2/roles`, { method: 'POST', token, json: { name: 'admins' } });
      expect(result.status).toBe(specViolationStatus);
      expect(sabotaged.server.takeViolations()[0]?.errors).toEqual([
        'response body has undocumented property "invented"',
      ]);
      // A request the document forbids is caught too.
      const bad = await call(`${url}/api/v2/roles`, {
        method: 'POST',
        token,
        json: { name: 'x', colour: 'red' },
      });
      expect(bad.status).toBe(specViolationStatus);
    } finally {
      await sabotaged.stop();
    }
  });
});

describe('Auth0 fake: imported password hashes', () => {
  const password = 'Migrated-Password-1';
  const salt = randomBytes(16);
  const b64 = (buffer: Buffer) => buffer.toString('base64').replace(/=+$/, '');
  const cases: [string, () => Promise<CustomPasswordHash>][] = [
    [
      'bcrypt',
      async () => ({
        algorithm: 'bcrypt',
        hash: { value: await bcrypt({ password, salt, costFactor: 4, outputType: 'encoded' }) },
      }),
    ],
    [
      'argon2',
      async () => ({
        algorithm: 'argon2',
        hash: {
          value: await argon2id({
            password,
            salt,
            iterations: 2,
            memorySize: 1024,
            parallelism: 1,
            hashLength: 32,
            outputType: 'encoded',
          }),
        },
      }),
    ],
    [
      'pbkdf2',
      async () => ({
        algorithm: 'pbkdf2',
        hash: {
          value: `$pbkdf2-sha512$i=1000,l=64$${b64(salt)}$${b64(pbkdf2Sync(password, salt, 1000, 64, 'sha512'))}`,
          encoding: 'utf8',
        },
      }),
    ],
    [
      'scrypt',
      async () => ({
        algorithm: 'scrypt',
        hash: {
          value: scryptSync(password, salt, 32, { N: 1024, r: 8, p: 1 }).toString('base64'),
          encoding: 'base64',
        },
        salt: { value: salt.toString('base64'), encoding: 'base64' },
        keylen: 32,
        cost: 1024,
        blockSize: 8,
        parallelization: 1,
      }),
    ],
    ...(['md5', 'sha1', 'sha256', 'sha512'] as const).map(
      (algorithm): [string, () => Promise<CustomPasswordHash>] => [
        algorithm,
        async () => ({
          algorithm,
          hash: {
            value: createHash(algorithm)
              .update(Buffer.concat([Buffer.from(password), salt]))
              .digest('hex'),
            encoding: 'hex',
          },
          salt: { value: salt.toString('hex'), encoding: 'hex', position: 'suffix' },
        }),
      ],
    ),
    [
      'hmac',
      async () => ({
        algorithm: 'hmac',
        hash: {
          value: createHmac('sha256', 'pepper').update(password).digest('base64'),
          encoding: 'base64',
          digest: 'sha256',
          key: { value: 'pepper', encoding: 'utf8' },
        },
      }),
    ],
    [
      'ldap',
      async () => ({
        algorithm: 'ldap',
        hash: {
          value: `{SSHA}${Buffer.concat([
            createHash('sha1')
              .update(Buffer.concat([Buffer.from(password), salt]))
              .digest(),
            salt,
          ]).toString('base64')}`,
        },
      }),
    ],
    ['md4', async () => ({ algorithm: 'md4', hash: { value: await md4(password), encoding: 'hex' } })],
  ];
  for (const [name, make] of cases) {
    it(`verifies ${name} and refuses a wrong password`, async () => {
      const custom = await make();
      expect(await verifyCustomHash(password, custom)).toBe(true);
      expect(await verifyCustomHash(`${password}x`, custom)).toBe(false);
    });
  }
});
