import type { LocalContext, UserRow } from './local-context';
import { localError } from './local-errors';

/** Reads a user row by id, or throws USER_NOT_FOUND. */
export function requireUserRow(context: LocalContext, userId: string): UserRow {
  const row = context.database.prepare('SELECT * FROM users WHERE id = ?').get(userId) as UserRow | undefined;
  if (!row) throw localError('USER_NOT_FOUND', 'No user has this id');
  return row;
}

/** Reads a user row by email (case-insensitive). */
export function findUserRowByEmail(context: LocalContext, email: string): UserRow | undefined {
  return context.database.prepare('SELECT * FROM users WHERE email = ?').get(email.trim()) as
    | UserRow
    | undefined;
}
