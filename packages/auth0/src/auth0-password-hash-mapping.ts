import type { PasswordHashAlgorithm, PortablePasswordHash } from '@idport/core';

/** Auth0's `custom_password_hash` object of the user import schema. */
export interface Auth0CustomPasswordHash {
  algorithm:
    | 'argon2'
    | 'bcrypt'
    | 'hmac'
    | 'ldap'
    | 'md4'
    | 'md5'
    | 'sha1'
    | 'sha256'
    | 'sha512'
    | 'pbkdf2'
    | 'scrypt';
  hash: {
    value: string;
    encoding?: 'base64' | 'hex' | 'utf8';
    digest?: string;
    key?: { value: string; encoding: 'base64' | 'hex' | 'utf8' };
  };
  salt?: { value: string; encoding?: 'base64' | 'hex' | 'utf8'; position?: 'prefix' | 'suffix' };
  keylen?: number;
  cost?: number;
  blockSize?: number;
  parallelization?: number;
}

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
  'hmac-sha256',
  'hmac-sha512',
];

const base64Text = /^[A-Za-z0-9+/.]+={0,2}$/;

/** passlib's "adapted base64" uses `.` for `+`; standard base64 otherwise. */
function standardBase64(text: string): string {
  return text.replaceAll('.', '+');
}

function pbkdf2(phc: string, digest: string): Auth0CustomPasswordHash | null {
  // PHC form: $pbkdf2-sha256$i=600000,l=32$<salt>$<hash> — what Auth0 reads as is.
  const phcForm =
    /^\$pbkdf2(-sha1|-sha256|-sha512)?\$i=(\d+),l=(\d+)\$([A-Za-z0-9+/.]+)\$([A-Za-z0-9+/.]+)$/.exec(phc);
  if (phcForm) return { algorithm: 'pbkdf2', hash: { value: phc, encoding: 'utf8' } };
  // passlib form: $pbkdf2-sha256$<rounds>$<salt>$<hash>; rewritten into the PHC form.
  const passlib = /^\$pbkdf2(-sha1|-sha256|-sha512)?\$(\d+)\$([A-Za-z0-9+/.]+)\$([A-Za-z0-9+/.]+)$/.exec(phc);
  if (!passlib) return null;
  const salt = Buffer.from(standardBase64(passlib[3] as string), 'base64');
  const hash = Buffer.from(standardBase64(passlib[4] as string), 'base64');
  const strip = (buffer: Buffer) => buffer.toString('base64').replace(/=+$/, '');
  return {
    algorithm: 'pbkdf2',
    hash: {
      value: `$pbkdf2-${digest}$i=${passlib[2]},l=${hash.length}$${strip(salt)}$${strip(hash)}`,
      encoding: 'utf8',
    },
  };
}

/**
 * Turns a portable hash into Auth0's `custom_password_hash`, or null when Auth0 cannot verify
 * it. Formats (see the README): bcrypt `$2b$...`; argon2 PHC; pbkdf2 PHC
 * `$pbkdf2-<digest>$i=<n>,l=<len>$<salt>$<hash>` or passlib `$pbkdf2-<digest>$<n>$<salt>$<hash>`;
 * scrypt `$scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<hash>`; plain digests
 * `$<md5|sha1|sha256|sha512>$<salt>$<hash>` (hash of salt + password; salt optional); HMAC
 * `$hmac-<digest>$key=<key>$<salt>$<hash>`. Salts, keys and hashes in base64.
 */
export function toAuth0CustomPasswordHash(hash: PortablePasswordHash): Auth0CustomPasswordHash | null {
  const phc = hash.phc;
  switch (hash.algorithm) {
    case 'bcrypt':
      return /^\$2[abxy]?\$\d\d\$[./A-Za-z0-9]{53}$/.test(phc)
        ? { algorithm: 'bcrypt', hash: { value: phc } }
        : null;
    case 'argon2id':
    case 'argon2i':
      return /^\$argon2(id|i)\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/.test(phc)
        ? { algorithm: 'argon2', hash: { value: phc, encoding: 'utf8' } }
        : null;
    case 'pbkdf2-sha1':
    case 'pbkdf2-sha256':
    case 'pbkdf2-sha512':
      return pbkdf2(phc, hash.algorithm.slice('pbkdf2-'.length));
    case 'scrypt': {
      const match =
        /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(phc);
      if (!match) return null;
      const value = match[5] as string;
      return {
        algorithm: 'scrypt',
        hash: { value, encoding: 'base64' },
        salt: { value: match[4] as string, encoding: 'base64' },
        keylen: Buffer.from(value, 'base64').length,
        cost: 2 ** Number(match[1]),
        blockSize: Number(match[2]),
        parallelization: Number(match[3]),
      };
    }
    case 'md5':
    case 'sha1':
    case 'sha256':
    case 'sha512': {
      const parts = phc.split('$');
      // ['', algorithm, salt?, hash]
      if (parts[1] !== hash.algorithm || (parts.length !== 3 && parts.length !== 4)) return null;
      const value = parts[parts.length - 1] as string;
      const salt = parts.length === 4 ? (parts[2] as string) : null;
      if (!base64Text.test(value) || (salt !== null && !base64Text.test(salt))) return null;
      return {
        algorithm: hash.algorithm,
        hash: { value, encoding: 'base64' },
        ...(salt ? { salt: { value: salt, encoding: 'base64', position: 'prefix' } } : {}),
      };
    }
    case 'hmac-sha256':
    case 'hmac-sha512': {
      const match =
        /^\$hmac-(sha256|sha512)\$key=([A-Za-z0-9+/]+={0,2})\$(?:([A-Za-z0-9+/]+={0,2})\$)?([A-Za-z0-9+/]+={0,2})$/.exec(
          phc,
        );
      if (!match || `hmac-${match[1]}` !== hash.algorithm) return null;
      return {
        algorithm: 'hmac',
        hash: {
          value: match[4] as string,
          encoding: 'base64',
          digest: match[1] as string,
          key: { value: match[2] as string, encoding: 'base64' },
        },
        ...(match[3] ? { salt: { value: match[3], encoding: 'base64', position: 'prefix' } } : {}),
      };
    }
    default:
      return null;
  }
}
