import { randomUUID } from 'node:crypto';
import { collect, type Group } from '@idport/core';
import { describe, expect } from 'vitest';
import type { ContractContext } from './contract-context';
import { contractTest } from './contract-test';
import { expectIdentityError } from './expect-identity-error';

/** Groups and memberships (or the vendor's stand-in for them). */
export function groupsContract(context: ContractContext): void {
  describe('groups', () => {
    const groups = () => context.provider.groups;
    const createGroup = async (): Promise<Group> => {
      const group = await groups().create({ name: context.uniqueName(), description: 'contract test group' });
      context.trackGroup(group.id);
      return group;
    };

    contractTest(context, 'groups.create-and-list', ['groups.create', 'groups.list'], async () => {
      const group = await createGroup();
      const all = await collect(groups().list());
      const found = all.find((candidate) => candidate.id === group.id);
      expect(found?.name).toBe(group.name);
    });

    contractTest(context, 'groups.create-duplicate', ['groups.create'], async () => {
      const group = await createGroup();
      await expectIdentityError(groups().create({ name: group.name }), 'GROUP_ALREADY_EXISTS');
    });

    contractTest(
      context,
      'groups.add-member-and-list-for-user',
      ['users.create', 'groups.create', 'groups.addMember', 'groups.listForUser'],
      async () => {
        const user = await context.createUser();
        const group = await createGroup();
        await groups().addMember({ groupId: group.id, userId: user.id });
        const memberships = await groups().listForUser(user.id);
        expect(memberships.map((candidate) => candidate.id)).toContain(group.id);
      },
    );

    contractTest(
      context,
      'groups.add-member-is-idempotent',
      ['users.create', 'groups.create', 'groups.addMember', 'groups.listForUser'],
      async () => {
        const user = await context.createUser();
        const group = await createGroup();
        await groups().addMember({ groupId: group.id, userId: user.id });
        await groups().addMember({ groupId: group.id, userId: user.id });
        const memberships = await groups().listForUser(user.id);
        expect(memberships.filter((candidate) => candidate.id === group.id)).toHaveLength(1);
      },
    );

    contractTest(
      context,
      'groups.remove-member',
      ['users.create', 'groups.create', 'groups.addMember', 'groups.removeMember', 'groups.listForUser'],
      async () => {
        const user = await context.createUser();
        const group = await createGroup();
        await groups().addMember({ groupId: group.id, userId: user.id });
        await groups().removeMember({ groupId: group.id, userId: user.id });
        expect((await groups().listForUser(user.id)).map((candidate) => candidate.id)).not.toContain(
          group.id,
        );
      },
    );

    contractTest(
      context,
      'groups.delete',
      [
        'users.create',
        'groups.create',
        'groups.delete',
        'groups.list',
        'groups.addMember',
        'groups.listForUser',
      ],
      async () => {
        const user = await context.createUser();
        const group = await createGroup();
        await groups().addMember({ groupId: group.id, userId: user.id });
        await groups().delete(group.id);
        expect((await collect(groups().list())).map((candidate) => candidate.id)).not.toContain(group.id);
        expect((await groups().listForUser(user.id)).map((candidate) => candidate.id)).not.toContain(
          group.id,
        );
      },
    );

    contractTest(context, 'groups.unknown-group', ['users.create', 'groups.addMember'], async () => {
      const user = await context.createUser();
      await expectIdentityError(
        groups().addMember({ groupId: `missing-${randomUUID()}`, userId: user.id }),
        'GROUP_NOT_FOUND',
      );
    });

    contractTest(context, 'groups.unknown-user', ['groups.create', 'groups.addMember'], async () => {
      const group = await createGroup();
      await expectIdentityError(
        groups().addMember({ groupId: group.id, userId: `missing-${randomUUID()}` }),
        'USER_NOT_FOUND',
      );
    });

    contractTest(
      context,
      'groups.appear-in-access-token',
      ['users.create', 'groups.create', 'groups.addMember', 'auth.signIn', 'tokens.verifyAccessToken'],
      async () => {
        const user = await context.createUser();
        const group = await createGroup();
        await groups().addMember({ groupId: group.id, userId: user.id });
        const result = await context.provider.auth.signIn({
          email: user.email as string,
          password: context.password,
        });
        if (result.status !== 'authenticated') throw new Error('expected authenticated');
        const verified = await context.provider.tokens.verifyAccessToken(result.tokens.accessToken);
        expect(verified.groups).toContain(group.name);
      },
      { when: () => !context.quirks.groupsNotInTokens },
    );
  });
}
