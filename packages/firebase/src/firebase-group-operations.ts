import { type Group, type GroupOperations, IdentityError, paginate } from '@idport/core';
import type { UserRecord } from 'firebase-admin/auth';
import { mergeClaims, readClaims } from './firebase-claims';
import type { FirebaseContext } from './firebase-context';

function group(name: string, claim: string, memberCount?: number): Group {
  return {
    id: name,
    name,
    description: null,
    raw: memberCount === undefined ? { claim } : { claim, memberCount },
  };
}

/**
 * Groups modelled on a custom claim (`groups` by default): a user's groups are the string
 * array in that claim, the group id is its name. Firebase has no group objects, so a group
 * exists while it has members; `groups.create` is not offered because an empty group could
 * not be stored. `list` and `delete` read every user (one listUsers call per 1000 users).
 */
export function createFirebaseGroupOperations(context: FirebaseContext): Partial<GroupOperations> {
  const { auth, options } = context;
  const claim = options.groupsClaim;

  async function forEachUser(visit: (record: UserRecord) => Promise<void> | void): Promise<void> {
    let pageToken: string | undefined;
    do {
      const page = await auth.listUsers(1000, pageToken);
      for (const record of page.users) await visit(record);
      pageToken = page.pageToken;
    } while (pageToken);
  }

  async function setGroups(record: UserRecord, groups: readonly string[]): Promise<void> {
    await auth.setCustomUserClaims(record.uid, mergeClaims(record.customClaims, { groups }, claim));
  }

  return {
    list(listOptions) {
      const pageSize = listOptions?.pageSize ?? 100;
      // The cursor is the last group name of the previous page: names are listed sorted.
      return paginate(async (cursor) => {
        const counts = new Map<string, number>();
        await forEachUser((record) => {
          for (const name of readClaims(record.customClaims, claim).groups) {
            counts.set(name, (counts.get(name) ?? 0) + 1);
          }
        });
        const names = [...counts.keys()].sort().filter((name) => cursor === null || name > cursor);
        const items = names.slice(0, pageSize).map((name) => group(name, claim, counts.get(name)));
        const last = items.at(-1);
        return { items, nextCursor: names.length > pageSize && last ? last.name : null };
      }, listOptions?.cursor ?? null);
    },

    async delete(groupId) {
      let members = 0;
      await forEachUser(async (record) => {
        const groups = readClaims(record.customClaims, claim).groups;
        if (!groups.includes(groupId)) return;
        members += 1;
        await setGroups(
          record,
          groups.filter((name) => name !== groupId),
        );
      });
      if (members === 0) {
        throw new IdentityError({
          code: 'GROUP_NOT_FOUND',
          provider: 'firebase',
          message: 'No user is in that group',
        });
      }
    },

    async addMember(input) {
      const record = await auth.getUser(input.userId);
      const groups = readClaims(record.customClaims, claim).groups;
      if (groups.includes(input.groupId)) return;
      await setGroups(record, [...groups, input.groupId]);
    },

    async removeMember(input) {
      const record = await auth.getUser(input.userId);
      const groups = readClaims(record.customClaims, claim).groups;
      if (!groups.includes(input.groupId)) return;
      await setGroups(
        record,
        groups.filter((name) => name !== input.groupId),
      );
    },

    async listForUser(userId) {
      const record = await auth.getUser(userId);
      return readClaims(record.customClaims, claim).groups.map((name) => group(name, claim));
    },
  };
}
