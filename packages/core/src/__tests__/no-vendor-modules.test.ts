import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const distribution = fileURLToPath(new URL('../../dist/', import.meta.url));
const vendorModules =
  /auth0|@okta|okta-|@aws-sdk|aws-jwt-verify|firebase|@keycloak|keycloak|better-sqlite3|cognito/i;

it('importing @idport/core loads no vendor SDK (CommonJS build, checked at run time)', () => {
  const script = `require(${JSON.stringify(`${distribution}index.cjs`)}); console.log(JSON.stringify(Object.keys(require.cache)));`;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  expect(result.status).toBe(0);
  const loaded = JSON.parse(result.stdout) as string[];
  expect(loaded.some((path) => path.includes('zod'))).toBe(true);
  // Only installed packages are judged: the checkout's own path may contain any word.
  const packages = loaded
    .filter((path) => path.includes('node_modules/'))
    .map((path) => path.replace(/.*node_modules\//, ''));
  expect(packages.length).toBeGreaterThan(0);
  expect(packages.filter((path) => vendorModules.test(path))).toEqual([]);
});

it('the ES module build imports only node built-ins, jose, yaml and zod', () => {
  const source = readFileSync(`${distribution}index.js`, 'utf8');
  const specifiers = [...source.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map(
    (match) => match[1],
  );
  expect(specifiers.length).toBeGreaterThan(0);
  const thirdParty = specifiers.filter((specifier) => !isBuiltin(specifier as string));
  for (const specifier of thirdParty) expect(specifier).toMatch(/^(jose|yaml|zod)$/);
});
