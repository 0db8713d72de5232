import { IdentityError } from '@idport/core';

/** Where a listing stands: the offset of the next item and the username of the last one returned. */
export interface UsersCursor {
  readonly offset: number;
  readonly lastUsername: string | null;
}

const prefix = 'kcu1.';

export function encodeUsersCursor(cursor: UsersCursor): string {
  return prefix + Buffer.from(JSON.stringify([cursor.offset, cursor.lastUsername])).toString('base64url');
}

/** Decodes a cursor this adapter issued; INVALID_INPUT for anything else. */
export function decodeUsersCursor(cursor: string | null | undefined): UsersCursor {
  if (!cursor) return { offset: 0, lastUsername: null };
  const invalid = () =>
    new IdentityError({
      code: 'INVALID_INPUT',
      provider: 'keycloak',
      field: 'cursor',
      message: 'The cursor is not one this provider issued',
    });
  if (!cursor.startsWith(prefix)) throw invalid();
  try {
    const value = JSON.parse(Buffer.from(cursor.slice(prefix.length), 'base64url').toString()) as unknown;
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      Number.isInteger(value[0]) &&
      value[0] >= 0 &&
      (value[1] === null || typeof value[1] === 'string')
    ) {
      return { offset: value[0], lastUsername: value[1] };
    }
  } catch {
    // fall through
  }
  throw invalid();
}

/**
 * Picks the page after `cursor` from a window of users fetched at `windowStart` in
 * Keycloak's order (by username). Keycloak pages by offset only; finding the last-returned
 * username in a window that starts a page earlier keeps the listing free of repeats and
 * gaps when users are added or removed before the cursor between two pages.
 */
export function pageFromWindow<T extends { username?: string }>(
  window: readonly T[],
  windowStart: number,
  requested: number,
  cursor: UsersCursor,
  pageSize: number,
): { items: T[]; nextCursor: UsersCursor | null } {
  let startIndex = 0;
  if (cursor.lastUsername !== null) {
    const found = window.findIndex((user) => user.username === cursor.lastUsername);
    startIndex =
      found >= 0
        ? found + 1
        : Math.max(
            0,
            window.findIndex((user) => (user.username ?? '') > (cursor.lastUsername as string)),
          );
    if (found < 0 && window.every((user) => (user.username ?? '') <= (cursor.lastUsername as string))) {
      startIndex = window.length;
    }
  }
  const items = window.slice(startIndex, startIndex + pageSize);
  const exhausted = window.length < requested && startIndex + items.length >= window.length;
  const last = items[items.length - 1];
  if (!last || exhausted) return { items, nextCursor: null };
  return {
    items,
    nextCursor: { offset: windowStart + startIndex + items.length, lastUsername: last.username ?? null },
  };
}
