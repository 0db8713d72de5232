import type { AttributeValue } from '@idport/core';

/**
 * Where the port's fields live in Firebase custom claims. Firebase has no given/family
 * name and no custom attributes, so they are kept as custom claims (which also puts them
 * into ID tokens): OIDC's `given_name`/`family_name`, the groups claim, and every other
 * claim with a scalar value as an attribute.
 */
export const givenNameClaim = 'given_name';
export const familyNameClaim = 'family_name';

/** Claims a user's custom claims are split into. */
export interface ClaimFields {
  givenName: string | null;
  familyName: string | null;
  groups: string[];
  attributes: Record<string, AttributeValue>;
}

function isAttributeValue(value: unknown): value is AttributeValue {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

/** Splits custom claims into the port's fields. Non-scalar claims other than groups stay in `raw` only. */
export function readClaims(claims: Record<string, unknown> | undefined, groupsClaim: string): ClaimFields {
  const source = claims ?? {};
  const attributes: Record<string, AttributeValue> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === groupsClaim || key === givenNameClaim || key === familyNameClaim) continue;
    if (isAttributeValue(value)) attributes[key] = value;
  }
  const groups = source[groupsClaim];
  return {
    givenName: typeof source[givenNameClaim] === 'string' ? (source[givenNameClaim] as string) : null,
    familyName: typeof source[familyNameClaim] === 'string' ? (source[familyNameClaim] as string) : null,
    groups: Array.isArray(groups) ? groups.filter((item): item is string => typeof item === 'string') : [],
    attributes,
  };
}

/** Changes to apply to custom claims; `undefined` leaves a field, `null` removes it. */
export interface ClaimChanges {
  givenName?: string | null;
  familyName?: string | null;
  groups?: readonly string[];
  attributes?: Record<string, AttributeValue>;
}

/**
 * Returns the new custom claims after `changes`, keeping every claim it does not touch
 * (including claims set by other code). Attributes merge key by key.
 */
export function mergeClaims(
  current: Record<string, unknown> | undefined,
  changes: ClaimChanges,
  groupsClaim: string,
): Record<string, unknown> {
  const next: Record<string, unknown> = { ...(current ?? {}) };
  const setOrDelete = (key: string, value: unknown) => {
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  };
  setOrDelete(givenNameClaim, changes.givenName);
  setOrDelete(familyNameClaim, changes.familyName);
  if (changes.groups !== undefined) {
    if (changes.groups.length === 0) delete next[groupsClaim];
    else next[groupsClaim] = [...changes.groups];
  }
  for (const [key, value] of Object.entries(changes.attributes ?? {})) next[key] = value;
  return next;
}

/** True when a change set touches custom claims at all. */
export function changesClaims(changes: ClaimChanges): boolean {
  return (
    changes.givenName !== undefined ||
    changes.familyName !== undefined ||
    changes.groups !== undefined ||
    (changes.attributes !== undefined && Object.keys(changes.attributes).length > 0)
  );
}
