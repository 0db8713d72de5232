import { collect, IdentityError, type IdentityProvider, UnsupportedOperationError } from '@idport/core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createEmulatorProvider, emulatorBackdoor } from './__fixtures__/firebase-test-environment';

const host = inject('firebaseEmulatorHost');
const backdoor = emulatorBackdoor(host);
const password = 'Correct-Horse-9-Battery!';

let provider: IdentityProvider;

describe.skipIf(!host)('firebase groups (custom claims) against the Auth emulator', () => {
  beforeAll(() => {
    provider = createEmulatorProvider(host);
  });
  afterAll(async () => {
    await provider.close();
  });
  beforeEach(async () => {
    await backdoor.reset();
  });

  it('declares the custom-claims model and no groups.create', async () => {
    expect(provider.capabilities.groupModel).toBe('custom-claims');
    await expect(provider.groups.create({ name: 'admins' })).rejects.toSatisfy((error) =>
      UnsupportedOperationError.isInstance(error),
    );
  });

  it('adds and removes members idempotently, keeping other claims', async () => {
    const user = await provider.users.create({ email: 'g@example.com', attributes: { plan: 'pro' } });
    await provider.groups.addMember({ groupId: 'admins', userId: user.id });
    await provider.groups.addMember({ groupId: 'admins', userId: user.id });
    await provider.groups.addMember({ groupId: 'editors', userId: user.id });
    expect((await provider.groups.listForUser(user.id)).map((group) => group.id)).toEqual([
      'admins',
      'editors',
    ]);
    await provider.groups.removeMember({ groupId: 'admins', userId: user.id });
    await provider.groups.removeMember({ groupId: 'admins', userId: user.id });
    expect((await provider.groups.listForUser(user.id)).map((group) => group.id)).toEqual(['editors']);
    expect((await provider.users.get(user.id)).attributes).toEqual({ plan: 'pro' });
  });

  it('puts the groups into the ID token and the verifier reads them', async () => {
    const user = await provider.users.create({ email: 't@example.com', password });
    await provider.groups.addMember({ groupId: 'admins', userId: user.id });
    const result = await provider.auth.signIn({ email: 't@example.com', password });
    if (result.status !== 'authenticated') throw new Error('expected authenticated');
    expect((await provider.tokens.verifyIdToken(result.tokens.idToken as string)).groups).toEqual(['admins']);
  });

  it('lists groups derived from members, paged, and deletes a group from every member', async () => {
    const first = await provider.users.create({ email: 'a@example.com' });
    const second = await provider.users.create({ email: 'b@example.com' });
    for (const groupId of ['c', 'a', 'b']) await provider.groups.addMember({ groupId, userId: first.id });
    await provider.groups.addMember({ groupId: 'a', userId: second.id });
    const pages = [];
    for await (const page of provider.groups.list({ pageSize: 2 }).pages())
      pages.push(page.items.map((group) => group.name));
    expect(pages).toEqual([['a', 'b'], ['c']]);
    expect((await collect(provider.groups.list())).find((group) => group.id === 'a')?.raw).toEqual({
      claim: 'groups',
      memberCount: 2,
    });
    await provider.groups.delete('a');
    expect((await provider.groups.listForUser(first.id)).map((group) => group.id)).toEqual(['c', 'b']);
    expect(await provider.groups.listForUser(second.id)).toEqual([]);
    const error = await provider.groups.delete('a').catch((caught: unknown) => caught);
    expect(IdentityError.isInstance(error) && error.code).toBe('GROUP_NOT_FOUND');
  });

  it('uses the configured claim name', async () => {
    const custom = createEmulatorProvider(host, { groupsClaim: 'roles' });
    try {
      const user = await custom.users.create({ email: 'r@example.com' });
      await custom.groups.addMember({ groupId: 'ops', userId: user.id });
      const raw = (await custom.users.get(user.id)).raw as { customClaims?: Record<string, unknown> };
      expect(raw.customClaims).toEqual({ roles: ['ops'] });
    } finally {
      await custom.close();
    }
  });
});
