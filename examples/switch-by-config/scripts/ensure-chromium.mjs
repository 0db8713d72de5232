#!/usr/bin/env node
// The browser test drives Debian's Chromium (no test tool may download a browser of its
// own here). On a fresh machine it is missing: install it from Debian's packages. CI runs
// as root with those reachable; elsewhere this prints what to run and fails.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function ensureChromium() {
  if (existsSync(chromiumPath)) return chromiumPath;
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!asRoot) {
    throw new Error(`${chromiumPath} is missing: run "sudo apt-get install -y chromium" once`);
  }
  console.log(`${chromiumPath} is missing: installing Debian's chromium package`);
  const environment = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env: environment }).status === 0;
  // Install from the current lists first; update them only if that fails (saves ~10 s).
  if (!run(['install', '-y', '--no-install-recommends', 'chromium'])) {
    if (!run(['update']) || !run(['install', '-y', '--no-install-recommends', 'chromium'])) {
      throw new Error('apt-get install chromium failed');
    }
  }
  if (!existsSync(chromiumPath)) throw new Error(`chromium installed but ${chromiumPath} is missing`);
  return chromiumPath;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(`chromium: ${ensureChromium()}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
