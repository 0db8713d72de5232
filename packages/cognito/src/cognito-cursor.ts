import { IdentityError } from '@idport/core';

const prefix = 'cognito1.';

/**
 * Wraps Cognito's PaginationToken / NextToken in a cursor of ours, so a cursor we did not
 * issue is refused up front with INVALID_INPUT on every peer (cognito-local would ignore it
 * and start from the top).
 */
export function encodeCursor(token: string | undefined): string | null {
  return token ? `${prefix}${Buffer.from(token, 'utf8').toString('base64url')}` : null;
}

/** The Cognito token inside a cursor from {@link encodeCursor}. */
export function decodeCursor(cursor: string | null): string | undefined {
  if (cursor === null) return undefined;
  const body = cursor.startsWith(prefix) ? cursor.slice(prefix.length) : '';
  if (!/^[A-Za-z0-9_-]+$/.test(body)) {
    throw new IdentityError({
      code: 'INVALID_INPUT',
      provider: 'cognito',
      field: 'cursor',
      message: 'Invalid input: cursor was not issued by this provider',
    });
  }
  return Buffer.from(body, 'base64url').toString('utf8');
}
