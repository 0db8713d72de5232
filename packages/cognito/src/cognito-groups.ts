import {
  AdminAddUserToGroupCommand,
  AdminGetUserCommand,
  type AdminGetUserCommandOutput,
  AdminListGroupsForUserCommand,
  type AdminListGroupsForUserCommandOutput,
  AdminRemoveUserFromGroupCommand,
  CreateGroupCommand,
  type CreateGroupCommandOutput,
  DeleteGroupCommand,
  type GroupType,
  ListGroupsCommand,
  type ListGroupsCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { type Group, type GroupOperations, IdentityError, paginate } from '@idport/core';
import type { CognitoContext } from './cognito-context';
import { cognitoPageLimit, fillPage } from './fill-page';

/** Cognito group → port {@link Group}. Cognito names are the ids: unique per pool, immutable. */
export function mapCognitoGroup(group: GroupType): Group {
  if (!group.GroupName) throw new TypeError('Cognito group without GroupName');
  return { id: group.GroupName, name: group.GroupName, description: group.Description ?? null, raw: group };
}

/** Cognito groups. */
export function createCognitoGroups(context: CognitoContext): GroupOperations {
  const pool = { UserPoolId: context.settings.userPoolId };

  /** Cognito's own username of a user. Group membership calls on cognito-local match on it. */
  async function usernameOf(userId: string): Promise<string> {
    const user = await context.send<AdminGetUserCommandOutput>(
      new AdminGetUserCommand({ ...pool, Username: userId }),
      'user',
    );
    return user.Username ?? userId;
  }

  return {
    list(options) {
      return paginate<Group>(async (cursor) => {
        const page = await fillPage(options?.pageSize ?? cognitoPageLimit, cursor, async (limit, token) => {
          const output = await context.send<ListGroupsCommandOutput>(
            new ListGroupsCommand({ ...pool, Limit: limit, NextToken: token }),
            'group',
          );
          return { items: output.Groups ?? [], token: output.NextToken };
        });
        return { items: page.items.map(mapCognitoGroup), nextCursor: page.nextCursor };
      }, options?.cursor ?? null);
    },

    async create({ name, description }) {
      if (context.local) {
        // cognito-local overwrites an existing group silently (real Cognito answers
        // GroupExistsException), and its GetGroup fails with HTTP 500 for a missing group in
        // a pool without groups: look the name up in the listing instead.
        const output = await context.send<ListGroupsCommandOutput>(
          new ListGroupsCommand({ ...pool }),
          'group',
        );
        if ((output.Groups ?? []).some((group) => group.GroupName === name)) {
          throw new IdentityError({
            code: 'GROUP_ALREADY_EXISTS',
            provider: 'cognito',
            message: 'A group with this name exists',
          });
        }
      }
      const output = await context.send<CreateGroupCommandOutput>(
        new CreateGroupCommand({ ...pool, GroupName: name, Description: description }),
        'group',
      );
      return mapCognitoGroup(output.Group ?? { GroupName: name, Description: description });
    },

    async delete(groupId) {
      await context.send(new DeleteGroupCommand({ ...pool, GroupName: groupId }), 'group');
    },

    async addMember({ groupId, userId }) {
      await context.send(
        new AdminAddUserToGroupCommand({ ...pool, GroupName: groupId, Username: userId }),
        'group',
      );
    },

    async removeMember({ groupId, userId }) {
      await context.send(
        new AdminRemoveUserFromGroupCommand({ ...pool, GroupName: groupId, Username: userId }),
        'group',
      );
    },

    async listForUser(userId) {
      const username = await usernameOf(userId);
      const groups: Group[] = [];
      let nextToken: string | undefined;
      do {
        const output = await context.send<AdminListGroupsForUserCommandOutput>(
          new AdminListGroupsForUserCommand({
            ...pool,
            Username: username,
            Limit: cognitoPageLimit,
            NextToken: nextToken,
          }),
          'group',
        );
        groups.push(...(output.Groups ?? []).map(mapCognitoGroup));
        nextToken = output.NextToken;
      } while (nextToken);
      return groups;
    },
  };
}
