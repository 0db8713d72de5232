import {
  type AttributeValue,
  type CreateUserInput,
  type ListUsersOptions,
  paginate,
  type UpdateUserInput,
  type User,
  type UserOperations,
} from '@idport/core';
import { decodeCursor, encodeCursor } from './encode-cursor';
import type { LocalContext, UserRow } from './local-context';
import { localError } from './local-errors';
import type { LocalSessions } from './local-sessions';
import { findUserRowByEmail, requireUserRow } from './local-user-rows';
import { mapLocalUser } from './map-local-user';
import { assertPasswordAllowed } from './password-policy';
import { hashPassword } from './scrypt-password-hasher';
import { timeOrderedId } from './time-ordered-id';

/** Checks the policy and hashes a new password. */
export function hashNewPassword(
  context: LocalContext,
  password: string,
  field = 'password',
): Promise<string> {
  assertPasswordAllowed(password, context.options.passwordPolicy, field);
  return hashPassword(password, context.options.passwordHashing);
}

/** Fields of a new user row. */
export interface NewUserFields {
  email: string;
  passwordHash: string | null;
  emailVerified?: boolean;
  phoneNumber?: string | null;
  givenName?: string | null;
  familyName?: string | null;
  displayName?: string | null;
  attributes?: Record<string, AttributeValue>;
  enabled?: boolean;
  confirmed?: boolean;
  createdAt?: Date | null;
}

/**
 * Inserts a user and returns its id. Email uniqueness is the UNIQUE index's job (case-
 * insensitive collation): one statement, no check-then-insert race, and a duplicate is
 * USER_ALREADY_EXISTS.
 */
export function insertUser(context: LocalContext, fields: NewUserFields): string {
  const id = timeOrderedId();
  const at = context.now().getTime();
  try {
    context.database
      .prepare(
        `INSERT INTO users (id, email, email_verified, phone_number, given_name, family_name, display_name,
           attributes, enabled, confirmed, password_hash, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        fields.email.trim(),
        fields.emailVerified ? 1 : 0,
        fields.phoneNumber ?? null,
        fields.givenName ?? null,
        fields.familyName ?? null,
        fields.displayName ?? null,
        JSON.stringify(fields.attributes ?? {}),
        fields.enabled === false ? 0 : 1,
        fields.confirmed === false ? 0 : 1,
        fields.passwordHash,
        fields.createdAt?.getTime() ?? at,
        at,
      );
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
      throw localError('USER_ALREADY_EXISTS', 'The user already exists');
    }
    throw error;
  }
  return id;
}

/** Inserts a user and reads the stored row back. */
export function insertUserRow(context: LocalContext, fields: NewUserFields): UserRow {
  return requireUserRow(context, insertUser(context, fields));
}

/** User management on the local store. */
export function createLocalUsers(context: LocalContext, sessions: LocalSessions): UserOperations {
  const { database, now } = context;

  const touch = (userId: string, assignments: string, values: unknown[]) => {
    const result = database
      .prepare(`UPDATE users SET ${assignments}, updated_at = ? WHERE id = ?`)
      .run(...values, now().getTime(), userId);
    if (result.changes === 0) throw localError('USER_NOT_FOUND', 'No user has this id');
  };

  return {
    async create(input: CreateUserInput): Promise<User> {
      const passwordHash = input.password ? await hashNewPassword(context, input.password) : null;
      return mapLocalUser(
        insertUserRow(context, {
          email: input.email,
          passwordHash,
          emailVerified: input.emailVerified,
          phoneNumber: input.phoneNumber,
          givenName: input.givenName,
          familyName: input.familyName,
          displayName: input.displayName,
          attributes: input.attributes,
        }),
      );
    },

    async get(userId: string): Promise<User> {
      return mapLocalUser(requireUserRow(context, userId));
    },

    async findByEmail(email: string): Promise<User | null> {
      const row = findUserRowByEmail(context, email);
      return row ? mapLocalUser(row) : null;
    },

    async update(userId: string, input: UpdateUserInput): Promise<User> {
      database.transaction(() => {
        const current = requireUserRow(context, userId);
        if (input.email !== undefined) {
          const other = findUserRowByEmail(context, input.email);
          if (other && other.id !== userId)
            throw localError('USER_ALREADY_EXISTS', 'Another user has this email');
        }
        const attributes: Record<string, AttributeValue> = {
          ...(JSON.parse(current.attributes) as Record<string, AttributeValue>),
        };
        // A null attribute value removes the attribute; others are set. Unnamed ones stay.
        for (const [key, value] of Object.entries(input.attributes ?? {})) {
          if (value === null) delete attributes[key];
          else attributes[key] = value;
        }
        const pick = <T>(value: T | undefined, fallback: T) => (value === undefined ? fallback : value);
        touch(
          userId,
          `email = ?, email_verified = ?, phone_number = ?, given_name = ?, family_name = ?, display_name = ?, attributes = ?`,
          [
            pick(input.email?.trim(), current.email),
            input.emailVerified === undefined
              ? input.email !== undefined && input.email.toLowerCase() !== current.email.toLowerCase()
                ? 0
                : current.email_verified
              : input.emailVerified
                ? 1
                : 0,
            pick(input.phoneNumber, current.phone_number),
            pick(input.givenName, current.given_name),
            pick(input.familyName, current.family_name),
            pick(input.displayName, current.display_name),
            JSON.stringify(attributes),
          ],
        );
      })();
      return mapLocalUser(requireUserRow(context, userId));
    },

    async setPassword(userId: string, password: string, options?: { temporary?: boolean }): Promise<void> {
      requireUserRow(context, userId);
      const hash = await hashNewPassword(context, password);
      touch(userId, 'password_hash = ?, password_change_required = ?', [hash, options?.temporary ? 1 : 0]);
    },

    async disable(userId: string): Promise<void> {
      database.transaction(() => {
        touch(userId, 'enabled = ?', [0]);
        sessions.revokeAll(userId);
      })();
    },

    async enable(userId: string): Promise<void> {
      touch(userId, 'enabled = ?', [1]);
    },

    async delete(userId: string): Promise<void> {
      const result = database.prepare('DELETE FROM users WHERE id = ?').run(userId);
      if (result.changes === 0) throw localError('USER_NOT_FOUND', 'No user has this id');
    },

    list(options?: ListUsersOptions) {
      const pageSize = options?.pageSize ?? 100;
      return paginate(async (cursor) => {
        const rows = database
          .prepare('SELECT * FROM users WHERE seq > ? ORDER BY seq LIMIT ?')
          .all(decodeCursor(cursor), pageSize + 1) as UserRow[];
        const items = rows.slice(0, pageSize);
        const last = items[items.length - 1];
        return {
          items: items.map(mapLocalUser),
          nextCursor: rows.length > pageSize && last ? encodeCursor(last.seq) : null,
        };
      }, options?.cursor ?? null);
    },
  };
}
