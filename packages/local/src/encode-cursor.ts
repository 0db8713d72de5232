import { localError } from './local-errors';

/**
 * Cursors are the last row's sequence number, opaque to callers. Keyset paging on an
 * ever-increasing key is stable under concurrent inserts: no row is skipped or repeated.
 */
export function encodeCursor(sequence: number): string {
  return Buffer.from(`seq:${sequence}`).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  const match = /^seq:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw localError('INVALID_INPUT', 'The cursor is not one this provider issued', 'cursor');
  return Number(match[1]);
}
