import { collect, type IdentityProvider, supportsOperation } from '@idport/core';

/** The suite names every group it creates `idport-contract-<run>-...` (not configurable). */
const suiteGroupPrefix = 'idport-contract-';

/**
 * Deletes what the suite left behind when a CI job was killed mid-run: users whose email
 * starts with `<prefix>-` and groups named `idport-contract-*`; nothing else in the tenant
 * is touched. Returns the counts deleted.
 */
export async function cleanupTestUsers(
  provider: IdentityProvider,
  prefix: string,
): Promise<{ users: number; groups: number }> {
  if (!/^[a-z0-9][a-z0-9.-]{2,}$/i.test(prefix)) {
    throw new Error('the email prefix must be at least 3 letters, digits, dots or dashes');
  }
  const marker = `${prefix.toLowerCase()}-`;
  // Collect first, delete after: deleting while paging could skip users on some vendors.
  const users = (await collect(provider.users.list())).filter((user) =>
    user.email?.toLowerCase().startsWith(marker),
  );
  for (const user of users) await provider.users.delete(user.id);
  let groups = 0;
  if (supportsOperation(provider.capabilities, 'groups.list')) {
    for (const group of await collect(provider.groups.list())) {
      if (!group.name.startsWith(suiteGroupPrefix)) continue;
      await provider.groups.delete(group.id);
      groups += 1;
    }
  }
  return { users: users.length, groups };
}
