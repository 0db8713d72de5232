import type { PortablePasswordHash } from '@idport/core';
import { decodeBase64 } from './byte-encodings';
import { formatPortableHash } from './format-portable-hash';
import { parsePortableHash } from './parse-portable-hash';
import { malformed, unsupported } from './password-hash-error';

/**
 * A Firebase project's password hash parameters, as the console shows them
 * (Authentication → Users → ⋮ → Password hash parameters).
 */
export interface FirebaseScryptParameters {
  algorithm?: 'SCRYPT';
  base64_signer_key: string;
  base64_salt_separator: string;
  rounds: number;
  mem_cost: number;
}

/** One exported Firebase user's hash fields (`firebase auth:export`, or `listUsers()`'s UserRecord). */
export interface FirebaseExportedPassword {
  /** Base64 (standard or URL-safe). */
  passwordHash: string;
  /** Base64 (standard or URL-safe). */
  salt: string;
}

/** The `hash` of firebase-admin's `UserImportOptions` that a portable hash needs. */
export type FirebaseImportHash =
  | { algorithm: 'SCRYPT'; key: Buffer; saltSeparator: Buffer; rounds: number; memoryCost: number }
  | {
      algorithm: 'STANDARD_SCRYPT';
      memoryCost: number;
      parallelization: number;
      blockSize: number;
      derivedKeyLength: number;
    }
  | { algorithm: 'BCRYPT' };

/** What `toFirebaseImport` returns: the import options' hash and the user record's fields. */
export interface FirebaseImportPassword {
  /** Users sharing identical options can go in one `importUsers` call; group by it. */
  hash: FirebaseImportHash;
  passwordHash: Buffer;
  passwordSalt?: Buffer;
}

/** Converts a Firebase user's exported hash and the project's parameters to a portable hash. */
export function fromFirebaseScrypt(
  exported: FirebaseExportedPassword,
  parameters: FirebaseScryptParameters,
): PortablePasswordHash {
  if (parameters.algorithm !== undefined && parameters.algorithm !== 'SCRYPT') {
    throw unsupported('only the SCRYPT hash parameters of a Firebase project are supported');
  }
  for (const field of ['rounds', 'mem_cost'] as const) {
    if (!Number.isInteger(parameters[field])) throw malformed(`${field} must be an integer`);
  }
  const portable = formatPortableHash({
    algorithm: 'firebase-scrypt',
    memoryCost: parameters.mem_cost,
    rounds: parameters.rounds,
    saltSeparator: decodeBase64(String(parameters.base64_salt_separator), 'base64_salt_separator'),
    signerKey: decodeBase64(String(parameters.base64_signer_key), 'base64_signer_key'),
    salt: decodeBase64(String(exported.salt), 'salt', { allowUrl: true }),
    hash: decodeBase64(String(exported.passwordHash), 'passwordHash', { allowUrl: true }),
  });
  parsePortableHash(portable);
  return portable;
}

/**
 * Converts a portable hash to what firebase-admin's `importUsers` needs. Firebase's scrypt,
 * standard scrypt and bcrypt are mapped; Firebase's HMAC, MD5/SHA and PBKDF2 imports are
 * not, because Firebase does not document how it combines salt and password for them —
 * those throw UNSUPPORTED_HASH rather than import hashes that would never verify.
 */
export function toFirebaseImport(hash: PortablePasswordHash): FirebaseImportPassword {
  const parsed = parsePortableHash(hash);
  switch (parsed.algorithm) {
    case 'firebase-scrypt':
      return {
        hash: {
          algorithm: 'SCRYPT',
          key: Buffer.from(parsed.signerKey),
          saltSeparator: Buffer.from(parsed.saltSeparator),
          rounds: parsed.rounds,
          memoryCost: parsed.memoryCost,
        },
        passwordHash: Buffer.from(parsed.hash),
        passwordSalt: Buffer.from(parsed.salt),
      };
    case 'scrypt':
      return {
        hash: {
          algorithm: 'STANDARD_SCRYPT',
          memoryCost: 2 ** parsed.logN,
          parallelization: parsed.parallelization,
          blockSize: parsed.blockSize,
          derivedKeyLength: parsed.hash.length,
        },
        passwordHash: Buffer.from(parsed.hash),
        passwordSalt: Buffer.from(parsed.salt),
      };
    case 'bcrypt':
      // Firebase takes the whole modular-crypt string as the hash.
      return {
        hash: { algorithm: 'BCRYPT' },
        passwordHash: Buffer.from(formatPortableHash(parsed).phc, 'utf8'),
      };
    default:
      throw unsupported(`this package does not map ${parsed.algorithm} hashes to a Firebase import`);
  }
}
