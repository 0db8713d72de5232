import {
  type AttributeValue,
  paginate,
  type UpdateUserInput,
  type User,
  type UserOperations,
} from '@idport/core';
import { mapOktaUser, type OktaUserLike, plainProfile } from './map-okta-user';
import type { OktaContext } from './okta-context';
import { mapOktaError } from './okta-errors';
import { decodeCursor, readOktaPage } from './okta-page';

const afterOf = (cursor: string | null) => {
  const after = decodeCursor(cursor);
  return after === null ? {} : { after };
};

/** Quotes a value for an Okta filter/search expression. */
export function quoteFilterValue(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

function isNotFound(error: unknown): boolean {
  return mapOktaError(error).code === 'USER_NOT_FOUND';
}

/** Port profile fields → Okta profile properties (`null` clears, `undefined` leaves alone). */
export function toOktaProfile(input: UpdateUserInput): Record<string, unknown> {
  const profile: Record<string, unknown> = {};
  if (input.email !== undefined) profile.email = input.email;
  if (input.givenName !== undefined) profile.firstName = input.givenName;
  if (input.familyName !== undefined) profile.lastName = input.familyName;
  if (input.displayName !== undefined) profile.displayName = input.displayName;
  if (input.phoneNumber !== undefined) profile.mobilePhone = input.phoneNumber;
  for (const [key, value] of Object.entries(input.attributes ?? {})) profile[key] = value as AttributeValue;
  return profile;
}

/** Reads a user by id or login; USER_NOT_FOUND when Okta has none. */
export async function getOktaUser(context: OktaContext, idOrLogin: string): Promise<OktaUserLike> {
  return (await context.client.userApi.getUser({ userId: idOrLogin })) as unknown as OktaUserLike;
}

/** User management on the Okta Users API. */
export function createOktaUsers(context: OktaContext): UserOperations {
  const { client } = context;

  const findByEmail = async (email: string): Promise<User | null> => {
    // `filter` reads the database (consistent right after a create); `search` reads an index
    // that can lag. The login lookup covers orgs where email and login differ in case.
    const collection = await client.userApi.listUsers({
      filter: `profile.email eq ${quoteFilterValue(email)}`,
      limit: 2,
    });
    const page = await readOktaPage(collection, (user) => user as unknown as OktaUserLike);
    const match = page.items.find(
      (user) => String(plainProfile(user).email ?? '').toLowerCase() === email.toLowerCase(),
    );
    if (match) return mapOktaUser(match);
    try {
      const byLogin = await getOktaUser(context, email);
      return String(plainProfile(byLogin).email ?? '').toLowerCase() === email.toLowerCase()
        ? mapOktaUser(byLogin)
        : null;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  };

  return {
    async create(input) {
      const profile = { ...toOktaProfile(input), login: input.email, email: input.email };
      // Without a password the user is created STAGED: activating would email an invitation.
      const user = await client.userApi.createUser({
        body: {
          profile,
          ...(input.password === undefined ? {} : { credentials: { password: { value: input.password } } }),
        } as never,
        activate: input.password !== undefined,
      });
      return mapOktaUser(user as unknown as OktaUserLike);
    },

    async get(userId) {
      return mapOktaUser(await getOktaUser(context, userId));
    },

    findByEmail,

    async update(userId, input) {
      const current = await getOktaUser(context, userId);
      const profile = toOktaProfile(input);
      const currentProfile = plainProfile(current);
      // Keep login = email when they were equal, so the user signs in with the new address.
      if (
        input.email !== undefined &&
        String(currentProfile.login ?? '').toLowerCase() === String(currentProfile.email ?? '').toLowerCase()
      ) {
        profile.login = input.email;
      }
      const updated = await client.userApi.updateUser({
        userId: String(current.id),
        user: { profile } as never,
      });
      return mapOktaUser(updated as unknown as OktaUserLike);
    },

    async setPassword(userId, password, options) {
      const user = await getOktaUser(context, userId);
      await client.userApi.updateUser({
        userId: String(user.id),
        user: { credentials: { password: { value: password } } } as never,
      });
      if (user.status === 'STAGED')
        await client.userApi.activateUser({ userId: String(user.id), sendEmail: false });
      if (options?.temporary) await client.userApi.expirePassword({ userId: String(user.id) });
    },

    async disable(userId) {
      const user = await getOktaUser(context, userId);
      // Suspension keeps the user restorable with all its factors; only ACTIVE users can be suspended.
      if (user.status === 'ACTIVE') await client.userApi.suspendUser({ userId: String(user.id) });
      else if (user.status !== 'SUSPENDED' && user.status !== 'DEPROVISIONED') {
        await client.userApi.deactivateUser({ userId: String(user.id), sendEmail: false });
      }
    },

    async enable(userId) {
      const user = await getOktaUser(context, userId);
      if (user.status === 'SUSPENDED') await client.userApi.unsuspendUser({ userId: String(user.id) });
      else if (user.status === 'DEPROVISIONED')
        await client.userApi.activateUser({ userId: String(user.id), sendEmail: false });
    },

    async delete(userId) {
      const user = await getOktaUser(context, userId);
      // Okta deletes only DEPROVISIONED users; the first DELETE would merely deactivate.
      if (user.status !== 'DEPROVISIONED')
        await client.userApi.deactivateUser({ userId: String(user.id), sendEmail: false });
      await client.userApi.deleteUser({ userId: String(user.id), sendEmail: false });
    },

    list(options) {
      const limit = options?.pageSize ?? 200;
      return paginate(async (cursor) => {
        const collection = await client.userApi.listUsers({ limit, ...afterOf(cursor) });
        return readOktaPage(collection, (user) => mapOktaUser(user as unknown as OktaUserLike));
      }, options?.cursor ?? null);
    },
  };
}
