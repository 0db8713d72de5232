import {
  IdentityError,
  type ImportOutcome,
  type ImportUsersOptions,
  type PortableMfaFactor,
  type PortablePasswordHash,
  type PortableUser,
  paginate,
  type TransferOperations,
} from '@idport/core';
import { PasswordHashError, parsePhcString, parsePortableHash } from '@idport/password-hashes';
import { decodeCursor, encodeCursor } from './encode-cursor';
import type { LocalContext, UserRow } from './local-context';
import { ensureGroup } from './local-groups';
import { findUserRowByEmail } from './local-user-rows';
import { insertUser } from './local-users';
import { timeOrderedId } from './time-ordered-id';

/** A stored hash as a portable one: local's scrypt, or an imported hash not yet replaced by it. */
function exportedHash(stored: string | null): PortablePasswordHash | null {
  if (!stored) return null;
  // Local's own rows are the common case: no need to decode them to name the algorithm.
  if (stored.startsWith('$scrypt$')) return { algorithm: 'scrypt', phc: stored };
  try {
    return { algorithm: parsePhcString(stored).algorithm, phc: stored };
  } catch {
    return null;
  }
}

/**
 * The hash to store for an imported user, or why not: any algorithm the sign-in path can
 * verify, within the cost limits (a hash that would take minutes per attempt is refused here,
 * not at the user's first sign-in).
 */
function importableHash(hash: PortablePasswordHash): { phc: string } | { reason: string } {
  try {
    parsePortableHash(hash);
    return { phc: hash.phc };
  } catch (error) {
    const code = PasswordHashError.isInstance(error) ? error.code : 'MALFORMED_HASH';
    return {
      reason: `password hash ${String(hash.algorithm).slice(0, 32)} is not importable (${code}): the user must reset it`,
    };
  }
}

/** Portable users for one page of rows: memberships and factors in two queries, not two per user. */
function toPortableUsers(context: LocalContext, rows: readonly UserRow[]): PortableUser[] {
  const ids = JSON.stringify(rows.map((row) => row.id));
  const memberships = context.database
    .prepare(
      `SELECT m.user_id, g.name FROM group_members m JOIN groups g ON g.id = m.group_id
       WHERE m.user_id IN (SELECT value FROM json_each(?)) ORDER BY g.name`,
    )
    .all(ids) as { user_id: string; name: string }[];
  const factors = context.database
    .prepare(
      `SELECT user_id, secret, label FROM mfa_factors
       WHERE type = 'totp' AND confirmed = 1 AND user_id IN (SELECT value FROM json_each(?)) ORDER BY created_at`,
    )
    .all(ids) as { user_id: string; secret: string; label: string | null }[];
  const groupsByUser = new Map<string, string[]>();
  for (const membership of memberships) {
    groupsByUser.set(membership.user_id, [...(groupsByUser.get(membership.user_id) ?? []), membership.name]);
  }
  const factorsByUser = new Map<string, PortableMfaFactor[]>();
  for (const factor of factors) {
    factorsByUser.set(factor.user_id, [
      ...(factorsByUser.get(factor.user_id) ?? []),
      { type: 'totp', secret: factor.secret, label: factor.label },
    ]);
  }
  return rows.map((row) => ({
    sourceId: row.id,
    email: row.email,
    emailVerified: row.email_verified === 1,
    phoneNumber: row.phone_number,
    givenName: row.given_name,
    familyName: row.family_name,
    displayName: row.display_name,
    enabled: row.enabled === 1,
    createdAt: new Date(row.created_at),
    attributes: JSON.parse(row.attributes),
    groups: groupsByUser.get(row.id) ?? [],
    passwordHash: exportedHash(row.password_hash),
    mfaFactors: factorsByUser.get(row.id) ?? [],
  }));
}

