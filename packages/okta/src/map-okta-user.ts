import type { AttributeValue, User } from '@idport/core';

/** Profile properties the port maps to its own fields; the rest are `attributes`. */
const mappedProfileKeys = new Set(['login', 'email', 'firstName', 'lastName', 'displayName', 'mobilePhone']);

/** Okta statuses in which the account cannot be used. */
const disabledStatuses = new Set(['SUSPENDED', 'DEPROVISIONED']);
/** Statuses reached only through activation (which Okta treats as proof of the email address). */
const activatedStatuses = new Set(['ACTIVE', 'PASSWORD_EXPIRED', 'LOCKED_OUT', 'RECOVERY', 'SUSPENDED']);

/** The parts of an Okta user the mapping reads (SDK model or plain JSON). */
export interface OktaUserLike {
  id?: string;
  status?: string;
  created?: Date | string | null;
  lastUpdated?: Date | string | null;
  profile?: Record<string, unknown> | object;
  credentials?: unknown;
}

function toDate(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function asString(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** A plain copy of the profile: the SDK's model objects carry prototype fields. */
export function plainProfile(user: OktaUserLike): Record<string, unknown> {
  const profile = (user.profile ?? {}) as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(profile)) if (value !== undefined) copy[key] = value;
  return copy;
}

/**
 * Okta user → port user. `emailVerified` is derived from the status: Okta has no such flag and
 * treats activation as proof of the address. `raw` is the user without `credentials`.
 */
export function mapOktaUser(user: OktaUserLike): User {
  const profile = plainProfile(user);
  const attributes: Record<string, AttributeValue> = {};
  for (const [key, value] of Object.entries(profile)) {
    if (mappedProfileKeys.has(key) || value === null) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      attributes[key] = value;
  }
  const status = String(user.status ?? '');
  const { credentials: _credentials, ...raw } = user as Record<string, unknown>;
  return {
    id: String(user.id),
    email: asString(profile.email),
    emailVerified: activatedStatuses.has(status),
    phoneNumber: asString(profile.mobilePhone),
    givenName: asString(profile.firstName),
    familyName: asString(profile.lastName),
    displayName: asString(profile.displayName),
    enabled: !disabledStatuses.has(status),
    createdAt: toDate(user.created),
    updatedAt: toDate(user.lastUpdated),
    attributes,
    raw: { ...raw, profile },
  };
}
