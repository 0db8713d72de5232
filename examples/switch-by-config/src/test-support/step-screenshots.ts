import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/**
 * Keeps a numbered full-page screenshot of each step in
 * `test-results/screenshots/<provider>/NN-step.png`; secrets on screen (TOTP key, otpauth
 * URI, recovery codes) are masked.
 */
export function stepScreenshots(provider: string): {
  prepare(): Promise<void>;
  take(page: Page, step: string): Promise<void>;
} {
  const folder = join('test-results', 'screenshots', provider);
  let taken = 0;
  return {
    /** Empties the provider's folder, so no screenshot of an earlier run passes for this one. */
    async prepare() {
      await rm(folder, { recursive: true, force: true });
      await mkdir(folder, { recursive: true });
    },
    async take(page, step) {
      taken += 1;
      await page.screenshot({
        path: join(folder, `${String(taken).padStart(2, '0')}-${step}.png`),
        fullPage: true,
        mask: [page.locator('#totp-secret, #otpauth-uri, #recovery-codes')],
      });
    },
  };
}
