import type { PortablePasswordHash } from '@idport/core';

/** Okta's `credentials.password.hash` (PasswordCredentialHash in Okta's management document). */
export interface OktaPasswordHash {
  readonly algorithm: 'BCRYPT' | 'MD5' | 'PBKDF2' | 'SHA-1' | 'SHA-256' | 'SHA-512';
  readonly value: string;
  readonly salt?: string;
  readonly saltOrder?: 'PREFIX' | 'POSTFIX';
  readonly workFactor?: number;
  readonly iterationCount?: number;
  readonly keySize?: number;
  readonly digestAlgorithm?: 'SHA256_HMAC' | 'SHA512_HMAC';
}

/** The outcome of converting a portable hash: Okta's object, or why it cannot be imported. */
export type OktaHashConversion = { readonly hash: OktaPasswordHash } | { readonly reason: string };

/** PHC base64 (unpadded, `+/` or passlib's `./`) → standard padded base64, as Okta takes it. */
function phcToBase64(text: string): string | null {
  const normalized = text.replaceAll('.', '+').replaceAll('-', '+').replaceAll('_', '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(normalized)) return null;
  const bytes = Buffer.from(normalized, 'base64');
  return bytes.toString('base64');
}

function parameters(segment: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of segment.split(',')) {
    const [key, value] = pair.split('=');
    if (key && value !== undefined) result[key] = value;
  }
  return result;
}

const digestAlgorithms = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' } as const;

/**
 * Converts a portable hash to Okta's import object. Accepted forms:
 * - bcrypt modular crypt `$2a$|$2b$|$2y$<cost>$<22-char salt><31-char hash>`;
 * - PHC `$pbkdf2-sha256$i=<n>[,l=<bytes>]$<salt>$<hash>` (and `pbkdf2-sha512`), n ≥ 4096;
 * - `$md5|sha1|sha256|sha512$[so=prefix|postfix$]<salt>$<hash>` (salt may be empty), meaning
 *   digest(salt ‖ password) or digest(password ‖ salt), salt as bytes.
 * Anything else is not importable, with the reason (the user is created without a password).
 */
export function toOktaPasswordHash(portable: PortablePasswordHash): OktaHashConversion {
  const phc = portable.phc;
  if (portable.algorithm === 'bcrypt') {
    const match = /^\$2[aby]\$(\d{2})\$([./A-Za-z0-9]{22})([./A-Za-z0-9]{31})$/.exec(phc);
    if (!match) return { reason: 'bcrypt hash is not in $2a$/$2b$/$2y$ modular crypt form' };
    return {
      hash: {
        algorithm: 'BCRYPT',
        workFactor: Number(match[1]),
        salt: match[2] as string,
        value: match[3] as string,
      },
    };
  }
  if (portable.algorithm === 'pbkdf2-sha256' || portable.algorithm === 'pbkdf2-sha512') {
    const match = /^\$(pbkdf2-sha(?:256|512))\$([^$]+)\$([^$]*)\$([^$]+)$/.exec(phc);
    if (!match)
      return {
        reason: `${portable.algorithm} hash is not a PHC string $${portable.algorithm}$i=...$salt$hash`,
      };
    const params = parameters(match[2] as string);
    const iterations = Number(params.i);
    if (!Number.isInteger(iterations) || iterations < 4096) {
      return {
        reason: `${portable.algorithm} with ${params.i ?? 'unknown'} iterations: Okta imports PBKDF2 with at least 4096`,
      };
    }
    const salt = phcToBase64(match[3] as string);
    const value = phcToBase64(match[4] as string);
    if (salt === null || value === null)
      return { reason: `${portable.algorithm} salt or hash is not base64` };
    return {
      hash: {
        algorithm: 'PBKDF2',
        digestAlgorithm: portable.algorithm === 'pbkdf2-sha512' ? 'SHA512_HMAC' : 'SHA256_HMAC',
        iterationCount: iterations,
        keySize: Buffer.from(value, 'base64').length,
        salt,
        value,
      },
    };
  }
  if (portable.algorithm in digestAlgorithms) {
    const algorithm = digestAlgorithms[portable.algorithm as keyof typeof digestAlgorithms];
    const segments = phc.split('$').slice(1);
    if (segments[0] !== portable.algorithm)
      return { reason: `${portable.algorithm} hash does not start with $${portable.algorithm}$` };
    let rest = segments.slice(1);
    let saltOrder: 'PREFIX' | 'POSTFIX' = 'PREFIX';
    if (rest[0]?.startsWith('so=')) {
      saltOrder = rest[0] === 'so=postfix' ? 'POSTFIX' : 'PREFIX';
      rest = rest.slice(1);
    }
    if (rest.length !== 2)
      return { reason: `${portable.algorithm} hash is not $${portable.algorithm}$[so=...$]<salt>$<hash>` };
    const salt = phcToBase64(rest[0] as string);
    const value = phcToBase64(rest[1] as string);
    if (salt === null || value === null || value.length === 0)
      return { reason: `${portable.algorithm} salt or hash is not base64` };
    return { hash: { algorithm, value, ...(salt.length > 0 ? { salt, saltOrder } : {}) } };
  }
  return { reason: `Okta cannot import ${portable.algorithm} password hashes` };
}
