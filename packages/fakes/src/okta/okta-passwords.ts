import { createHash, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { bcryptVerify } from 'hash-wasm';

/** Okta's `credentials.password.hash` object (PasswordCredentialHash). */
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

/**
 * How the fake keeps a password: plain passwords set through the API as a salted SHA-256
 * (the fake's own storage, cheap on purpose), imported hashes as given until the first
 * successful sign-in re-hashes them, as Okta does.
 */
export type StoredPassword =
  | { readonly kind: 'local'; readonly salt: Buffer; readonly digest: Buffer }
  | { readonly kind: 'imported'; readonly hash: OktaPasswordHash };

export function storePassword(password: string): StoredPassword {
  const salt = randomBytes(16);
  return { kind: 'local', salt, digest: createHash('sha256').update(salt).update(password, 'utf8').digest() };
}

const digestNames: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-512': 'sha512',
};

function equal(left: Buffer, right: Buffer): boolean {
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Checks an imported hash the way Okta documents it: BCRYPT from `workFactor`, a 22-character
 * radix-64 `salt` and the 31-character `value`; salted digests as base64 of
 * digest(salt ‖ password) or digest(password ‖ salt) (`saltOrder`), the salt being the
 * base64-decoded bytes; PBKDF2 with `digestAlgorithm`, `iterationCount`, `keySize` bytes.
 */
export async function verifyImportedHash(hash: OktaPasswordHash, password: string): Promise<boolean> {
  const value = Buffer.from(hash.value, 'base64');
  const salt = hash.salt ? Buffer.from(hash.salt, 'base64') : Buffer.alloc(0);
  switch (hash.algorithm) {
    case 'BCRYPT':
      try {
        return await bcryptVerify({
          password,
          hash: `$2a$${String(hash.workFactor ?? 10).padStart(2, '0')}$${hash.salt ?? ''}${hash.value}`,
        });
      } catch {
        return false;
      }
    case 'PBKDF2': {
      const digest = hash.digestAlgorithm === 'SHA512_HMAC' ? 'sha512' : 'sha256';
      const derived = pbkdf2Sync(
        password,
        salt,
        hash.iterationCount ?? 4096,
        hash.keySize ?? value.length,
        digest,
      );
      return equal(derived, value);
    }
    default: {
      const name = digestNames[hash.algorithm];
      if (!name) return false;
      const bytes = Buffer.from(password, 'utf8');
      const input =
        hash.saltOrder === 'POSTFIX' ? Buffer.concat([bytes, salt]) : Buffer.concat([salt, bytes]);
      return equal(createHash(name).update(input).digest(), value);
    }
  }
}

export async function checkPassword(stored: StoredPassword | null, password: string): Promise<boolean> {
  if (!stored) return false;
  if (stored.kind === 'local') {
    return equal(createHash('sha256').update(stored.salt).update(password, 'utf8').digest(), stored.digest);
  }
  return verifyImportedHash(stored.hash, password);
}

/** Checks the import rules Okta documents; returns the error causes (empty when acceptable). */
export function validateImportedHash(hash: OktaPasswordHash): string[] {
  const causes: string[] = [];
  if (typeof hash.value !== 'string' || hash.value.length === 0)
    causes.push('password.hash.value: The field cannot be left blank');
  if (hash.algorithm === 'BCRYPT') {
    if (hash.salt?.length !== 22) causes.push('password.hash.salt: BCRYPT salt must be 22 characters');
    if (hash.workFactor === undefined)
      causes.push('password.hash.workFactor: The field cannot be left blank');
  }
  if (hash.algorithm === 'PBKDF2') {
    if ((hash.iterationCount ?? 0) < 4096) causes.push('password.hash.iterationCount: must be at least 4096');
    if (!hash.keySize) causes.push('password.hash.keySize: The field cannot be left blank');
    if (!hash.digestAlgorithm) causes.push('password.hash.digestAlgorithm: The field cannot be left blank');
  }
  return causes;
}

/**
 * Okta's default password policy: at least 8 characters, a lowercase and an uppercase
 * letter, a number, and no part of the username. Returns the unmet requirements.
 */
export function passwordPolicyFailures(password: string, login: string, minLength: number): string[] {
  const failures: string[] = [];
  if (password.length < minLength) failures.push(`at least ${minLength} characters`);
  if (!/[a-z]/.test(password)) failures.push('a lowercase letter');
  if (!/[A-Z]/.test(password)) failures.push('an uppercase letter');
  if (!/[0-9]/.test(password)) failures.push('a number');
  const localPart = login.split('@')[0]?.toLowerCase() ?? '';
  if (localPart.length >= 4 && password.toLowerCase().includes(localPart))
    failures.push('no parts of your username');
  return failures;
}
