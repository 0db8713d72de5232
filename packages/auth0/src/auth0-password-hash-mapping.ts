import type { PasswordHashAlgorithm, PortablePasswordHash } from '@idport/core';
import {
  parsePortableHash,
  type Auth0CustomPasswordHash as SharedAuth0CustomPasswordHash,
  toAuth0CustomPasswordHash as sharedToAuth0CustomPasswordHash,
} from '@idport/password-hashes';

/** Auth0's `custom_password_hash` object of the bulk import schema, scrypt included. */
export type Auth0CustomPasswordHash =
  | SharedAuth0CustomPasswordHash
  | {
      algorithm: 'scrypt';
      hash: { value: string; encoding: 'base64' };
      salt: { value: string; encoding: 'base64' };
      keylen: number;
      cost: number;
      blockSize: number;
      parallelization: number;
    };

/** The port's algorithms this adapter turns into a `custom_password_hash` Auth0 verifies. */
export const importablePasswordHashAlgorithms: readonly PasswordHashAlgorithm[] = [
  'bcrypt',
  'argon2id',
  'argon2i',
  'pbkdf2-sha1',
  'pbkdf2-sha256',
  'pbkdf2-sha512',
  'scrypt',
  'md5',
  'sha1',
  'sha256',
  'sha512',
  'hmac-md5',
  'hmac-sha1',
  'hmac-sha256',
  'hmac-sha512',
];

/**
 * Turns a portable hash (the canonical PHC forms of `@idport/password-hashes`) into Auth0's
 * `custom_password_hash`, or null when Auth0 cannot verify it. scrypt is converted here:
 * Auth0's import schema takes it (`keylen`, `cost`, `blockSize`, `parallelization`), while the
 * shared converter refuses it.
 */
export function toAuth0CustomPasswordHash(hash: PortablePasswordHash): Auth0CustomPasswordHash | null {
  if (!importablePasswordHashAlgorithms.includes(hash.algorithm)) return null;
  try {
    if (hash.algorithm === 'scrypt') {
      const parsed = parsePortableHash(hash);
      if (parsed.algorithm !== 'scrypt') return null;
      return {
        algorithm: 'scrypt',
        hash: { value: Buffer.from(parsed.hash).toString('base64'), encoding: 'base64' },
        salt: { value: Buffer.from(parsed.salt).toString('base64'), encoding: 'base64' },
        keylen: parsed.hash.length,
        cost: 2 ** parsed.logN,
        blockSize: parsed.blockSize,
        parallelization: parsed.parallelization,
      };
    }
    return sharedToAuth0CustomPasswordHash(hash);
  } catch {
    // A malformed hash or one Auth0 cannot take: the user is imported without a password.
    return null;
  }
}
