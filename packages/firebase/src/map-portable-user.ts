import type { PortableUser } from '@idport/core';
import type { UserImportRecord } from 'firebase-admin/auth';
import { mergeClaims } from './firebase-claims';
import { type FirebaseImportHash, toFirebaseImportHash } from './firebase-password-hash';

/** A PortableUser converted for `importUsers`, with what could not cross. */
export interface FirebaseImportEntry {
  readonly record: UserImportRecord;
  /** The hash configuration the record needs, or null when it carries no password. */
  readonly hash: FirebaseImportHash | null;
  readonly factorsImported: number;
  /** Why parts were not imported; never contains the hash or a secret. */
  readonly warnings: string[];
}

/**
 * Maps a PortableUser to a Firebase import record: names, attributes and groups become
 * custom claims (note 0202), SMS factors are enrolled, TOTP factors and unimportable
 * hashes are dropped with a warning.
 */
export function mapPortableUser(user: PortableUser, uid: string, groupsClaim: string): FirebaseImportEntry {
  const warnings: string[] = [];
  let hash: FirebaseImportHash | null = null;
  if (user.passwordHash) {
    try {
      hash = toFirebaseImportHash(user.passwordHash);
    } catch (error) {
      warnings.push(`password not imported: ${(error as Error).message}`);
    }
  }
  const phoneNumbers = user.mfaFactors.flatMap((factor) =>
    factor.type === 'sms' ? [factor.phoneNumber] : [],
  );
  const dropped = user.mfaFactors.length - phoneNumbers.length;
  if (dropped > 0) {
    warnings.push(`${dropped} non-SMS second factor(s) not imported: Firebase imports SMS factors only`);
  }
  const customClaims = mergeClaims(
    {},
    {
      givenName: user.givenName,
      familyName: user.familyName,
      groups: user.groups,
      attributes: { ...user.attributes },
    },
    groupsClaim,
  );

  const record: UserImportRecord = {
    uid,
    email: user.email,
    emailVerified: user.emailVerified,
    disabled: !user.enabled,
  };
  if (user.displayName !== null) record.displayName = user.displayName;
  if (user.phoneNumber !== null) record.phoneNumber = user.phoneNumber;
  if (Object.keys(customClaims).length > 0) record.customClaims = customClaims;
  if (user.createdAt !== null) record.metadata = { creationTime: user.createdAt.toUTCString() };
  if (hash !== null) {
    record.passwordHash = hash.passwordHash;
    if (hash.passwordSalt) record.passwordSalt = hash.passwordSalt;
  }
  if (phoneNumbers.length > 0) {
    record.multiFactor = {
      enrolledFactors: phoneNumbers.map((phoneNumber) => ({ factorId: 'phone', phoneNumber })),
    };
  }
  return { record, hash, factorsImported: phoneNumbers.length, warnings };
}
