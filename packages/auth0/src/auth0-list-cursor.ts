/**
 * Where a user listing resumes. Auth0 pages by number but stops at 1000 results per query;
 * past that the listing continues with a new query, `created_at:["anchor" TO *]`, whose first
 * `skip` results (users created at `anchor` already returned) are dropped. `lastSeen` and
 * `tail` count how many users at the latest creation instant were returned so far, which is
 * the `skip` of the next window.
 */
export interface UserListCursor {
  readonly page: number;
  readonly anchor: string | null;
  readonly skip: number;
  readonly lastSeen: string | null;
  readonly tail: number;
}

export const firstUserListCursor: UserListCursor = {
  page: 0,
  anchor: null,
  skip: 0,
  lastSeen: null,
  tail: 0,
};

export function encodeUserListCursor(cursor: UserListCursor): string {
  return Buffer.from(
    JSON.stringify([cursor.page, cursor.anchor, cursor.skip, cursor.lastSeen, cursor.tail]),
  ).toString('base64url');
}

const count = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;
const optionalText = (value: unknown): value is string | null => value === null || typeof value === 'string';

/** Null when the text is not a cursor this adapter made. */
export function decodeUserListCursor(text: string | undefined | null): UserListCursor | null {
  if (!text) return firstUserListCursor;
  try {
    const [page, anchor, skip, lastSeen, tail] = JSON.parse(
      Buffer.from(text, 'base64url').toString('utf8'),
    ) as unknown[];
    if (!count(page) || !count(skip) || !count(tail) || !optionalText(anchor) || !optionalText(lastSeen))
      return null;
    return { page, anchor, skip, lastSeen, tail };
  } catch {
    return null;
  }
}
