import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type RunningServer, startServer } from './start-server';
import { readSmsCode } from './test-support/firebase-emulator';
import { launchChromium } from './test-support/launch-chromium';
import { stepScreenshots } from './test-support/step-screenshots';

const password = 'Correct-Horse-9-Battery!';
const phoneNumber = '+15555550142';

// Firebase plugs in by configuration only: the same app, IDPORT_PROVIDER=firebase. Its
// emulator has no TOTP, so the second factor here is the SMS factor Firebase offers, and
// the account page (reading the manifest) offers no authenticator enrollment.
describe('in Chromium, against firebase (Auth emulator)', () => {
  let server: RunningServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const email = `ada-firebase-${Date.now()}@example.com`;
  const screenshots = stepScreenshots('firebase');
  const snapshot = (step: string) => screenshots.take(page, step);

  beforeAll(async () => {
    await screenshots.prepare();
    server = await startServer({
      env: {
        IDPORT_PROVIDER: 'firebase',
        IDPORT_FIREBASE_PROJECT_ID: 'demo-test',
        IDPORT_FIREBASE_EMULATOR_HOST: inject('firebaseEmulatorHost'),
        HOST: '127.0.0.1',
        PORT: '0',
      },
    });
    const user = await server.provider.users.create({
      email,
      password,
      emailVerified: true,
      providerOptions: { firebase: { mfaPhoneNumbers: [phoneNumber] } },
    });
    // Firebase groups are names in a custom claim: no group to create first.
    await server.provider.groups.addMember({ groupId: 'admins', userId: user.id });
    browser = await launchChromium();
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const url = (path: string) => server.url.replace('127.0.0.1', 'localhost') + path;

  it('signs in, passes the SMS step, shows the protected page, and signs out', async () => {
    await page.goto(url('/sign-in'));
    expect(await page.textContent('#provider')).toBe('firebase');
    await snapshot('sign-in');
    await page.fill('#email', email);
    await page.fill('#password', password);
    await page.click('button[type=submit]');
    await page.waitForURL('**/mfa');
    expect(await page.textContent('#mfa-prompt')).toContain('SMS');
    await snapshot('sms-step');
    await page.fill('#code', await readSmsCode(inject('firebaseEmulatorHost'), phoneNumber));
    await page.click('button[type=submit]');
    await page.waitForURL('**/account');
    expect(await page.textContent('#welcome')).toContain(email);
    expect(await page.textContent('#groups')).toContain('admins');
    expect(await page.textContent('#other-factors')).toBe('sms');
    expect(await page.locator('#setup-mfa').count()).toBe(0);
    await snapshot('protected-page-after-sms');
    await page.click('#sign-out');
    await page.waitForURL('**/sign-in');
    await snapshot('signed-out');
    await page.goto(url('/account'));
    expect(page.url()).toContain('/sign-in');
  });
});
