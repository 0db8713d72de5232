import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

it('runs the whole main job against the embedded provider chosen by config', { timeout: 120_000 }, () => {
  const result = spawnSync(process.execPath, [main], { encoding: 'utf8', env: { ...process.env } });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  const output = result.stdout;
  expect(output).toContain('against provider "local"');
  for (const step of [
    'signed up',
    'signed in with a password',
    'enrolled a TOTP factor',
    'a wrong password is refused',
    'asks for a second factor',
    'passed TOTP MFA',
    'refreshed the tokens',
    'verified the access token',
    'listed users',
    'signed out of every session',
    'quickstart finished',
  ]) {
    expect(output).toContain(step);
  }
  expect(output).toContain('audit: sign_in.failed');
  // The demo prints no password, token or TOTP secret.
  expect(output).not.toContain('Analytical-Engine-1843');
  expect(output).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
  expect(output).not.toMatch(/secret=/);
});

it('switches provider through IDPORT_PROVIDER and names a bad setting without echoing it', {
  timeout: 60_000,
}, () => {
  const canary = 'canary-secret-value-7f3a';
  const result = spawnSync(process.execPath, [main], {
    encoding: 'utf8',
    env: { ...process.env, IDPORT_PROVIDER: 'local', IDPORT_LOCAL_ACCESS_TOKEN_TTL_SECONDS: canary },
  });
  expect(result.status).not.toBe(0);
  const output = result.stdout + result.stderr;
  expect(output).toContain('settings.accessTokenTtlSeconds');
  expect(output).not.toContain(canary);
});
