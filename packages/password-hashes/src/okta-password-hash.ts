import type { PortablePasswordHash } from '@idport/core';
import { decodeBase64, encodeBase64 } from './byte-encodings';
import { formatPortableHash } from './format-portable-hash';
import { parsePortableHash } from './parse-portable-hash';
import type { ParsedPasswordHash } from './parsed-password-hash';
import { malformed, unsupported } from './password-hash-error';

/** Okta's `credentials.password.hash` object (Users API, create user with imported hashed password). */
export interface OktaPasswordHash {
  algorithm: 'BCRYPT' | 'MD5' | 'PBKDF2' | 'SHA-1' | 'SHA-256' | 'SHA-512';
  /** bcrypt cost (BCRYPT only). */
  workFactor?: number;
  /** BCRYPT: the 22-character bcrypt-base64 salt; others: base64. Absent when unsalted. */
  salt?: string;
  /** Salted SHA-x and MD5 only. */
  saltOrder?: 'PREFIX' | 'POSTFIX';
  /** BCRYPT: the 31-character bcrypt-base64 hash; others: base64. */
  value: string;
  /** PBKDF2 only. */
  digestAlgorithm?: 'SHA256_HMAC' | 'SHA512_HMAC';
  /** PBKDF2 only; Okta requires at least 4096. */
  iterationCount?: number;
  /** PBKDF2 only: derived key size in bytes. */
  keySize?: number;
}

const digests = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-512': 'sha512' } as const;
const pbkdf2Digests = { SHA256_HMAC: 'pbkdf2-sha256', SHA512_HMAC: 'pbkdf2-sha512' } as const;
/** Okta refuses PBKDF2 imports below this iteration count. */
export const oktaMinimumPbkdf2Iterations = 4096;

function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string') throw malformed(`${field} must be a string`);
  return value;
}

/** Converts Okta's hash object to a portable hash (validated; throws PasswordHashError). */
export function fromOktaPasswordHash(okta: OktaPasswordHash): PortablePasswordHash {
  if (typeof okta !== 'object' || okta === null) throw malformed('an Okta hash is an object');
  const value = requireString(okta.value, 'value');
  let parsed: ParsedPasswordHash;
  if (okta.algorithm === 'BCRYPT') {
    const cost = okta.workFactor;
    if (!Number.isInteger(cost) || (cost as number) < 4 || (cost as number) > 31) {
      throw malformed('workFactor must be an integer from 4 to 31');
    }
    const phc = `$2b$${String(cost).padStart(2, '0')}$${requireString(okta.salt, 'salt')}${value}`;
    return checked({ algorithm: 'bcrypt', phc });
  }
  if (okta.algorithm === 'PBKDF2') {
    const algorithm = pbkdf2Digests[okta.digestAlgorithm as keyof typeof pbkdf2Digests];
    if (!algorithm) throw unsupported('digestAlgorithm must be SHA256_HMAC or SHA512_HMAC');
    const hash = decodeBase64(value, 'value');
    if (okta.keySize !== undefined && okta.keySize !== hash.length)
      throw malformed('keySize differs from the hash length');
    if (!Number.isInteger(okta.iterationCount)) throw malformed('iterationCount must be an integer');
    parsed = {
      algorithm,
      iterations: okta.iterationCount as number,
      salt: decodeBase64(requireString(okta.salt, 'salt'), 'salt'),
      hash,
    };
  } else if (okta.algorithm in digests) {
    const salted = okta.salt !== undefined && okta.salt !== '';
    if (salted && okta.saltOrder !== 'PREFIX' && okta.saltOrder !== 'POSTFIX') {
      throw malformed('saltOrder must be PREFIX or POSTFIX');
    }
    parsed = {
      algorithm: digests[okta.algorithm as keyof typeof digests],
      saltPosition: okta.saltOrder === 'POSTFIX' ? 'suffix' : 'prefix',
      salt: salted ? decodeBase64(okta.salt as string, 'salt') : Buffer.alloc(0),
      hash: decodeBase64(value, 'value'),
    };
  } else {
    throw unsupported(`Okta algorithm "${String(okta.algorithm).slice(0, 32)}" is not supported`);
  }
  return checked(formatPortableHash(parsed));
}

function checked(hash: PortablePasswordHash): PortablePasswordHash {
  parsePortableHash(hash);
  return hash;
}

/**
 * Converts a portable hash to Okta's import object. Okta imports bcrypt, PBKDF2-SHA256/512
 * (≥ 4096 iterations) and salted MD5/SHA-1/256/512; anything else throws UNSUPPORTED_HASH.
 */
export function toOktaPasswordHash(hash: PortablePasswordHash): OktaPasswordHash {
  const parsed = parsePortableHash(hash);
  switch (parsed.algorithm) {
    case 'bcrypt': {
      // Okta takes the cost, salt and hash separately; the minor version does not matter to it.
      const phc = formatPortableHash(parsed).phc;
      return { algorithm: 'BCRYPT', workFactor: parsed.cost, salt: phc.slice(7, 29), value: phc.slice(29) };
    }
    case 'pbkdf2-sha256':
    case 'pbkdf2-sha512':
      if (parsed.iterations < oktaMinimumPbkdf2Iterations) {
        throw unsupported(`Okta imports PBKDF2 with at least ${oktaMinimumPbkdf2Iterations} iterations`);
      }
      return {
        algorithm: 'PBKDF2',
        digestAlgorithm: parsed.algorithm === 'pbkdf2-sha256' ? 'SHA256_HMAC' : 'SHA512_HMAC',
        iterationCount: parsed.iterations,
        keySize: parsed.hash.length,
        salt: encodeBase64(parsed.salt),
        value: encodeBase64(parsed.hash),
      };
    case 'md5':
    case 'sha1':
    case 'sha256':
    case 'sha512': {
      const algorithm = (Object.keys(digests) as (keyof typeof digests)[]).find(
        (name) => digests[name] === parsed.algorithm,
      ) as keyof typeof digests;
      const value = encodeBase64(parsed.hash);
      if (parsed.salt.length === 0) return { algorithm, value };
      return {
        algorithm,
        salt: encodeBase64(parsed.salt),
        saltOrder: parsed.saltPosition === 'prefix' ? 'PREFIX' : 'POSTFIX',
        value,
      };
    }
    default:
      throw unsupported(`Okta cannot import ${parsed.algorithm} hashes`);
  }
}
