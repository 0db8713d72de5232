/** Where a plain-digest or HMAC scheme put the salt: `digest(salt + password)` or `digest(password + salt)`. */
export type SaltPosition = 'prefix' | 'suffix';

/** scrypt (RFC 7914) over the UTF-8 password and the salt. */
export interface ScryptHash {
  readonly algorithm: 'scrypt';
  /** log2 of N, the CPU/memory cost. */
  readonly logN: number;
  /** r. */
  readonly blockSize: number;
  /** p. */
  readonly parallelization: number;
  readonly salt: Uint8Array;
  readonly hash: Uint8Array;
}

/**
 * Firebase Auth's modified scrypt: scrypt(password, salt + saltSeparator, N = 2^memoryCost,
 * r = rounds, p = 1) keys AES-256-CTR (zero IV), which encrypts the project's signer key;
 * the ciphertext is the stored hash.
 */
export interface FirebaseScryptHash {
  readonly algorithm: 'firebase-scrypt';
  /** Firebase's `mem_cost`, 1–14: N = 2^memoryCost. */
  readonly memoryCost: number;
  /** Firebase's `rounds`, 1–8: scrypt's r. */
  readonly rounds: number;
  /** The project's `base64_salt_separator`, decoded. */
  readonly saltSeparator: Uint8Array;
  /** The project's `base64_signer_key`, decoded. */
  readonly signerKey: Uint8Array;
  readonly salt: Uint8Array;
  readonly hash: Uint8Array;
}

/** bcrypt, kept in its modular-crypt form (`$2b$10$<salt><hash>`). */
export interface BcryptHash {
  readonly algorithm: 'bcrypt';
  /** `2a`, `2b` and `2y` compute the same hash for passwords under 255 bytes. */
  readonly version: '2a' | '2b' | '2y';
  /** log2 of the rounds, 4–31. */
  readonly cost: number;
  /** 16 bytes. */
  readonly salt: Uint8Array;
  /** 23 bytes. */
  readonly hash: Uint8Array;
}

/** argon2id or argon2i (RFC 9106) without secret or associated data. */
export interface Argon2Hash {
  readonly algorithm: 'argon2id' | 'argon2i';
  /** 19 (0x13, current) or 16 (0x10, legacy). */
  readonly version: 16 | 19;
  readonly memoryKib: number;
  readonly iterations: number;
  readonly parallelism: number;
  readonly salt: Uint8Array;
  readonly hash: Uint8Array;
}

/** PBKDF2 with HMAC-SHA-1/256/512; the derived length is the hash length. */
export interface Pbkdf2Hash {
  readonly algorithm: 'pbkdf2-sha1' | 'pbkdf2-sha256' | 'pbkdf2-sha512';
  readonly iterations: number;
  readonly salt: Uint8Array;
  readonly hash: Uint8Array;
}

/** One pass of a plain digest over salt and password (empty salt: unsalted). */
export interface SaltedDigestHash {
  readonly algorithm: 'md5' | 'sha1' | 'sha256' | 'sha512';
  readonly saltPosition: SaltPosition;
  readonly salt: Uint8Array;
  readonly hash: Uint8Array;
}

/** HMAC keyed with a (vendor- or project-wide) key over salt and password. */
export interface HmacHash {
  readonly algorithm: 'hmac-md5' | 'hmac-sha1' | 'hmac-sha256' | 'hmac-sha512';
  readonly key: Uint8Array;
  readonly saltPosition: SaltPosition;
  readonly salt: Uint8Array;
  readonly hash: Uint8Array;
}

/** A password hash with every parameter decoded: what converters and the verifier work on. */
export type ParsedPasswordHash =
  | ScryptHash
  | FirebaseScryptHash
  | BcryptHash
  | Argon2Hash
  | Pbkdf2Hash
  | SaltedDigestHash
  | HmacHash;
