import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collect, createIdentityProvider } from '@idport/core';
import { expect, it } from 'vitest';

const cleanupScript = fileURLToPath(new URL('../dist/cleanup.js', import.meta.url));

// Against a local provider on a file, not the cognito-local pool the suite is using at the
// same moment in another worker: cleanup deletes idport-contract-* groups.
it('deletes only the users with the prefix and the suite groups, configured like the CI job', async () => {
  const database = join(mkdtempSync(join(tmpdir(), 'idport-cleanup-')), 'tenant.db');
  const settings = { database, passwordHashing: { logN: 10 } };
  const provider = await createIdentityProvider({ provider: 'local', settings });
  await provider.users.create({ email: 'leftover-ci-1-a@example.com' });
  await provider.users.create({ email: 'LEFTOVER-CI-1-b@example.com' });
  await provider.users.create({ email: 'real.customer@example.com' });
  await provider.users.create({ email: 'leftover-cix@example.com' });
  await provider.groups.create({ name: 'idport-contract-run1-group-3' });
  await provider.groups.create({ name: 'admins' });
  await provider.close();

  const result = spawnSync(process.execPath, [cleanupScript], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      IDPORT_PROVIDER: 'local',
      IDPORT_LOCAL_DATABASE: database,
      IDPORT_LOCAL_PASSWORD_HASHING__LOG_N: '10',
      IDPORT_CONTRACT_EMAIL_PREFIX: 'leftover-ci-1',
    },
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(result.stdout).toContain('deleted 2 leftover leftover-ci-1-* users and 1 idport-contract-* groups');

  const after = await createIdentityProvider({ provider: 'local', settings });
  try {
    expect((await collect(after.users.list())).map((user) => user.email).sort()).toEqual([
      'leftover-cix@example.com',
      'real.customer@example.com',
    ]);
    expect((await collect(after.groups.list())).map((group) => group.name)).toEqual(['admins']);
  } finally {
    await after.close();
  }
});

it('refuses a prefix so short it could match real users', async () => {
  const result = spawnSync(process.execPath, [cleanupScript], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, IDPORT_PROVIDER: 'local', IDPORT_CONTRACT_EMAIL_PREFIX: 'a' },
  });
  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain('email prefix must be at least 3');
});