/** Export with hashes and TOTP secrets; import that keeps passwords and factors working. */
export function createLocalTransfer(context: LocalContext): TransferOperations {
  const { database } = context;

  // No savepoint per user: conflicts are checked before the insert, so a failure here is a
  // store failure, which rolls the whole batch back (see importUsers). Savepoints cost more
  // than the inserts they guarded.
  const insertImportedUser = (
    user: PortableUser,
    passwordHash: string | null,
    totpFactors: readonly PortableMfaFactor[],
  ): string => {
    {
      const id = insertUser(context, {
        email: user.email,
        passwordHash,
        emailVerified: user.emailVerified,
        phoneNumber: user.phoneNumber,
        givenName: user.givenName,
        familyName: user.familyName,
        displayName: user.displayName,
        attributes: { ...user.attributes },
        enabled: user.enabled,
        createdAt: user.createdAt,
      });
      const insertFactor = database.prepare(
        "INSERT INTO mfa_factors (id, user_id, type, label, secret, confirmed, created_at) VALUES (?, ?, 'totp', ?, ?, 1, ?)",
      );
      for (const factor of totpFactors) {
        if (factor.type === 'totp') {
          insertFactor.run(
            timeOrderedId(),
            id,
            factor.label,
            factor.secret.toUpperCase(),
            context.now().getTime(),
          );
        }
      }
      const addMembership = database.prepare(
        'INSERT OR IGNORE INTO group_members (group_id, user_id) VALUES (?, ?)',
      );
      for (const name of user.groups) addMembership.run(ensureGroup(context, name), id);
      return id;
    }
  };

  const importOne = (user: PortableUser, options: ImportUsersOptions | undefined): ImportOutcome => {
    const warnings: string[] = [];
    const base = { sourceId: user.sourceId, passwordImported: false, factorsImported: 0 };
    const existing = findUserRowByEmail(context, user.email);
    if (existing) {
      if (options?.onConflict === 'fail') {
        return { ...base, status: 'failed', userId: null, errorCode: 'USER_ALREADY_EXISTS', warnings };
      }
      return { ...base, status: 'skipped', userId: existing.id, errorCode: null, warnings };
    }
    let passwordHash: string | null = null;
    if (user.passwordHash) {
      const importable = importableHash(user.passwordHash);
      if ('phc' in importable) passwordHash = importable.phc;
      else warnings.push(importable.reason);
    }
    const totpFactors = user.mfaFactors.filter((factor) => factor.type === 'totp');
    for (const factor of user.mfaFactors) {
      if (factor.type !== 'totp')
        warnings.push(`${factor.type} factor not supported: the user must re-enroll`);
    }
    const userId = insertImportedUser(user, passwordHash, totpFactors);
    return {
      ...base,
      status: 'created',
      userId,
      passwordImported: passwordHash !== null,
      factorsImported: totpFactors.length,
      errorCode: null,
      warnings,
    };
  };

  return {
    exportUsers(options) {
      const pageSize = options?.pageSize ?? 100;
      return paginate(async (cursor) => {
        const rows = database
          .prepare('SELECT * FROM users WHERE seq > ? ORDER BY seq LIMIT ?')
          .all(decodeCursor(cursor), pageSize + 1) as UserRow[];
        const items = rows.slice(0, pageSize);
        const last = items[items.length - 1];
        return {
          items: toPortableUsers(context, items),
          nextCursor: rows.length > pageSize && last ? encodeCursor(last.seq) : null,
        };
      }, options?.cursor ?? null);
    },

    async importUsers(users, options) {
      // The batch is one transaction: one disk sync instead of one per user, and a crash
      // leaves whole batches. A user refused before anything of it was written (a
      // conflict) is reported alone; any other failure rolls the whole batch back and is
      // thrown, so no half-written user is ever committed. Re-runs skip users already there.
      return database.transaction(() =>
        users.map((user) => {
          try {
            return importOne(user, options);
          } catch (error) {
            if (!IdentityError.isInstance(error) || error.code !== 'USER_ALREADY_EXISTS') throw error;
            return {
              sourceId: user.sourceId,
              status: 'failed',
              userId: null,
              passwordImported: false,
              factorsImported: 0,
              errorCode: error.code,
              warnings: [],
            } satisfies ImportOutcome;
          }
        }),
      )();
    },
  };
}
