/**
 * Where a user listing resumes. Auth0 pages by number but stops at 1000 results per query;
 * past that the listing continues with a new query, `created_at:[anchor TO *]`, whose first
 * `skip` results (users created at `anchor` already returned) are dropped.
 */
export interface UserListCursor {
  readonly page: number;
  readonly anchor: string | null;
  readonly skip: number;
}

export function encodeUserListCursor(cursor: UserListCursor): string {
  return Buffer.from(JSON.stringify([cursor.page, cursor.anchor, cursor.skip])).toString('base64url');
}

export function decodeUserListCursor(text: string | undefined | null): UserListCursor | null {
  if (!text) return { page: 0, anchor: null, skip: 0 };
  try {
    const [page, anchor, skip] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (!Number.isInteger(page) || (page as number) < 0) return null;
    if (anchor !== null && typeof anchor !== 'string') return null;
    if (!Number.isInteger(skip) || (skip as number) < 0) return null;
    return { page: page as number, anchor: anchor as string | null, skip: skip as number };
  } catch {
    return null;
  }
}
