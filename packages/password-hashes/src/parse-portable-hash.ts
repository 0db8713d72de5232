import type { PasswordHashAlgorithm, PortablePasswordHash } from '@idport/core';
import { decodeBcryptBase64, decodePhcBase64 } from './byte-encodings';
import { checkHashLimits } from './check-hash-limits';
import { defaultHashLimits, type HashLimits } from './hash-limits';
import type { ParsedPasswordHash, SaltPosition } from './parsed-password-hash';
import { malformed, PasswordHashError, unsupported } from './password-hash-error';

/** Every algorithm this package parses, formats and verifies. */
export const supportedAlgorithms = [
  'scrypt',
  'firebase-scrypt',
  'bcrypt',
  'argon2id',
  'argon2i',
  'pbkdf2-sha1',
  'pbkdf2-sha256',
  'pbkdf2-sha512',
  'md5',
  'sha1',
  'sha256',
  'sha512',
  'hmac-md5',
  'hmac-sha1',
  'hmac-sha256',
  'hmac-sha512',
] as const satisfies readonly PasswordHashAlgorithm[];

/** Output sizes of the digests, in bytes. */
export const digestLengths = { md5: 16, sha1: 20, sha256: 32, sha512: 64 } as const;

/** The shortest derived hash accepted: shorter ones would let wrong passwords through by chance. */
const minimumHashBytes = 8;

const bcryptPattern = /^\$(2[aby])\$(\d{2})\$([./A-Za-z0-9]{22})([./A-Za-z0-9]{31})$/;
const parameterValue = /^[A-Za-z0-9/+.-]*$/;
const decimal = /^(?:0|[1-9]\d{0,9})$/;

function parseParameters(segment: string, required: readonly string[], optional: readonly string[] = []) {
  const values = new Map<string, string>();
  for (const pair of segment.split(',')) {
    const separator = pair.indexOf('=');
    const key = pair.slice(0, separator);
    const value = pair.slice(separator + 1);
    if (separator <= 0 || !parameterValue.test(value)) throw malformed(`parameter list is malformed`);
    if (!required.includes(key) && !optional.includes(key))
      throw unsupported(`parameter "${key}" is not supported`);
    if (values.has(key)) throw malformed(`parameter "${key}" appears twice`);
    values.set(key, value);
  }
  for (const key of required) {
    if (!values.has(key)) throw malformed(`parameter "${key}" is missing`);
  }
  return values;
}

function integer(values: Map<string, string>, key: string): number {
  const value = values.get(key) ?? '';
  if (!decimal.test(value)) throw malformed(`parameter "${key}" is not a decimal integer`);
  return Number(value);
}

function saltAndHash(salt: string | undefined, hash: string | undefined) {
  if (salt === undefined || hash === undefined) throw malformed('salt or hash field is missing');
  const decodedHash = decodePhcBase64(hash, 'hash');
  if (decodedHash.length < minimumHashBytes)
    throw malformed(`hash is shorter than ${minimumHashBytes} bytes`);
  return { salt: decodePhcBase64(salt, 'salt'), hash: decodedHash };
}

function saltPosition(value: string | undefined): SaltPosition {
  if (value !== 'prefix' && value !== 'suffix') throw malformed('parameter "pos" must be prefix or suffix');
  return value;
}

function expectFields(fields: string[], count: number): void {
  if (fields.length !== count)
    throw malformed(`expected ${count} "$"-separated fields, found ${fields.length}`);
}

