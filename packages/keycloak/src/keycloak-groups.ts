import { type Group, type GroupOperations, IdentityError, paginate } from '@idport/core';
import type GroupRepresentation from '@keycloak/keycloak-admin-client/lib/defs/groupRepresentation.js';
import type { KeycloakContext } from './keycloak-context';
import { mapKeycloakError } from './keycloak-errors';
import { KeycloakHttpError } from './keycloak-token-client';

function mapGroup(group: GroupRepresentation): Group {
  return {
    id: String(group.id),
    name: String(group.name),
    description: group.description ?? null,
    raw: group,
  };
}

function offsetCursor(cursor: string | null): number {
  if (cursor === null) return 0;
  const match = /^kcg1\.(\d{1,9})$/.exec(cursor);
  if (!match) {
    throw new IdentityError({
      code: 'INVALID_INPUT',
      provider: 'keycloak',
      field: 'cursor',
      message: 'The cursor is not one this provider issued',
    });
  }
  return Number(match[1]);
}

/** Keycloak groups (top-level) and memberships. */
export function keycloakGroups(context: KeycloakContext): Partial<GroupOperations> {
  const groupMustExist = async (groupId: string) => {
    const group = await context.admin('group', (client) => client.groups.findOne({ id: groupId }));
    if (!group)
      throw mapKeycloakError(
        new KeycloakHttpError({ status: 404, body: { error: 'Group not found' }, retryAfter: null }),
        'group',
      );
    return group;
  };

  return {
    list(options) {
      const pageSize = options?.pageSize ?? 100;
      return paginate(async (cursor) => {
        const first = offsetCursor(cursor);
        const groups = await context.admin('group', (client) =>
          client.groups.find({ first, max: pageSize, briefRepresentation: true }),
        );
        return {
          items: groups.map(mapGroup),
          nextCursor: groups.length < pageSize ? null : `kcg1.${first + groups.length}`,
        };
      }, options?.cursor ?? null);
    },
    async create(input) {
      const representation: GroupRepresentation = { name: input.name };
      if (input.description !== undefined) representation.description = input.description;
      const { id } = await context.admin('group', (client) => client.groups.create(representation));
      return mapGroup(await groupMustExist(id));
    },
    async delete(groupId) {
      await context.admin('group', (client) => client.groups.del({ id: groupId }));
    },
    async addMember({ groupId, userId }) {
      // Keycloak answers 404 for either id; look both up to name the right one.
      await context.getUser(userId);
      await groupMustExist(groupId);
      await context.admin('group', (client) => client.users.addToGroup({ id: userId, groupId }));
    },
    async removeMember({ groupId, userId }) {
      await context.getUser(userId);
      await groupMustExist(groupId);
      await context.admin('group', (client) => client.users.delFromGroup({ id: userId, groupId }));
    },
    async listForUser(userId) {
      await context.getUser(userId);
      const groups = await context.admin('user', (client) =>
        client.users.listGroups({ id: userId, briefRepresentation: true }),
      );
      return groups.map(mapGroup);
    },
  };
}
