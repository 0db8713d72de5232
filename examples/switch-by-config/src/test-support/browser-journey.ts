import { collect, supportsOperation } from '@idport/core';
import type { FakeControl } from '@idport/fakes';
import type { Page, Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, seedDemoUsers } from '../seed-demo-users';
import { type RunningServer, startServer } from '../start-server';
import { authenticatorCode } from './authenticator-code';
import { launchChromium } from './launch-chromium';
import { stepScreenshots } from './step-screenshots';

/** What differs between the providers the journey runs on: configuration, and nothing else. */
export interface JourneyTarget {
  /** The provider id the app names on every page (`IDPORT_PROVIDER`). */
  readonly provider: string;
  /** What the journey is run against, for the test names (`cognito-local`, `the Okta fake`). */
  readonly peer: string;
  /** `IDPORT_PROVIDER` and the adapter's `IDPORT_<PROVIDER>_*` settings. */
  environment(): Record<string, string>;
  /** Settings configuration text cannot carry (a function), given to `startServer` as such. */
  settings?(): Record<string, unknown>;
  /** A spec-checked fake's control endpoints: a recorded violation fails the step that caused it. */
  fake?(): FakeControl;
  /**
   * Why this provider cannot pass the wrong-password step once the account has an
   * authenticator app (an adapter's documented behaviour); the step is skipped with it.
   */
  readonly wrongPasswordWithAuthenticatorSkipReason?: string;
}

const adminEmail = 'ada@example.com';
const unknownEmail = 'nobody-here@example.com';
const sessionCookie = '__Host-idport-session';

/**
 * The whole browser journey against one provider, in headless Chromium: a wrong password
 * reads like an unknown account, sign-in, TOTP enrollment, sign-out, a wrong password still
 * reads like an unknown account, sign-in with the TOTP step (a wrong code first), the
 * protected page, the admin page (disable a user), and a sign-out after which the old
 * session cookie opens nothing. A recorded spec violation of the target's fake fails the
 * step that caused it.
 */
