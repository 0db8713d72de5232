import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from './start-server';

const local = {
  IDPORT_PROVIDER: 'local',
  IDPORT_LOCAL_PASSWORD_HASHING__LOG_N: '12',
  HOST: '127.0.0.1',
  PORT: '0',
};
const password = 'Correct-Horse-9-Battery!';

/** A form page's session cookie and CSRF token, as a browser would hold them. */
async function openForm(server: RunningServer): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${server.url}/sign-in`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await response.text())?.[1] ?? '';
  return { cookie, csrf };
}

function post(server: RunningServer, path: string, cookie: string, fields: Record<string, string>) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
    redirect: 'manual',
  });
}

describe('secure defaults (local provider, plain fetch)', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ env: { ...local, EXAMPLE_SIGN_IN_LIMIT: '4' } });
    await server.provider.users.create({ email: 'known@example.com', password });
  });
  afterAll(() => server?.close());

  it('sends security headers and no-store on auth pages, and a locked-down session cookie', async () => {
    const response = await fetch(`${server.url}/sign-in`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('strict-transport-security')).toContain('max-age=');
    expect(response.headers.get('x-powered-by')).toBeNull();
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-idport-session=/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
  });

  it('refuses form posts without the session CSRF token or with another session token', async () => {
    const mine = await openForm(server);
    const other = await openForm(server);
    const fields = { email: 'known@example.com', password };
    expect((await post(server, '/sign-in', mine.cookie, fields)).status).toBe(403);
    expect((await post(server, '/sign-in', mine.cookie, { ...fields, _csrf: other.csrf })).status).toBe(403);
    expect((await post(server, '/sign-in', '', { ...fields, _csrf: mine.csrf })).status).toBe(403);
    expect((await post(server, '/sign-out', other.cookie, {})).status).toBe(403);
    const accepted = await post(server, '/sign-in', mine.cookie, { ...fields, _csrf: mine.csrf });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toBe('/account');
    // A new session id after sign-in: the pre-sign-in id is worthless (no fixation).
    const signedIn = (accepted.headers.get('set-cookie') ?? '').split(';')[0];
    expect(signedIn).not.toBe(mine.cookie);
    const oldId = await fetch(`${server.url}/account`, {
      headers: { cookie: mine.cookie },
      redirect: 'manual',
    });
    expect(oldId.headers.get('location')).toBe('/sign-in');
    const account = await fetch(`${server.url}/account`, { headers: { cookie: signedIn ?? '' } });
    expect(account.status).toBe(200);
    expect(await account.text()).toContain('known@example.com');
  });

  it('answers a wrong password and an unknown account the same way, then rate-limits sign-in', async () => {
    const form = await openForm(server);
    const wrong = await post(server, '/sign-in', form.cookie, {
      email: 'known@example.com',
      password: 'Not-The-Password-1',
      _csrf: form.csrf,
    });
    const unknown = await post(server, '/sign-in', form.cookie, {
      email: 'nobody@example.com',
      password: 'Not-The-Password-1',
      _csrf: form.csrf,
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const message = (text: string) => /role="alert">([^<]*)</.exec(text)?.[1];
    expect(message(await wrong.text())).toBe(message(await unknown.text()));
    // The limit is 4 posts per window in this server; 1 was used by the test above.
    const third = await post(server, '/sign-in', form.cookie, {
      email: 'x@example.com',
      password: 'x',
      _csrf: form.csrf,
    });
    expect(third.status).toBe(401);
    const limited = await post(server, '/sign-in', form.cookie, {
      email: 'x@example.com',
      password: 'x',
      _csrf: form.csrf,
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('ratelimit-policy')).toContain('4');
  });

  it('keeps the protected page and the admin page closed without a verified token', async () => {
    const anonymous = await fetch(`${server.url}/account`, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/sign-in');
    const admin = await fetch(`${server.url}/admin`, { redirect: 'manual' });
    expect(admin.headers.get('location')).toBe('/sign-in');
  });
});

describe('configuration', () => {
  it('allows insecure cookies only on a loopback host, explicitly', async () => {
    await expect(
      startServer({ env: { ...local, HOST: '0.0.0.0', EXAMPLE_INSECURE_COOKIES: 'true' } }),
    ).rejects.toThrow(/loopback/);
    const server = await startServer({ env: { ...local, EXAMPLE_INSECURE_COOKIES: 'true' } });
    try {
      const cookie = (await fetch(`${server.url}/sign-in`)).headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^idport-session=/);
      expect(cookie).not.toContain('Secure');
      expect(cookie).toContain('HttpOnly');
    } finally {
      await server.close();
    }
  });

  it('names a bad provider setting without echoing its value', async () => {
    const canary = 'canary-value-4471';
    const error = await startServer({
      env: { ...local, IDPORT_LOCAL_ACCESS_TOKEN_TTL_SECONDS: canary },
    }).catch((caught: Error) => caught);
    expect(String((error as Error).message)).toContain('settings.accessTokenTtlSeconds');
    expect(String((error as Error).message)).not.toContain(canary);
  });
});
