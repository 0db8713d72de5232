import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { collect } from '@idport/core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type RunningServer, startServer } from './start-server';
import { authenticatorCode } from './test-support/authenticator-code';
import { launchChromium } from './test-support/launch-chromium';

const password = 'Correct-Horse-9-Battery!';

/** The only thing that differs between providers: configuration. */
function configurationFor(provider: 'local' | 'cognito'): Record<string, string> {
  if (provider === 'local') {
    return {
      IDPORT_PROVIDER: 'local',
      IDPORT_LOCAL_DATABASE: ':memory:',
      // Cheaper scrypt for the test only (the default costs ~350 ms per hash).
      IDPORT_LOCAL_PASSWORD_HASHING__LOG_N: '12',
    };
  }
  const pool = inject('cognitoPool');
  return {
    IDPORT_PROVIDER: 'cognito',
    IDPORT_COGNITO_REGION: 'local',
    IDPORT_COGNITO_ENDPOINT: pool.endpoint,
    IDPORT_COGNITO_USER_POOL_ID: pool.userPoolId,
    IDPORT_COGNITO_CLIENT_ID: pool.clientId,
    IDPORT_COGNITO_MAX_ATTEMPTS: '1',
  };
}

for (const providerName of ['local', 'cognito'] as const) {
  describe(`in Chromium, against ${providerName}`, () => {
    let server: RunningServer;
    let browser: Awaited<ReturnType<typeof launchChromium>>;
    let page: Page;
    const email = `ada-${providerName}-${Date.now()}@example.com`;
    const screenshots = join('test-results', 'screenshots', providerName);
    let step = 0;
    let otpauthUri = '';

    /** Keeps a screenshot of each step; secrets on screen (TOTP key, recovery codes) are masked. */
    async function snapshot(name: string) {
      step += 1;
      await page.screenshot({
        path: join(screenshots, `${String(step).padStart(2, '0')}-${name}.png`),
        fullPage: true,
        mask: [page.locator('#totp-secret, #otpauth-uri, #recovery-codes')],
      });
    }

    beforeAll(async () => {
      await mkdir(screenshots, { recursive: true });
      // Secure cookies stay on: Chromium treats http://localhost as a secure context.
      server = await startServer({
        env: { ...configurationFor(providerName), HOST: '127.0.0.1', PORT: '0' },
      });
      const admins = await server.provider.groups.create({ name: 'admins' });
      const user = await server.provider.users.create({
        email,
        password,
        emailVerified: true,
        givenName: 'Ada',
      });
      await server.provider.groups.addMember({ groupId: admins.id, userId: user.id });
      await server.provider.users.create({
        email: `grace-${providerName}-${Date.now()}@example.com`,
        password,
      });
      browser = await launchChromium();
      page = await browser.context.newPage();
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    const url = (path: string) => server.url.replace('127.0.0.1', 'localhost') + path;

    it('signs in with a password and shows the protected page from a verified token', async () => {
      await page.goto(url('/'));
      await expect.poll(() => page.url()).toContain('/sign-in');
      expect(await page.textContent('#provider')).toBe(providerName);
      await snapshot('sign-in');
      await page.fill('#email', email);
      await page.fill('#password', password);
      await page.click('button[type=submit]');
      await page.waitForURL('**/account');
      expect(await page.textContent('#welcome')).toContain(email);
      expect(await page.textContent('#mfa-status')).toBe('not enrolled');
      await snapshot('account-without-mfa');
      const cookies = await browser.context.cookies();
      const session = cookies.find((cookie) => cookie.name === '__Host-idport-session');
      expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' });
    });

    it('enrolls an authenticator app', async () => {
      await page.click('#setup-mfa');
      await page.waitForURL('**/account/mfa');
      otpauthUri = (await page.textContent('#otpauth-uri')) ?? '';
      expect(otpauthUri).toMatch(/^otpauth:\/\/totp\//);
      await snapshot('enroll-authenticator');
      await page.fill('#code', authenticatorCode(otpauthUri));
      await page.click('button[type=submit]');
      await expect.poll(() => page.textContent('h1')).toBe('Authenticator app added');
      await snapshot('authenticator-added');
    });

    it('signs out', async () => {
      await page.goto(url('/account'));
      expect(await page.textContent('#mfa-status')).toBe('enrolled');
      await page.click('#sign-out');
      await page.waitForURL('**/sign-in');
      expect(await page.textContent('[role=status]')).toContain('signed out');
      await snapshot('signed-out');
      // The protected page is gone with the session.
      await page.goto(url('/account'));
      expect(page.url()).toContain('/sign-in');
    });

    it('asks for the TOTP code at the next sign-in, refuses a wrong one and accepts the right one', async () => {
      await page.fill('#email', email);
      await page.fill('#password', password);
      await page.click('button[type=submit]');
      await page.waitForURL('**/mfa');
      await snapshot('mfa-step');
      const right = authenticatorCode(otpauthUri, 1);
      const wrong = right === '000000' ? '111111' : '000000';
      await page.fill('#code', wrong);
      await page.click('button[type=submit]');
      await expect.poll(() => page.textContent('[role=alert]')).toBeTruthy();
      await snapshot('mfa-wrong-code');
      // The enrollment code's period was used: the authenticator's next code (accepted
      // within the ±1 period window) avoids a replay refusal.
      await page.fill('#code', right);
      await page.click('button[type=submit]');
      await page.waitForURL('**/account');
      expect(await page.textContent('#welcome')).toContain(email);
      expect(await page.textContent('#subject')).toBeTruthy();
      await snapshot('protected-page-after-mfa');
    });

    it('lets a member of admins list and disable users', async () => {
      await page.click('#admin');
      await page.waitForURL('**/admin');
      const listed = await page.locator('#users tbody tr').count();
      expect(listed).toBe((await collect(server.provider.users.list())).length);
      const grace = page.locator('#users tbody tr', { hasText: 'grace-' });
      await grace.locator('button').click();
      await page.waitForURL('**/admin');
      expect(await page.textContent('[role=status]')).toBe('User disabled.');
      expect(await grace.locator('td').nth(1).textContent()).toBe('disabled');
      await snapshot('user-admin');
    });

    it('signs out again and the old session cookie no longer opens the protected page', async () => {
      const before = (await browser.context.cookies()).find(
        (cookie) => cookie.name === '__Host-idport-session',
      );
      await page.goto(url('/account'));
      await page.click('#sign-out');
      await page.waitForURL('**/sign-in');
      await snapshot('signed-out-again');
      const response = await fetch(url('/account'), {
        headers: { cookie: `__Host-idport-session=${before?.value}` },
        redirect: 'manual',
      });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/sign-in');
    });
  });
}
