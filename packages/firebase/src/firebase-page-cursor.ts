import { IdentityError } from '@idport/core';

const prefix = 'fb1.';

/** Wraps Firebase's `pageToken` in a cursor of ours, so cursors we never issued are recognized. */
export function encodePageCursor(pageToken: string | undefined): string | null {
  return pageToken ? `${prefix}${Buffer.from(pageToken).toString('base64url')}` : null;
}

/**
 * Unwraps a cursor. A cursor we did not issue is INVALID_INPUT here, before Firebase sees
 * it: production answers such tokens with auth/invalid-page-token, but the emulator
 * silently treats any string as a start position.
 */
export function decodePageCursor(cursor: string | null, operation: string): string | undefined {
  if (cursor === null) return undefined;
  const body = cursor.startsWith(prefix) ? cursor.slice(prefix.length) : '';
  const pageToken = /^[A-Za-z0-9_-]+$/.test(body) ? Buffer.from(body, 'base64url').toString('utf8') : '';
  if (pageToken === '') {
    throw new IdentityError({
      code: 'INVALID_INPUT',
      provider: 'firebase',
      field: 'options.cursor',
      message: `Invalid input to ${operation}: options.cursor was not issued by this provider`,
    });
  }
  return pageToken;
}
