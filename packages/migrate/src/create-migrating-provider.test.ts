import { collect } from '@idport/core';
import { createLocalProvider } from '@idport/local';
import { expect, it } from 'vitest';
import { createMigratingProvider } from './create-migrating-provider';

const fast = { passwordHashing: { logN: 10, blockSize: 8, parallelization: 1 } };
const password = 'Old-Vendor-Password-1';

it('moves a user at first sign-in, with the password they typed, exactly once', async () => {
  const from = await createLocalProvider(fast);
  const to = await createLocalProvider(fast);
  await from.users.create({ email: 'lazy@example.com', password, givenName: 'Lazy' });
  const migrated: string[] = [];
  const provider = createMigratingProvider({
    from,
    to,
    onMigrated: ({ email }) => void migrated.push(email),
  });

  await expect(
    provider.auth.signIn({ email: 'lazy@example.com', password: 'Wrong-Password-9' }),
  ).rejects.toMatchObject({
    code: 'INVALID_CREDENTIALS',
  });
  expect(await to.users.findByEmail('lazy@example.com')).toBeNull();

  const [first, concurrent] = await Promise.all([
    provider.auth.signIn({ email: 'lazy@example.com', password }),
    provider.auth.signIn({ email: 'lazy@example.com', password }),
  ]);
  expect(first.status).toBe('authenticated');
  expect(concurrent.status).toBe('authenticated');
  expect(migrated).toEqual(['lazy@example.com']);
  const atTarget = await to.users.findByEmail('lazy@example.com');
  expect(atTarget?.givenName).toBe('Lazy');
  expect((await to.auth.signIn({ email: 'lazy@example.com', password })).status).toBe('authenticated');
  expect(await collect(to.users.list())).toHaveLength(1);

  await expect(provider.auth.signIn({ email: 'nobody@example.com', password })).rejects.toMatchObject({
    code: 'INVALID_CREDENTIALS',
  });
});
