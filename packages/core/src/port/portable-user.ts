import type { AttributeValue } from './user';

/**
 * A password hash in a vendor-neutral form. `phc` follows the PHC string format
 * (`$scrypt$ln=15,r=8,p=1$<salt>$<hash>`); `algorithm` names the family for manifests.
 */
export interface PortablePasswordHash {
  readonly algorithm: PasswordHashAlgorithm;
  readonly phc: string;
}

/** Hash families adapters may import or export. */
export type PasswordHashAlgorithm =
  | 'scrypt'
  | 'firebase-scrypt'
  | 'bcrypt'
  | 'argon2id'
  | 'argon2i'
  | 'pbkdf2-sha1'
  | 'pbkdf2-sha256'
  | 'pbkdf2-sha512'
  | 'sha1'
  | 'sha256'
  | 'sha512'
  | 'md5'
  | 'hmac-sha1'
  | 'hmac-md5'
  | 'hmac-sha256'
  | 'hmac-sha512';

/** A second factor that can cross to another provider. */
export type PortableMfaFactor =
  | { readonly type: 'totp'; readonly secret: string; readonly label: string | null }
  | { readonly type: 'sms'; readonly phoneNumber: string }
  | { readonly type: 'email'; readonly email: string };

/** A user as exported for migration: profile, password hash and factors. */
export interface PortableUser {
  /** The id at the source provider, kept for resumable, idempotent imports. */
  readonly sourceId: string;
  readonly email: string;
  readonly emailVerified: boolean;
  readonly phoneNumber: string | null;
  readonly givenName: string | null;
  readonly familyName: string | null;
  readonly displayName: string | null;
  readonly enabled: boolean;
  readonly createdAt: Date | null;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  /** Group names at the source. */
  readonly groups: readonly string[];
  /** Null when the source exports no hash or the user has no password. */
  readonly passwordHash: PortablePasswordHash | null;
  readonly mfaFactors: readonly PortableMfaFactor[];
}

/** Options of `transfer.importUsers`. */
export interface ImportUsersOptions {
  /** What to do when a user with the same email exists: skip it (default) or fail it. */
  onConflict?: 'skip' | 'fail';
  /** Send the vendor's welcome/invitation message. Off by default: no email storms. */
  sendInvitation?: boolean;
}

/** What happened to one user in an import. */
export interface ImportOutcome {
  readonly sourceId: string;
  readonly status: 'created' | 'skipped' | 'failed';
  readonly userId: string | null;
  readonly passwordImported: boolean;
  readonly factorsImported: number;
  /** IdentityError code when failed, or why a part was not imported. */
  readonly errorCode: string | null;
  readonly warnings: readonly string[];
}

/** Options of `transfer.exportUsers`. */
export interface ExportUsersOptions {
  pageSize?: number;
  cursor?: string;
}
