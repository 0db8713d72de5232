import { randomUUID } from 'node:crypto';
import { collect } from '@idport/core';
import { afterAll, describe, expect, it } from 'vitest';
import { expectCode } from './test-support/expect-code';
import { testPassword, testProvider, uniqueEmail } from './test-support/test-provider';

describe.each(['emailPool', 'usernamePool'] as const)('groups against cognito-local (%s)', (pool) => {
  const provider = testProvider(pool);
  afterAll(() => provider.close());
  const groupName = () => `idport-${randomUUID().slice(0, 8)}`;

  it('creates, lists and deletes a group; a second create of the name fails', async () => {
    const name = groupName();
    const group = await provider.groups.create({ name, description: 'Editors' });
    expect(group).toMatchObject({ id: name, name, description: 'Editors' });
    expect((await collect(provider.groups.list())).map((listed) => listed.id)).toContain(name);
    await expectCode(provider.groups.create({ name }), 'GROUP_ALREADY_EXISTS');
    await provider.groups.delete(name);
    expect((await collect(provider.groups.list())).map((listed) => listed.id)).not.toContain(name);
    await expectCode(provider.groups.delete(name), 'GROUP_NOT_FOUND');
  });

  it('adds and removes members, and the groups reach the tokens', async () => {
    const name = groupName();
    await provider.groups.create({ name });
    const email = uniqueEmail('member');
    const user = await provider.users.create({ email, password: testPassword });
    await provider.groups.addMember({ groupId: name, userId: user.id });
    expect((await provider.groups.listForUser(user.id)).map((group) => group.id)).toEqual([name]);
    const result = await provider.auth.signIn({ email, password: testPassword });
    if (result.status !== 'authenticated') throw new Error('not authenticated');
    expect((await provider.tokens.verifyAccessToken(result.tokens.accessToken)).groups).toEqual([name]);
    await provider.groups.removeMember({ groupId: name, userId: user.id });
    expect(await provider.groups.listForUser(user.id)).toEqual([]);
  });

  it('answers GROUP_NOT_FOUND and USER_NOT_FOUND for membership of unknown ones', async () => {
    const name = groupName();
    await provider.groups.create({ name });
    const user = await provider.users.create({ email: uniqueEmail('member') });
    await expectCode(provider.groups.addMember({ groupId: groupName(), userId: user.id }), 'GROUP_NOT_FOUND');
    await expectCode(
      provider.groups.addMember({ groupId: name, userId: '00000000-0000-0000-0000-000000000000' }),
      'USER_NOT_FOUND',
    );
    await expectCode(provider.groups.listForUser('00000000-0000-0000-0000-000000000000'), 'USER_NOT_FOUND');
  });
});
