import type { PasswordHashAlgorithm, PortablePasswordHash } from '@idport/core';
import type { UserImportOptions } from 'firebase-admin/auth';
import type { FirebaseHashConfig } from './firebase-provider-options';

/**
 * Hash families Firebase `importUsers` accepts, as the port names them. argon2 and
 * pbkdf2-sha512 are missing because Firebase has no such algorithm.
 */
export const firebaseImportableHashes: readonly PasswordHashAlgorithm[] = [
  'firebase-scrypt',
  'scrypt',
  'bcrypt',
  'pbkdf2-sha1',
  'pbkdf2-sha256',
  'md5',
  'sha1',
  'sha256',
  'sha512',
  'hmac-sha256',
  'hmac-sha512',
];

/** A portable hash converted for `importUsers`: the per-user parts and the per-call options. */
export interface FirebaseImportHash {
  readonly passwordHash: Buffer;
  readonly passwordSalt: Buffer | undefined;
  readonly options: UserImportOptions;
  /** Users whose `options` are equal can share one importUsers call. */
  readonly groupKey: string;
}

/** Why a hash could not be converted (shown as an import warning, never with the hash). */
export class UnimportableHashError extends Error {
  override readonly name = 'UnimportableHashError';
}

function decodeBase64(value: string, what: string): Buffer {
  if (!/^[A-Za-z0-9+/_.-]*={0,2}$/.test(value)) throw new UnimportableHashError(`${what} is not base64`);
  // PHC strings use standard base64 without padding; passlib's "adapted" alphabet uses '.'.
  return Buffer.from(value.replace(/\./g, '+').replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

function parseParameters(text: string): Map<string, string> {
  const parameters = new Map<string, string>();
  if (text === '') return parameters;
  for (const pair of text.split(',')) {
    const [key, value] = pair.split('=');
    if (!key || value === undefined) throw new UnimportableHashError('malformed PHC parameters');
    parameters.set(key, value);
  }
  return parameters;
}

function integer(parameters: Map<string, string>, key: string, fallback?: number): number {
  const text = parameters.get(key);
  if (text === undefined) {
    if (fallback !== undefined) return fallback;
    throw new UnimportableHashError(`PHC parameter ${key} is missing`);
  }
  if (!/^\d{1,9}$/.test(text)) throw new UnimportableHashError(`PHC parameter ${key} is not a number`);
  return Number(text);
}

function optionsKey(options: UserImportOptions): string {
  const hash = options.hash;
  return JSON.stringify({
    ...hash,
    key: hash.key?.toString('base64'),
    saltSeparator: hash.saltSeparator?.toString('base64'),
  });
}

function withKey(parts: Omit<FirebaseImportHash, 'groupKey'>): FirebaseImportHash {
  return { ...parts, groupKey: optionsKey(parts.options) };
}

const digestAlgorithms = { md5: 'MD5', sha1: 'SHA1', sha256: 'SHA256', sha512: 'SHA512' } as const;
const hmacAlgorithms = { 'hmac-sha256': 'HMAC_SHA256', 'hmac-sha512': 'HMAC_SHA512' } as const;

/**
 * Converts a portable hash to what Firebase `importUsers` takes. Accepted PHC forms:
 * - bcrypt: the modular-crypt string itself (`$2a$10$...`, `$2b$`, `$2y$`);
 * - scrypt: `$scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<hash>` (STANDARD_SCRYPT);
 * - firebase-scrypt: `$firebase-scrypt$rounds=<r>,mem=<m>,key=<signer>,sep=<separator>$<salt>$<hash>`
 *   (SCRYPT, Firebase's own variant, as `transfer.exportUsers` writes it);
 * - pbkdf2-sha1 / pbkdf2-sha256: `$pbkdf2-sha256$i=<iterations>$<salt>$<hash>`;
 * - md5 / sha1 / sha256 / sha512: `$sha256$r=<rounds>[,order=salt-first]$<salt>$<hash>`, the
 *   digest of salt + password (salt may be empty; `order=password-first` is refused);
 * - hmac-sha256 / hmac-sha512: `$hmac-sha256$key=<key>$<salt>$<hash>`.
 * Salts, hashes and keys are base64.
 */
export function toFirebaseImportHash(hash: PortablePasswordHash): FirebaseImportHash {
  if (!firebaseImportableHashes.includes(hash.algorithm)) {
    throw new UnimportableHashError(`Firebase cannot import ${hash.algorithm} hashes`);
  }
  if (hash.algorithm === 'bcrypt') {
    if (!/^\$2[abxy]\$\d{2}\$[./A-Za-z0-9]{53}$/.test(hash.phc)) {
      throw new UnimportableHashError('bcrypt hash is not a modular-crypt string');
    }
    return withKey({
      passwordHash: Buffer.from(hash.phc),
      passwordSalt: undefined,
      options: { hash: { algorithm: 'BCRYPT' } },
    });
  }
  const fields = hash.phc.split('$');
  // ['', id, parameters, salt, hash]
  if (fields.length !== 5 || fields[0] !== '') throw new UnimportableHashError('hash is not a PHC string');
  const [, identifier, parameterText, saltText, hashText] = fields as [
    string,
    string,
    string,
    string,
    string,
  ];
  const parameters = parseParameters(parameterText);
  const salt = decodeBase64(saltText, 'salt');
  const passwordHash = decodeBase64(hashText, 'hash');
  if (passwordHash.length === 0) throw new UnimportableHashError('hash is empty');
  const passwordSalt = salt.length === 0 ? undefined : salt;

  switch (hash.algorithm) {
    case 'scrypt': {
      if (identifier !== 'scrypt') break;
      const logN = integer(parameters, 'ln');
      if (logN < 1 || logN > 30) throw new UnimportableHashError('scrypt ln is out of range');
      return withKey({
        passwordHash,
        passwordSalt,
        options: {
          hash: {
            algorithm: 'STANDARD_SCRYPT',
            memoryCost: 2 ** logN,
            blockSize: integer(parameters, 'r', 8),
            parallelization: integer(parameters, 'p', 1),
            derivedKeyLength: passwordHash.length,
          },
        },
      });
    }
    case 'firebase-scrypt': {
      if (identifier !== 'firebase-scrypt') break;
      const key = parameters.get('key');
      const separator = parameters.get('sep');
      if (key === undefined || separator === undefined) {
        throw new UnimportableHashError('firebase-scrypt needs key and sep parameters');
      }
      return withKey({
        passwordHash,
        passwordSalt,
        options: {
          hash: {
            algorithm: 'SCRYPT',
            key: decodeBase64(key, 'key'),
            saltSeparator: decodeBase64(separator, 'sep'),
            rounds: integer(parameters, 'rounds'),
            memoryCost: integer(parameters, 'mem'),
          },
        },
      });
    }
    case 'pbkdf2-sha1':
    case 'pbkdf2-sha256': {
      const accepted = hash.algorithm === 'pbkdf2-sha1' ? ['pbkdf2-sha1', 'pbkdf2'] : ['pbkdf2-sha256'];
      if (!accepted.includes(identifier)) break;
      return withKey({
        passwordHash,
        passwordSalt,
        options: {
          hash: {
            algorithm: hash.algorithm === 'pbkdf2-sha1' ? 'PBKDF_SHA1' : 'PBKDF2_SHA256',
            rounds: integer(parameters, 'i'),
          },
        },
      });
    }
    case 'md5':
    case 'sha1':
    case 'sha256':
    case 'sha512': {
      if (identifier !== hash.algorithm) break;
      // Firebase computes digest(salt + password); firebase-admin has no switch for the
      // other order, so such hashes would import but never verify.
      if ((parameters.get('order') ?? 'salt-first') !== 'salt-first') {
        throw new UnimportableHashError('Firebase imports salt-first digests only (order=salt-first)');
      }
      return withKey({
        passwordHash,
        passwordSalt,
        options: {
          hash: { algorithm: digestAlgorithms[hash.algorithm], rounds: integer(parameters, 'r', 1) },
        },
      });
    }
    case 'hmac-sha256':
    case 'hmac-sha512': {
      if (identifier !== hash.algorithm) break;
      const key = parameters.get('key');
      if (key === undefined) throw new UnimportableHashError(`${hash.algorithm} needs a key parameter`);
      return withKey({
        passwordHash,
        passwordSalt,
        options: { hash: { algorithm: hmacAlgorithms[hash.algorithm], key: decodeBase64(key, 'key') } },
      });
    }
    default:
      throw new UnimportableHashError(`Firebase cannot import ${hash.algorithm} hashes`);
  }
  throw new UnimportableHashError(`PHC id does not match algorithm ${hash.algorithm}`);
}

/**
 * Builds the portable form of a Firebase scrypt hash, with the project's parameters so
 * that another system (or another Firebase project) can verify it.
 */
export function fromFirebaseScrypt(
  passwordHash: string,
  passwordSalt: string,
  config: FirebaseHashConfig,
): PortablePasswordHash {
  const clean = (value: string) => value.replace(/=+$/, '');
  return {
    algorithm: 'firebase-scrypt',
    phc: `$firebase-scrypt$rounds=${config.rounds},mem=${config.memoryCost},key=${clean(config.signerKey)},sep=${clean(config.saltSeparator)}$${clean(passwordSalt)}$${clean(passwordHash)}`,
  };
}
