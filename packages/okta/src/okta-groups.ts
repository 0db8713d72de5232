import { type Group, type GroupOperations, paginate } from '@idport/core';
import type { OktaContext } from './okta-context';
import { decodeCursor, readOktaPage } from './okta-page';

const afterOf = (cursor: string | null) => {
  const after = decodeCursor(cursor);
  return after === null ? {} : { after };
};

interface OktaGroupLike {
  id?: string;
  profile?: { name?: string; description?: string | null };
}

/** Okta group → port group. */
export function mapOktaGroup(group: OktaGroupLike): Group {
  const profile = (group.profile ?? {}) as Record<string, unknown>;
  return {
    id: String(group.id),
    name: String(profile.name ?? ''),
    description:
      typeof profile.description === 'string' && profile.description.length > 0 ? profile.description : null,
    raw: group,
  };
}

/** Okta groups (type OKTA_GROUP) and memberships. */
export function createOktaGroups(context: OktaContext): GroupOperations {
  const { client } = context;
  return {
    list(options) {
      const limit = options?.pageSize ?? 200;
      return paginate(async (cursor) => {
        const collection = await client.groupApi.listGroups({ limit, ...afterOf(cursor) });
        return readOktaPage(collection, (group) => mapOktaGroup(group as unknown as OktaGroupLike));
      }, options?.cursor ?? null);
    },
    async create(input) {
      const group = await client.groupApi.createGroup({
        group: {
          profile: {
            name: input.name,
            ...(input.description === undefined ? {} : { description: input.description }),
          },
        } as never,
      });
      return mapOktaGroup(group as unknown as OktaGroupLike);
    },
    async delete(groupId) {
      await client.groupApi.deleteGroup({ groupId });
    },
    async addMember({ groupId, userId }) {
      await client.groupApi.assignUserToGroup({ groupId, userId });
    },
    async removeMember({ groupId, userId }) {
      await client.groupApi.unassignUserFromGroup({ groupId, userId });
    },
    async listForUser(userId) {
      const collection = await client.userApi.listUserGroups({ userId });
      const groups: Group[] = [];
      for await (const group of collection)
        if (group) groups.push(mapOktaGroup(group as unknown as OktaGroupLike));
      return groups;
    },
  };
}
