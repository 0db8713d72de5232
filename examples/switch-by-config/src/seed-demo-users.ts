import { collect, type IdentityProvider } from '@idport/core';

/** The demo password of the seeded users (a throwaway in-memory store only). */
export const demoPassword = 'Analytical-Engine-1843';

/**
 * Creates ada@example.com (member of `admins`) and grace@example.com so a fresh
 * in-memory `local` provider has someone to sign in as. Does nothing for users that exist.
 */
export async function seedDemoUsers(provider: IdentityProvider): Promise<string[]> {
  const admins =
    (await collect(provider.groups.list())).find((group) => group.name === 'admins') ??
    (await provider.groups.create({ name: 'admins', description: 'may open /admin' }));
  const created: string[] = [];
  for (const [email, givenName, admin] of [
    ['ada@example.com', 'Ada', true],
    ['grace@example.com', 'Grace', false],
  ] as const) {
    if (await provider.users.findByEmail(email)) continue;
    const user = await provider.users.create({
      email,
      password: demoPassword,
      givenName,
      emailVerified: true,
    });
    if (admin) await provider.groups.addMember({ groupId: admins.id, userId: user.id });
    created.push(email);
  }
  return created;
}
