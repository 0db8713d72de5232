import type { AttributeValue, User } from '@idport/core';

/** The fields of an Auth0 user the adapter reads (Management API `UserResponseSchema`). */
export interface Auth0UserRecord {
  user_id?: string;
  email?: string;
  email_verified?: boolean;
  phone_number?: string;
  given_name?: string;
  family_name?: string;
  name?: string;
  blocked?: boolean;
  created_at?: string;
  updated_at?: string;
  user_metadata?: Record<string, unknown>;
  [field: string]: unknown;
}

function attributeValues(metadata: Record<string, unknown> | undefined): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {};
  for (const [key, value] of Object.entries(metadata ?? {})) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
      attributes[key] = value as AttributeValue;
    }
  }
  return attributes;
}

/**
 * Turns an Auth0 user into the port's User. Custom attributes live in `user_metadata`. Auth0
 * fills `name` with the email when no name was given, so a name equal to the email is no
 * display name.
 */
export function mapAuth0User(user: Auth0UserRecord): User {
  const email = user.email ?? null;
  const name = user.name && user.name !== email ? user.name : null;
  return {
    id: String(user.user_id),
    email,
    emailVerified: user.email_verified === true,
    phoneNumber: user.phone_number ?? null,
    givenName: user.given_name ?? null,
    familyName: user.family_name ?? null,
    displayName: name,
    enabled: user.blocked !== true,
    createdAt: user.created_at ? new Date(user.created_at) : null,
    updatedAt: user.updated_at ? new Date(user.updated_at) : null,
    attributes: attributeValues(user.user_metadata),
    raw: user,
  };
}
