import type { Page } from '@idport/core';
import { decodeCursor, encodeCursor } from './cognito-cursor';

/** Largest `Limit` ListUsers, ListGroups and AdminListGroupsForUser accept. */
export const cognitoPageLimit = 60;

/** Largest page idport serves: filled from up to two Cognito pages. */
export const cognitoMaxPageSize = 100;

/** One Cognito listing call: up to `limit` items after `token`, and the next token. */
export type CognitoPageFetcher<T> = (
  limit: number,
  token: string | undefined,
) => Promise<{ items: readonly T[]; token: string | undefined }>;

/**
 * Fills one idport page from as many Cognito pages as needed. Each call asks for exactly the
 * items still missing, so every idport page ends on a Cognito token and the cursor resumes
 * exactly there.
 */
export async function fillPage<T>(
  pageSize: number,
  cursor: string | null,
  fetchPage: CognitoPageFetcher<T>,
): Promise<Page<T>> {
  let token = decodeCursor(cursor);
  const items: T[] = [];
  do {
    const page = await fetchPage(Math.min(cognitoPageLimit, pageSize - items.length), token);
    items.push(...page.items);
    token = page.token;
  } while (token && items.length < pageSize);
  return { items, nextCursor: encodeCursor(token) };
}
