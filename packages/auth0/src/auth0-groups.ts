import { type Group, type GroupOperations, IdentityError, paginate } from '@idport/core';
import type { Auth0Context } from './auth0-context';
import { mapAuth0Error } from './auth0-errors';

interface Auth0Role {
  id?: string;
  name?: string;
  description?: string;
}

function toGroup(role: Auth0Role): Group {
  return { id: String(role.id), name: String(role.name), description: role.description ?? null, raw: role };
}

const groupNotFound = (cause?: unknown) =>
  new IdentityError({
    code: 'GROUP_NOT_FOUND',
    provider: 'auth0',
    message: 'The role does not exist',
    cause,
  });

/** Auth0 role ids look like `rol_` and 16 letters or digits; anything else cannot name a role. */
const roleIdPattern = /^rol_[A-Za-z0-9]{16}$/;

/** The port's groups as Auth0 roles (`groupModel: 'roles'`). */
export function createAuth0Groups(context: Auth0Context): Partial<GroupOperations> {
  const { management } = context;

  const requireRole = async (groupId: string): Promise<void> => {
    if (!roleIdPattern.test(groupId)) throw groupNotFound();
    try {
      await management.roles.get(groupId);
    } catch (error) {
      const mapped = mapAuth0Error(error);
      throw mapped.status === 404 ? groupNotFound(error) : mapped;
    }
  };

  return {
    list(options = {}) {
      const pageSize = options.pageSize ?? 50;
      return paginate(async (cursor) => {
        if (cursor !== null && !/^\d{1,6}$/.test(cursor)) {
          throw new IdentityError({
            code: 'INVALID_INPUT',
            provider: 'auth0',
            field: 'cursor',
            message: 'The cursor is not valid',
          });
        }
        const page = cursor === null ? 0 : Number(cursor);
        try {
          const response = await management.roles.list({ page, per_page: pageSize, include_totals: true });
          const roles = response.data as Auth0Role[];
          return { items: roles.map(toGroup), nextCursor: roles.length < pageSize ? null : String(page + 1) };
        } catch (error) {
          throw mapAuth0Error(error);
        }
      }, options.cursor ?? null);
    },

    async create({ name, description }) {
      try {
        return toGroup(await management.roles.create({ name, ...(description ? { description } : {}) }));
      } catch (error) {
        throw mapAuth0Error(error);
      }
    },

    async delete(groupId) {
      await requireRole(groupId);
      try {
        await management.roles.delete(groupId);
      } catch (error) {
        throw mapAuth0Error(error);
      }
    },

    async addMember({ groupId, userId }) {
      await requireRole(groupId);
      try {
        await management.users.roles.assign(userId, { roles: [groupId] });
      } catch (error) {
        throw mapAuth0Error(error, { code: 'USER_NOT_FOUND', message: 'The user does not exist' });
      }
    },

    async removeMember({ groupId, userId }) {
      await requireRole(groupId);
      try {
        await management.users.roles.delete(userId, { roles: [groupId] });
      } catch (error) {
        throw mapAuth0Error(error, { code: 'USER_NOT_FOUND', message: 'The user does not exist' });
      }
    },

    async listForUser(userId) {
      const groups: Group[] = [];
      try {
        for (let page = 0; ; page += 1) {
          const response = await management.users.roles.list(userId, {
            page,
            per_page: 100,
            include_totals: true,
          });
          const roles = response.data as Auth0Role[];
          groups.push(...roles.map(toGroup));
          if (roles.length < 100) return groups;
        }
      } catch (error) {
        throw mapAuth0Error(error, { code: 'USER_NOT_FOUND', message: 'The user does not exist' });
      }
    },
  };
}
