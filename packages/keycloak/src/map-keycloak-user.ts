import type { AttributeValue, User } from '@idport/core';
import type UserRepresentation from '@keycloak/keycloak-admin-client/lib/defs/userRepresentation.js';

/**
 * Port fields Keycloak has no column for, kept as user attributes (Keycloak's user profile
 * needs them declared, or unmanaged attributes enabled; see the README).
 */
export const reservedAttributes = { displayName: 'displayName', phoneNumber: 'phoneNumber' } as const;

function first(values: unknown): string | null {
  if (Array.isArray(values)) return typeof values[0] === 'string' ? values[0] : null;
  return typeof values === 'string' ? values : null;
}

/** Keycloak attributes are string arrays; the port's are scalars (the first value). */
export function toPortAttributes(
  attributes: Record<string, unknown> | undefined,
): Record<string, AttributeValue> {
  const result: Record<string, AttributeValue> = {};
  for (const [key, values] of Object.entries(attributes ?? {})) {
    if (key === reservedAttributes.displayName || key === reservedAttributes.phoneNumber) continue;
    result[key] = first(values);
  }
  return result;
}

/** A Keycloak UserRepresentation as the port's User. */
export function mapKeycloakUser(representation: UserRepresentation): User {
  const attributes = (representation.attributes ?? {}) as Record<string, unknown>;
  return {
    id: String(representation.id),
    email: representation.email ?? null,
    emailVerified: representation.emailVerified === true,
    phoneNumber: first(attributes[reservedAttributes.phoneNumber]),
    givenName: representation.firstName ?? null,
    familyName: representation.lastName ?? null,
    displayName: first(attributes[reservedAttributes.displayName]),
    enabled: representation.enabled !== false,
    createdAt:
      typeof representation.createdTimestamp === 'number' ? new Date(representation.createdTimestamp) : null,
    updatedAt: null,
    attributes: toPortAttributes(attributes),
    raw: representation,
  };
}
