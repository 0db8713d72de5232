import {
  type CreateUserInput,
  IdentityError,
  type ListUsersOptions,
  type PageIterable,
  paginate,
  type UpdateUserInput,
  type User,
  type UserOperations,
} from '@idport/core';
import type UserRepresentation from '@keycloak/keycloak-admin-client/lib/defs/userRepresentation.js';
import type { KeycloakContext } from './keycloak-context';
import { mapKeycloakUser, reservedAttributes } from './map-keycloak-user';
import { decodeUsersCursor, encodeUsersCursor, pageFromWindow } from './users-cursor';

/** Default and largest page of `users.list` (Keycloak's own default `max` is 100). */
export const keycloakDefaultPageSize = 100;

/** The fields of a representation the adapter owns when it writes a user back (PUT replaces them). */
export function writableRepresentation(user: UserRepresentation): UserRepresentation {
  const representation: UserRepresentation = {
    username: user.username,
    enabled: user.enabled,
    emailVerified: user.emailVerified,
    attributes: { ...(user.attributes ?? {}) },
    requiredActions: [...(user.requiredActions ?? [])],
  };
  if (user.email !== undefined) representation.email = user.email;
  if (user.firstName !== undefined) representation.firstName = user.firstName;
  if (user.lastName !== undefined) representation.lastName = user.lastName;
  return representation;
}

function setAttribute(
  attributes: Record<string, unknown>,
  key: string,
  value: string | number | boolean | null | undefined,
) {
  if (value === undefined) return;
  if (value === null) delete attributes[key];
  else attributes[key] = [String(value)];
}

/** Users through the admin REST API. Usernames are the lowercased email. */
export function keycloakUsers(context: KeycloakContext): Partial<UserOperations> {
  const findByEmail = async (email: string): Promise<UserRepresentation | null> => {
    const found = await context.admin('user', (client) =>
      client.users.find({ email, exact: true, briefRepresentation: false, max: 2 }),
    );
    return found.find((user) => user.email?.toLowerCase() === email.toLowerCase()) ?? null;
  };

  const update = async (userId: string, input: UpdateUserInput): Promise<User> => {
    const current = await context.getUser(userId);
    const representation = writableRepresentation(current);
    const attributes = representation.attributes as Record<string, unknown>;
    if (input.email !== undefined) representation.email = input.email.toLowerCase();
    if (input.emailVerified !== undefined) representation.emailVerified = input.emailVerified;
    if (input.givenName !== undefined) representation.firstName = input.givenName ?? '';
    if (input.familyName !== undefined) representation.lastName = input.familyName ?? '';
    setAttribute(attributes, reservedAttributes.displayName, input.displayName);
    setAttribute(attributes, reservedAttributes.phoneNumber, input.phoneNumber);
    for (const [key, value] of Object.entries(input.attributes ?? {})) setAttribute(attributes, key, value);
    await context.admin('user', (client) => client.users.update({ id: userId }, representation));
    return mapKeycloakUser(await context.getUser(userId));
  };

  const setEnabled = async (userId: string, enabled: boolean) => {
    const representation = writableRepresentation(await context.getUser(userId));
    representation.enabled = enabled;
    await context.admin('user', (client) => client.users.update({ id: userId }, representation));
  };

  return {
    async create(input: CreateUserInput) {
      const attributes: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(input.attributes ?? {})) setAttribute(attributes, key, value);
      setAttribute(attributes, reservedAttributes.displayName, input.displayName);
      setAttribute(attributes, reservedAttributes.phoneNumber, input.phoneNumber);
      const representation: UserRepresentation = {
        username: input.email.toLowerCase(),
        email: input.email.toLowerCase(),
        emailVerified: input.emailVerified ?? false,
        enabled: true,
        attributes: attributes as UserRepresentation['attributes'],
      };
      if (input.givenName !== undefined) representation.firstName = input.givenName;
      if (input.familyName !== undefined) representation.lastName = input.familyName;
      // One call: Keycloak checks the password policy and refuses the whole user when it fails.
      if (input.password !== undefined) {
        representation.credentials = [{ type: 'password', value: input.password, temporary: false }];
      }
      const { id } = await context.admin('user', (client) => client.users.create(representation));
      return mapKeycloakUser(await context.getUser(id));
    },
    async get(userId) {
      return mapKeycloakUser(await context.getUser(userId));
    },
    async findByEmail(email) {
      const user = await findByEmail(email);
      return user ? mapKeycloakUser(user) : null;
    },
    update,
    async setPassword(userId, password, options) {
      await context.admin('user', (client) =>
        client.users.resetPassword({
          id: userId,
          credential: { type: 'password', value: password, temporary: options?.temporary === true },
        }),
      );
    },
    disable: (userId) => setEnabled(userId, false),
    enable: (userId) => setEnabled(userId, true),
    async delete(userId) {
      await context.admin('user', (client) => client.users.del({ id: userId }));
    },
    list(options?: ListUsersOptions): PageIterable<User> {
      const pageSize = options?.pageSize ?? keycloakDefaultPageSize;
      const start = decodeUsersCursor(options?.cursor);
      return paginate(async (cursorText) => {
        const cursor = cursorText === null ? start : decodeUsersCursor(cursorText);
        const windowStart = Math.max(0, cursor.offset - pageSize);
        const requested = pageSize * 2 + 1;
        const window = await context.admin('user', (client) =>
          client.users.find({ first: windowStart, max: requested, briefRepresentation: false }),
        );
        const { items, nextCursor } = pageFromWindow(window, windowStart, requested, cursor, pageSize);
        return {
          items: items.map(mapKeycloakUser),
          nextCursor: nextCursor ? encodeUsersCursor(nextCursor) : null,
        };
      }, options?.cursor ?? null);
    },
  };
}

/** Finds the account a sign-in name refers to (username, else email), or null. */
export async function findLoginUser(
  context: KeycloakContext,
  login: string,
): Promise<UserRepresentation | null> {
  try {
    const byUsername = await context.admin('user', (client) =>
      client.users.find({ username: login, exact: true, briefRepresentation: false, max: 2 }),
    );
    const exact = byUsername.find((user) => user.username === login.toLowerCase());
    if (exact) return exact;
    const byEmail = await context.admin('user', (client) =>
      client.users.find({ email: login, exact: true, briefRepresentation: false, max: 2 }),
    );
    return byEmail.find((user) => user.email?.toLowerCase() === login.toLowerCase()) ?? null;
  } catch (error) {
    if (IdentityError.isInstance(error) && error.code === 'USER_NOT_FOUND') return null;
    throw error;
  }
}
