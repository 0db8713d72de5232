import type { User } from '@idport/core';
import type { UserRecord } from 'firebase-admin/auth';
import { readClaims } from './firebase-claims';

function parseDate(value: string | undefined | null): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The vendor object kept in `User.raw`, without `passwordHash` and `passwordSalt`: the
 * Admin SDK returns them to privileged callers (and the emulator's "fake hash" even
 * contains the plain password).
 */
export function rawFirebaseUser(record: UserRecord): Record<string, unknown> {
  const { passwordHash: _hash, passwordSalt: _salt, ...rest } = record.toJSON() as Record<string, unknown>;
  return rest;
}

/** Maps a firebase-admin UserRecord to the port's User. */
export function mapFirebaseUser(record: UserRecord, groupsClaim: string): User {
  const claims = readClaims(record.customClaims, groupsClaim);
  return {
    id: record.uid,
    email: record.email ?? null,
    emailVerified: record.emailVerified,
    phoneNumber: record.phoneNumber ?? null,
    givenName: claims.givenName,
    familyName: claims.familyName,
    displayName: record.displayName ?? null,
    enabled: !record.disabled,
    createdAt: parseDate(record.metadata.creationTime),
    // Firebase records no profile-update time; the last token refresh is the closest
    // thing it keeps, which is not the same, so none is reported.
    updatedAt: null,
    attributes: claims.attributes,
    raw: rawFirebaseUser(record),
  };
}
