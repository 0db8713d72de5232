import type { AttributeValue, User } from '@idport/core';
import type { UserRow } from './local-context';

/** Turns a stored row into the port's User. `raw` never carries the password hash. */
export function mapLocalUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    emailVerified: row.email_verified === 1,
    phoneNumber: row.phone_number,
    givenName: row.given_name,
    familyName: row.family_name,
    displayName: row.display_name,
    enabled: row.enabled === 1,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    attributes: JSON.parse(row.attributes) as Record<string, AttributeValue>,
    raw: {
      seq: row.seq,
      confirmed: row.confirmed === 1,
      passwordChangeRequired: row.password_change_required === 1,
      hasPassword: row.password_hash !== null,
    },
  };
}