/** Parses a PHC-style string into its decoded parameters; throws PasswordHashError when it is not one. */
export function parsePhcString(phc: string): ParsedPasswordHash {
  if (typeof phc !== 'string' || !phc.startsWith('$') || phc.length > 8192) {
    throw malformed('a PHC string starts with "$"');
  }
  const bcrypt = bcryptPattern.exec(phc);
  if (bcrypt) {
    const cost = Number(bcrypt[2]);
    if (cost < 4 || cost > 31) throw malformed('bcrypt cost must be 04 to 31');
    return {
      algorithm: 'bcrypt',
      version: bcrypt[1] as '2a' | '2b' | '2y',
      cost,
      salt: decodeBcryptBase64(bcrypt[3] as string, 16, 'salt'),
      hash: decodeBcryptBase64(bcrypt[4] as string, 23, 'hash'),
    };
  }
  const fields = phc.slice(1).split('$');
  const id = fields[0] ?? '';
  switch (id) {
    case 'scrypt': {
      expectFields(fields, 4);
      const values = parseParameters(fields[1] as string, ['ln', 'r', 'p']);
      return {
        algorithm: 'scrypt',
        logN: integer(values, 'ln'),
        blockSize: integer(values, 'r'),
        parallelization: integer(values, 'p'),
        ...saltAndHash(fields[2], fields[3]),
      };
    }
    case 'firebase-scrypt': {
      expectFields(fields, 4);
      const values = parseParameters(fields[1] as string, ['ln', 'r', 'ss', 'sk']);
      const parsed = {
        algorithm: 'firebase-scrypt' as const,
        memoryCost: integer(values, 'ln'),
        rounds: integer(values, 'r'),
        saltSeparator: decodePhcBase64(values.get('ss') as string, 'salt separator'),
        signerKey: decodePhcBase64(values.get('sk') as string, 'signer key'),
        ...saltAndHash(fields[2], fields[3]),
      };
      if (parsed.hash.length !== parsed.signerKey.length) {
        throw malformed('a Firebase scrypt hash is as long as the signer key');
      }
      return parsed;
    }
    case 'argon2id':
    case 'argon2i': {
      // The reference encoder omits `v=` for version 0x10 hashes.
      const versioned = fields[1]?.startsWith('v=') === true;
      expectFields(fields, versioned ? 5 : 4);
      const version = versioned ? (fields[1] as string).slice(2) : '16';
      if (version !== '16' && version !== '19') throw unsupported('argon2 version must be 16 or 19');
      const values = parseParameters(fields[versioned ? 2 : 1] as string, ['m', 't', 'p']);
      return {
        algorithm: id,
        version: version === '19' ? 19 : 16,
        memoryKib: integer(values, 'm'),
        iterations: integer(values, 't'),
        parallelism: integer(values, 'p'),
        ...saltAndHash(fields[versioned ? 3 : 2], fields[versioned ? 4 : 3]),
      };
    }
    case 'pbkdf2-sha1':
    case 'pbkdf2-sha256':
    case 'pbkdf2-sha512': {
      expectFields(fields, 4);
      const values = parseParameters(fields[1] as string, ['i'], ['l']);
      const parsed = {
        algorithm: id,
        iterations: integer(values, 'i'),
        ...saltAndHash(fields[2], fields[3]),
      };
      if (values.has('l') && integer(values, 'l') !== parsed.hash.length) {
        throw malformed('parameter "l" differs from the hash length');
      }
      return parsed;
    }
    case 'md5':
    case 'sha1':
    case 'sha256':
    case 'sha512': {
      expectFields(fields, 4);
      const values = parseParameters(fields[1] as string, ['pos']);
      const parsed = {
        algorithm: id,
        saltPosition: saltPosition(values.get('pos')),
        ...saltAndHash(fields[2], fields[3]),
      };
      if (parsed.hash.length !== digestLengths[id])
        throw malformed(`a ${id} hash is ${digestLengths[id]} bytes`);
      return parsed;
    }
    case 'hmac-md5':
    case 'hmac-sha1':
    case 'hmac-sha256':
    case 'hmac-sha512': {
      expectFields(fields, 4);
      const values = parseParameters(fields[1] as string, ['key', 'pos']);
      const digest = id.slice('hmac-'.length) as keyof typeof digestLengths;
      const parsed = {
        algorithm: id,
        key: decodePhcBase64(values.get('key') as string, 'key'),
        saltPosition: saltPosition(values.get('pos')),
        ...saltAndHash(fields[2], fields[3]),
      };
      if (parsed.hash.length !== digestLengths[digest])
        throw malformed(`an ${id} hash is ${digestLengths[digest]} bytes`);
      return parsed;
    }
    case '2a':
    case '2b':
    case '2y':
      throw malformed('a bcrypt string is $2b$<cost>$<22 salt characters><31 hash characters>');
    default:
      // Includes $2x$ and $2$: the buggy and the original bcrypt variants.
      throw unsupported(`hash scheme "${id.slice(0, 32)}" is not supported`);
  }
}

/**
 * Parses a portable hash, checks that its `algorithm` label matches the string, and checks
 * its cost against `limits`. Throws PasswordHashError (`MALFORMED_HASH`, `UNSUPPORTED_HASH`,
 * `ALGORITHM_MISMATCH`, `PARAMETERS_OUT_OF_BOUNDS`).
 */
export function parsePortableHash(
  hash: PortablePasswordHash,
  options: { limits?: Partial<HashLimits> } = {},
): ParsedPasswordHash {
  if (typeof hash !== 'object' || hash === null) throw malformed('a portable hash is { algorithm, phc }');
  if (!(supportedAlgorithms as readonly string[]).includes(hash.algorithm)) {
    throw unsupported(`algorithm "${String(hash.algorithm).slice(0, 32)}" is not supported`);
  }
  const parsed = parsePhcString(hash.phc);
  if (parsed.algorithm !== hash.algorithm) {
    throw new PasswordHashError({
      code: 'ALGORITHM_MISMATCH',
      message: `algorithm "${hash.algorithm}" does not match a ${parsed.algorithm} string`,
    });
  }
  // Bulk imports parse every user's hash: skip the merge when nothing is overridden.
  checkHashLimits(parsed, options.limits ? { ...defaultHashLimits, ...options.limits } : defaultHashLimits);
  return parsed;
}
