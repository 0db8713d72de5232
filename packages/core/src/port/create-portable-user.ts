import type { PortableUser } from './portable-user';

/**
 * A portable user from the fields a source knows; every other field takes its "unknown or
 * none" value (no phone, names or hash, enabled, email unverified, no groups or factors).
 * For mapping modules and for code that seeds an import, so that each one does not spell
 * out the thirteen fields. The result is not validated: `transfer.importUsers` does that.
 */
export function createPortableUser(
  fields: Pick<PortableUser, 'sourceId' | 'email'> & Partial<PortableUser>,
): PortableUser {
  return {
    emailVerified: false,
    phoneNumber: null,
    givenName: null,
    familyName: null,
    displayName: null,
    enabled: true,
    createdAt: null,
    attributes: {},
    groups: [],
    passwordHash: null,
    mfaFactors: [],
    ...fields,
  };
}
