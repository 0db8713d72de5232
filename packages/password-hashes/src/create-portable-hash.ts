import { randomBytes } from 'node:crypto';
import type { PortablePasswordHash } from '@idport/core';
import { checkHashLimits } from './check-hash-limits';
import { derivePasswordHash } from './derive-password-hash';
import { formatPortableHash } from './format-portable-hash';
import { defaultHashLimits } from './hash-limits';
import type { ParsedPasswordHash } from './parsed-password-hash';

/** Everything of a hash but its value: the salt is optional (16 random bytes when left out). */
export type PasswordHashSpecification = ParsedPasswordHash extends infer Hash
  ? Hash extends ParsedPasswordHash
    ? Omit<Hash, 'hash' | 'salt'> & { salt?: Uint8Array; hashLength?: number }
    : never
  : never;

const defaultLengths: Record<string, number> = {
  scrypt: 32,
  'pbkdf2-sha1': 20,
  'pbkdf2-sha256': 32,
  'pbkdf2-sha512': 64,
  argon2id: 32,
  argon2i: 32,
};

/**
 * Hashes a password in any supported scheme — for fixtures, tests and tools that write
 * vendor import files. New passwords for your own users belong in your provider's default
 * scheme, not in the legacy ones this can produce.
 */
export async function createPortableHash(
  password: string,
  specification: PasswordHashSpecification,
): Promise<PortablePasswordHash> {
  const salt = specification.salt ?? randomBytes(16);
  const length =
    specification.algorithm === 'firebase-scrypt'
      ? specification.signerKey.length
      : specification.algorithm === 'bcrypt'
        ? 23
        : (specification.hashLength ?? defaultLengths[specification.algorithm] ?? 32);
  const draft = { ...specification, salt, hash: Buffer.alloc(length) } as ParsedPasswordHash;
  checkHashLimits(draft, defaultHashLimits);
  const hash = await derivePasswordHash(Buffer.from(password, 'utf8'), draft);
  return formatPortableHash({ ...draft, hash } as ParsedPasswordHash);
}
