import { createHash, createHmac, pbkdf2Sync, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { argon2Verify, bcrypt, bcryptVerify, md4 } from 'hash-wasm';

/**
 * A password as the fake stores it: its own bcrypt hash (what Auth0 uses for database
 * connections), or an imported `custom_password_hash` object kept as sent, verified at sign-in
 * and replaced by a bcrypt hash after the first successful sign-in, as Auth0 documents.
 */
export type StoredPassword =
  | { readonly kind: 'bcrypt'; readonly hash: string }
  | { readonly kind: 'custom'; readonly custom: CustomPasswordHash };

/** Auth0's `custom_password_hash` object of the user import schema. */
export interface CustomPasswordHash {
  readonly algorithm: string;
  readonly hash: {
    readonly value: string;
    readonly encoding?: string;
    readonly digest?: string;
    readonly key?: { readonly value: string; readonly encoding?: string };
  };
  readonly salt?: {
    readonly value: string;
    readonly encoding?: string;
    readonly position?: 'prefix' | 'suffix';
  };
  readonly password?: { readonly encoding?: string };
  readonly keylen?: number;
  readonly cost?: number;
  readonly blockSize?: number;
  readonly parallelization?: number;
}

/** The algorithms Auth0's bulk import accepts in `custom_password_hash.algorithm`. */
export const customHashAlgorithms = [
  'argon2',
  'bcrypt',
  'hmac',
  'ldap',
  'md4',
  'md5',
  'sha1',
  'sha256',
  'sha512',
  'pbkdf2',
  'scrypt',
] as const;

/** Hashes a password with bcrypt at the given cost (Auth0 uses 10). */
export async function hashBcrypt(password: string, cost: number): Promise<StoredPassword> {
  const hash = await bcrypt({ password, salt: randomBytes(16), costFactor: cost, outputType: 'encoded' });
  return { kind: 'bcrypt', hash };
}

function decode(value: string, encoding: string | undefined): Buffer {
  if (encoding === 'hex') return Buffer.from(value, 'hex');
  if (encoding === 'base64') return Buffer.from(value, 'base64');
  return Buffer.from(value, 'utf8');
}

function passwordBytes(password: string, custom: CustomPasswordHash): Buffer {
  const encoding = custom.password?.encoding ?? 'utf8';
  return Buffer.from(password, encoding as BufferEncoding);
}

function salted(password: Buffer, custom: CustomPasswordHash): Buffer {
  if (!custom.salt) return password;
  const salt = decode(custom.salt.value, custom.salt.encoding);
  return custom.salt.position === 'suffix'
    ? Buffer.concat([password, salt])
    : Buffer.concat([salt, password]);
}

function same(left: Buffer, right: Buffer): boolean {
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

async function digestOf(algorithm: string, data: Buffer): Promise<Buffer> {
  if (algorithm === 'md4') return Buffer.from(await md4(data), 'hex');
  return createHash(algorithm).update(data).digest();
}

/** RFC 2307 `{SHA}`, `{SSHA}`, `{MD5}`, `{SMD5}`, `{SHA256}`, `{SSHA256}`, `{SHA512}`, `{SSHA512}` values. */
function verifyLdap(password: Buffer, value: string): boolean {
  const match = /^\{(S?)(SHA|MD5|SHA256|SHA512)\}(.+)$/i.exec(value);
  if (!match) return false;
  const algorithm = ({ SHA: 'sha1', MD5: 'md5', SHA256: 'sha256', SHA512: 'sha512' } as const)[
    (match[2] as string).toUpperCase() as 'SHA'
  ];
  const decoded = Buffer.from(match[3] as string, 'base64');
  const length = createHash(algorithm).digest().length;
  const digest = decoded.subarray(0, length);
  const salt = match[1] ? decoded.subarray(length) : Buffer.alloc(0);
  return same(
    createHash(algorithm)
      .update(Buffer.concat([password, salt]))
      .digest(),
    digest,
  );
}

/** PHC `$pbkdf2-<digest>$i=<iterations>,l=<length>$<salt>$<hash>` (B64), as Auth0 reads pbkdf2 imports. */
function verifyPbkdf2(password: Buffer, value: string): boolean {
  const match =
    /^\$pbkdf2(?:-(sha1|sha256|sha512|md5|sha224|sha384))?\$i=(\d+),l=(\d+)\$([A-Za-z0-9+/.]+)\$([A-Za-z0-9+/.]+)$/.exec(
      value,
    );
  if (!match) return false;
  const digest = match[1] ?? 'sha1';
  const iterations = Number(match[2]);
  const length = Number(match[3]);
  const salt = Buffer.from((match[4] as string).replaceAll('.', '+'), 'base64');
  const expected = Buffer.from((match[5] as string).replaceAll('.', '+'), 'base64');
  if (iterations < 1 || iterations > 10_000_000 || length !== expected.length) return false;
  return same(pbkdf2Sync(password, salt, iterations, length, digest), expected);
}

/** Checks a password against an imported `custom_password_hash`, for every algorithm Auth0 accepts. */
export async function verifyCustomHash(password: string, custom: CustomPasswordHash): Promise<boolean> {
  const plain = passwordBytes(password, custom);
  const value = custom.hash.value;
  try {
    switch (custom.algorithm) {
      case 'bcrypt':
        return /^\$2[abxy]?\$\d\d\$/.test(value) && (await bcryptVerify({ password: plain, hash: value }));
      case 'argon2':
        return /^\$argon2(id|i|d)\$/.test(value) && (await argon2Verify({ password: plain, hash: value }));
      case 'pbkdf2':
        return verifyPbkdf2(plain, value);
      case 'ldap':
        return verifyLdap(plain, value);
      case 'md4':
      case 'md5':
      case 'sha1':
      case 'sha256':
      case 'sha512': {
        const expected = decode(value, custom.hash.encoding ?? 'hex');
        return same(await digestOf(custom.algorithm, salted(plain, custom)), expected);
      }
      case 'hmac': {
        const key = custom.hash.key;
        if (!key || !custom.hash.digest) return false;
        const expected = decode(value, custom.hash.encoding ?? 'hex');
        const mac = createHmac(custom.hash.digest, decode(key.value, key.encoding))
          .update(salted(plain, custom))
          .digest();
        return same(mac, expected);
      }
      case 'scrypt': {
        if (!custom.salt) return false;
        const expected = decode(value, custom.hash.encoding ?? 'hex');
        const keylen = custom.keylen ?? 64;
        const cost = custom.cost ?? 16384;
        const blockSize = custom.blockSize ?? 8;
        const derived = scryptSync(plain, decode(custom.salt.value, custom.salt.encoding), keylen, {
          N: cost,
          r: blockSize,
          p: custom.parallelization ?? 1,
          maxmem: 256 * cost * blockSize + 1024 * 1024,
        });
        return same(derived, expected);
      }
      default:
        return false;
    }
  } catch {
    // A malformed imported hash never matches; it must not crash the sign-in.
    return false;
  }
}

/** Checks a password against what the fake stores. */
export async function verifyStoredPassword(password: string, stored: StoredPassword): Promise<boolean> {
  if (stored.kind === 'bcrypt') return bcryptVerify({ password, hash: stored.hash });
  return verifyCustomHash(password, stored.custom);
}

/** Why an import's `custom_password_hash` is refused (Auth0 validates the object's shape at import). */
export function customHashProblem(custom: unknown): string | null {
  if (typeof custom !== 'object' || custom === null) return 'custom_password_hash must be an object';
  const value = custom as Partial<CustomPasswordHash>;
  if (!customHashAlgorithms.includes(value.algorithm as (typeof customHashAlgorithms)[number])) {
    return `custom_password_hash.algorithm must be one of ${customHashAlgorithms.join(', ')}`;
  }
  if (typeof value.hash?.value !== 'string' || value.hash.value.length === 0) {
    return 'custom_password_hash.hash.value is required';
  }
  if (value.algorithm === 'hmac' && (!value.hash.key || !value.hash.digest)) {
    return 'custom_password_hash.hash.key and hash.digest are required for hmac';
  }
  if (value.algorithm === 'scrypt' && !value.salt) return 'custom_password_hash.salt is required for scrypt';
  return null;
}
