import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runIdentityProviderContract } from '@idport/contract-tests';
import { afterAll } from 'vitest';
import { createLocalProvider } from './local-provider';

// Codes the provider "sends" at sign-up, read back by the suite's backdoor.
const outbox = new Map<string, string>();
const directory = mkdtempSync(join(tmpdir(), 'idport-local-contract-'));
let fileCounter = 0;
afterAll(() => rmSync(directory, { recursive: true, force: true }));

// scrypt at 2^12 instead of the default 2^17 keeps ~600 hashes fast; the default cost is
// covered by local-provider.test.ts.
const settings = {
  passwordHashing: { logN: 12, blockSize: 8, parallelization: 1 },
  deliver: (message: { email: string; code: string }) => {
    outbox.set(message.email.toLowerCase(), message.code);
  },
};
const backdoor = {
  readSignUpCode: async (email: string) => outbox.get(email.toLowerCase()) ?? '',
};

runIdentityProviderContract({
  name: 'local (:memory:)',
  createProvider: () => createLocalProvider({ ...settings, database: ':memory:' }),
  backdoor,
});

runIdentityProviderContract({
  name: 'local (SQLite file)',
  createProvider: () => {
    fileCounter += 1;
    return createLocalProvider({ ...settings, database: join(directory, `contract-${fileCounter}.db`) });
  },
  backdoor,
});