export function describeBrowserJourney(target: JourneyTarget): void {
  describe(`in Chromium, against ${target.provider} (${target.peer})`, () => {
    let server: RunningServer;
    let browser: Awaited<ReturnType<typeof launchChromium>>;
    let page: Page;
    const screenshots = stepScreenshots(target.provider);
    let otpauthUri = '';
    /** What the sign-in page says to an unknown account (read in the first step). */
    let unknownAccountMessage: string | null = null;

    const snapshot = (step: string) => screenshots.take(page, step);
    const url = (path: string) => server.url.replace('127.0.0.1', 'localhost') + path;

    /**
     * Fills and posts the sign-in form; resolves with the answer to the post itself once the
     * page it leads to has loaded (so nothing is read from the previous page).
     */
    async function submitSignIn(email: string, password: string): Promise<Response> {
      await page.fill('#email', email);
      await page.fill('#password', password);
      const [answer] = await Promise.all([
        page.waitForResponse(
          (response) =>
            response.request().method() === 'POST' && new URL(response.url()).pathname === '/sign-in',
        ),
        page.waitForEvent('load'),
        page.click('button[type=submit]'),
      ]);
      return answer;
    }

    beforeAll(async () => {
      await screenshots.prepare();
      // Secure cookies stay on: Chromium treats http://localhost as a secure context.
      server = await startServer({
        env: { ...target.environment(), HOST: '127.0.0.1', PORT: '0' },
        settings: target.settings?.(),
      });
      // The demo users of `node dist/main.js`: ada (member of admins) and grace.
      await seedDemoUsers(server.provider);
      browser = await launchChromium();
      page = await browser.context.newPage();
    });

    afterEach(async () => {
      await target.fake?.().assertNoViolations();
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('answers a wrong password exactly as it answers an unknown account', async () => {
      await page.goto(url('/sign-in'));
      expect(await page.textContent('#provider')).toBe(target.provider);
      const wrongPassword = await submitSignIn(adminEmail, `${demoPassword}-wrong`);
      const wrongPasswordAlert = await page.textContent('[role=alert]');
      await snapshot('wrong-password');
      const unknownAccount = await submitSignIn(unknownEmail, demoPassword);
      const unknownAccountAlert = await page.textContent('[role=alert]');
      await snapshot('unknown-account');
      expect(wrongPassword.status()).toBe(401);
      expect(unknownAccount.status()).toBe(401);
      expect(wrongPasswordAlert).toBeTruthy();
      expect(unknownAccountAlert).toBe(wrongPasswordAlert);
      expect(page.url()).toContain('/sign-in');
      unknownAccountMessage = unknownAccountAlert;
    });

    it('signs in with a password and shows the protected page from a verified token', async () => {
      await page.goto(url('/'));
      await expect.poll(() => page.url()).toContain('/sign-in');
      await snapshot('sign-in');
      await submitSignIn(adminEmail, demoPassword);
      await page.waitForURL('**/account');
      expect(await page.textContent('#welcome')).toContain(adminEmail);
      expect(await page.textContent('#mfa-status')).toBe('not enrolled');
      expect(await page.textContent('#groups')).toContain('admins');
      await snapshot('account-without-mfa');
      const cookies = await browser.context.cookies();
      const session = cookies.find((cookie) => cookie.name === sessionCookie);
      expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' });
    });

    it('enrolls an authenticator app', async () => {
      // Every provider of this journey declares TOTP enrollment; Firebase, which enrolls
      // SMS factors only, has its own journey (browser-firebase.test.ts).
      expect(supportsOperation(server.provider.capabilities, 'mfa.enrollTotp')).toBe(true);
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

    it('still answers a wrong password like an unknown account once the account has an authenticator app', async (context) => {
      if (target.wrongPasswordWithAuthenticatorSkipReason) {
        context.skip(target.wrongPasswordWithAuthenticatorSkipReason);
      }
      const wrongPassword = await submitSignIn(adminEmail, `${demoPassword}-wrong`);
      expect(page.url()).toContain('/sign-in');
      expect(wrongPassword.status()).toBe(401);
      expect(await page.textContent('[role=alert]')).toBe(unknownAccountMessage);
      await snapshot('wrong-password-with-authenticator');
    });

    it('asks for the TOTP code at the next sign-in, refuses a wrong one and accepts the right one', async () => {
      await submitSignIn(adminEmail, demoPassword);
      await page.waitForURL('**/mfa');
      expect(await page.textContent('#mfa-prompt')).toContain('authenticator app');
      await snapshot('mfa-step');
      const right = authenticatorCode(otpauthUri, 1);
      const wrong = right === '000000' ? '111111' : '000000';
      await page.fill('#code', wrong);
      await page.click('button[type=submit]');
      await expect.poll(() => page.textContent('[role=alert]')).toBeTruthy();
      expect(page.url()).toContain('/mfa');
      await snapshot('mfa-wrong-code');
      // The enrollment code's period was used: the authenticator's next code (accepted
      // within the ±1 period window) avoids a replay refusal.
      await page.fill('#code', right);
      await page.click('button[type=submit]');
      await page.waitForURL('**/account');
      expect(await page.textContent('#welcome')).toContain(adminEmail);
      expect(await page.textContent('#subject')).toBeTruthy();
      await snapshot('protected-page-after-mfa');
    });

    it('lets a member of admins list and disable users', async () => {
      await page.click('#admin');
      await page.waitForURL('**/admin');
      const listed = await page.locator('#users tbody tr').count();
      expect(listed).toBe((await collect(server.provider.users.list())).length);
      const grace = page.locator('#users tbody tr', { hasText: 'grace@example.com' });
      expect(await grace.locator('td').nth(1).textContent()).toBe('enabled');
      await grace.locator('button').click();
      await page.waitForURL('**/admin');
      expect(await page.textContent('[role=status]')).toBe('User disabled.');
      expect(await grace.locator('td').nth(1).textContent()).toBe('disabled');
      const disabled = await server.provider.users.findByEmail('grace@example.com');
      expect(disabled?.enabled).toBe(false);
      await snapshot('user-admin');
    });

    it('signs out again and the old session cookie no longer opens the protected page', async () => {
      const before = (await browser.context.cookies()).find((cookie) => cookie.name === sessionCookie);
      await page.goto(url('/account'));
      await page.click('#sign-out');
      await page.waitForURL('**/sign-in');
      await snapshot('signed-out-again');
      const response = await fetch(url('/account'), {
        headers: { cookie: `${sessionCookie}=${before?.value}` },
        redirect: 'manual',
      });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/sign-in');
    });
  });
}
