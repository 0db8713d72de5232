import type { Page } from '@idport/core';
import type { Collection } from '@okta/okta-sdk-nodejs';
import { oktaIdentityError } from './okta-errors';

const cursorPrefix = 'okta1.';

/** Wraps Okta's `after` value so a cursor this adapter did not issue is refused, not silently empty. */
export function encodeCursor(after: string): string {
  return cursorPrefix + Buffer.from(after, 'utf8').toString('base64url');
}

/** Okta's `after` value of a cursor; INVALID_INPUT when the cursor was not issued here. */
export function decodeCursor(cursor: string | null): string | null {
  if (cursor === null) return null;
  if (!cursor.startsWith(cursorPrefix)) {
    throw oktaIdentityError('INVALID_INPUT', 'The cursor was not issued by this provider', {
      field: 'cursor',
    });
  }
  const after = Buffer.from(cursor.slice(cursorPrefix.length), 'base64url').toString('utf8');
  if (!/^[\x21-\x7e]{1,256}$/.test(after)) {
    throw oktaIdentityError('INVALID_INPUT', 'The cursor was not issued by this provider', {
      field: 'cursor',
    });
  }
  return after;
}

/**
 * Reads one page of an Okta collection and the cursor of the next one, made from the `after`
 * value of the `Link: <...>; rel="next"` header the SDK followed. Null on the last page.
 */
export async function readOktaPage<Item, Mapped>(
  collection: Collection<Item>,
  map: (item: Item) => Mapped,
): Promise<Page<Mapped>> {
  const items = (await collection.getNextPage()) as unknown as Item[];
  const after = collection.nextUri ? new URL(collection.nextUri).searchParams.get('after') : null;
  return { items: items.map(map), nextCursor: after ? encodeCursor(after) : null };
}
