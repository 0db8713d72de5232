import { timingSafeEqual } from 'node:crypto';
import type { PortablePasswordHash } from '@idport/core';
import { derivePasswordHash } from './derive-password-hash';
import { defaultHashLimits, type HashLimits } from './hash-limits';
import { parsePortableHash } from './parse-portable-hash';

/** Options of `verifyPortableHash`. */
export interface VerifyPortableHashOptions {
  /** Overrides of `defaultHashLimits`. */
  limits?: Partial<HashLimits>;
}

/**
 * Checks `password` against a portable hash of any supported algorithm. The password is
 * hashed as its UTF-8 bytes, unnormalized, as every vendor we import from does.
 *
 * Resolves true or false; rejects with PasswordHashError when the hash itself is
 * malformed, unsupported, mislabelled or beyond the cost limits — before any hashing work.
 * The final comparison is constant-time.
 */
export async function verifyPortableHash(
  password: string,
  hash: PortablePasswordHash,
  options: VerifyPortableHashOptions = {},
): Promise<boolean> {
  const limits = { ...defaultHashLimits, ...options.limits };
  const parsed = parsePortableHash(hash, { limits });
  const bytes = Buffer.from(password, 'utf8');
  if (bytes.length > limits.maxPasswordBytes) return false;
  const candidate = await derivePasswordHash(bytes, parsed);
  return candidate.length === parsed.hash.length && timingSafeEqual(candidate, parsed.hash);
}
