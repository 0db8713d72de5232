import { randomBytes } from 'node:crypto';
import {
  type CreateUserInput,
  IdentityError,
  type Page,
  paginate,
  type UpdateUserInput,
  type User,
  type UserOperations,
} from '@idport/core';
import type { Auth0Context } from './auth0-context';
import { mapAuth0Error } from './auth0-errors';
import { decodeUserListCursor, encodeUserListCursor } from './auth0-list-cursor';
import { checkAuth0Profile } from './auth0-profile-limits';
import { type Auth0UserRecord, mapAuth0User } from './map-auth0-user';

/** Auth0 answers at most 1000 results per search query (page × per_page). */
const searchCap = 1000;

/**
 * Auth0 requires a password for database-connection users. A user created without one gets a
 * long random password nobody knows (never logged or returned), so it cannot sign in until
 * `setPassword` or a reset — the port's "no password" semantics.
 */
function unusablePassword(): string {
  return `${randomBytes(32).toString('base64url')}aA1!`;
}

function withoutNulls(attributes: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!attributes) return undefined;
  return Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== null));
}

/** Users through the Management API (`/api/v2/users`). */
export function createAuth0Users(context: Auth0Context): Partial<UserOperations> {
  const { management, options } = context;
  const notFound = (error: unknown) =>
    mapAuth0Error(error, { code: 'USER_NOT_FOUND', message: 'The user does not exist' });

  const update = async (userId: string, body: Record<string, unknown>): Promise<User> => {
    try {
      return mapAuth0User((await management.users.update(userId, body)) as Auth0UserRecord);
    } catch (error) {
      throw notFound(error);
    }
  };

  const fetchPage = async (pageSize: number, cursorText: string | null): Promise<Page<User>> => {
    const cursor = decodeUserListCursor(cursorText);
    if (!cursor)
      throw new IdentityError({
        code: 'INVALID_INPUT',
        provider: 'auth0',
        field: 'cursor',
        message: 'The cursor is not valid',
      });
    const response = await management.users.list({
      page: cursor.page,
      per_page: pageSize,
      include_totals: true,
      sort: 'created_at:1',
      search_engine: 'v3',
      ...(cursor.anchor ? { q: `created_at:["${cursor.anchor}" TO *]` } : {}),
    });
    const records = response.data as Auth0UserRecord[];
    const dropped = Math.min(cursor.skip, records.length);
    const items = records.slice(dropped).map(mapAuth0User);
    if (records.length < pageSize) return { items, nextCursor: null };
    // How many users at the latest creation instant have been returned so far (the raw page
    // counts: its dropped head was returned before).
    const last = String(records[records.length - 1]?.created_at);
    let trailing = 0;
    while (trailing < records.length && records[records.length - 1 - trailing]?.created_at === last)
      trailing += 1;
    const tail =
      trailing === records.length && cursor.page > 0 && cursor.lastSeen === last
        ? cursor.tail + trailing
        : trailing;
    const nextPage = cursor.page + 1;
    if ((nextPage + 1) * pageSize <= searchCap) {
      return {
        items,
        nextCursor: encodeUserListCursor({
          page: nextPage,
          anchor: cursor.anchor,
          skip: cursor.skip - dropped,
          lastSeen: last,
          tail,
        }),
      };
    }
    // The next page would pass Auth0's cap: start a new query at the last creation time seen.
    if (tail >= searchCap - pageSize) {
      throw new IdentityError({
        code: 'PROVIDER_ERROR',
        provider: 'auth0',
        message: `More than ${searchCap - pageSize} users share one creation time; list them with transfer.exportUsers`,
      });
    }
    return {
      items,
      nextCursor: encodeUserListCursor({ page: 0, anchor: last, skip: tail, lastSeen: last, tail }),
    };
  };

  return {
    async create(input: CreateUserInput) {
      checkAuth0Profile(input as unknown as Record<string, unknown>, 'users.create');
      try {
        const created = await management.users.create({
          connection: options.connection,
          email: input.email.toLowerCase(),
          password: input.password ?? unusablePassword(),
          email_verified: input.emailVerified ?? false,
          // Never let Auth0 send a verification email on creation: no email storms on imports.
          verify_email: false,
          ...(input.phoneNumber ? { phone_number: input.phoneNumber } : {}),
          ...(input.givenName ? { given_name: input.givenName } : {}),
          ...(input.familyName ? { family_name: input.familyName } : {}),
          ...(input.displayName ? { name: input.displayName } : {}),
          ...(input.attributes ? { user_metadata: withoutNulls(input.attributes) } : {}),
        });
        return mapAuth0User(created as Auth0UserRecord);
      } catch (error) {
        throw mapAuth0Error(error);
      }
    },

    get: context.getUser,

    async findByEmail(email: string) {
      try {
        const users = await management.users.listUsersByEmail({ email: email.toLowerCase() });
        const found = (users as Auth0UserRecord[]).find(
          (user) => user.email?.toLowerCase() === email.toLowerCase(),
        );
        return found ? mapAuth0User(found) : null;
      } catch (error) {
        throw mapAuth0Error(error);
      }
    },

    update(userId: string, input: UpdateUserInput) {
      checkAuth0Profile(input as unknown as Record<string, unknown>, 'users.update');
      const body: Record<string, unknown> = {};
      if (input.email !== undefined) {
        body.email = input.email.toLowerCase();
        body.verify_email = false;
        body.connection = options.connection;
      }
      if (input.emailVerified !== undefined) body.email_verified = input.emailVerified;
      if (input.phoneNumber !== undefined) body.phone_number = input.phoneNumber;
      if (input.givenName !== undefined) body.given_name = input.givenName;
      if (input.familyName !== undefined) body.family_name = input.familyName;
      if (input.displayName !== undefined) body.name = input.displayName;
      // Auth0 merges user_metadata at the top level and removes keys set to null.
      if (input.attributes !== undefined) body.user_metadata = input.attributes;
      return update(userId, body);
    },

    async setPassword(userId: string, password: string, setOptions?: { temporary?: boolean }) {
      if (setOptions?.temporary) {
        throw new IdentityError({
          code: 'INVALID_INPUT',
          provider: 'auth0',
          field: 'options.temporary',
          message:
            'Auth0 has no temporary passwords (no "change at next sign-in" state); send a password-change ticket instead',
        });
      }
      await update(userId, { password, connection: options.connection });
    },

    async disable(userId: string) {
      await update(userId, { blocked: true });
    },

    async enable(userId: string) {
      await update(userId, { blocked: false });
    },

    async delete(userId: string) {
      // DELETE answers 204 for unknown ids too; the port reports USER_NOT_FOUND, so look first.
      await context.getUser(userId);
      try {
        await management.users.delete(userId);
      } catch (error) {
        throw notFound(error);
      }
    },

    list(listOptions = {}) {
      const pageSize = listOptions.pageSize ?? 50;
      return paginate(
        (cursor) =>
          fetchPage(pageSize, cursor).catch((error) => {
            throw mapAuth0Error(error);
          }),
        listOptions.cursor ?? null,
      );
    },
  };
}
