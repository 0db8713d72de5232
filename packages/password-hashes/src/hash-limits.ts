/**
 * Upper bounds on the cost parameters a hash may ask for. A stored hash decides how much
 * CPU and memory each sign-in attempt spends, so an imported hash with absurd parameters
 * would be a denial-of-service lever: anything beyond these is refused with
 * `PARAMETERS_OUT_OF_BOUNDS` before any work is done.
 */
export interface HashLimits {
  /** scrypt memory, 128 · N · r bytes. Default 256 MiB (OWASP's N = 2^17, r = 8 is 128 MiB). */
  readonly maxScryptMemoryBytes: number;
  /** scrypt work, N · r · p. Default 2^23 (8× N = 2^17, r = 8, p = 1). */
  readonly maxScryptWork: number;
  /** bcrypt cost (log2 rounds). Default 14. */
  readonly maxBcryptCost: number;
  /** argon2 memory in KiB. Default 262,144 (256 MiB). */
  readonly maxArgon2MemoryKib: number;
  /** argon2 passes. Default 16. */
  readonly maxArgon2Iterations: number;
  /** argon2 lanes. Default 16. */
  readonly maxArgon2Parallelism: number;
  /** argon2 memory (KiB) × passes. Default 2^20 (256 MiB × 4, or 64 MiB × 16). */
  readonly maxArgon2Work: number;
  /** PBKDF2 iterations × output blocks. Default 2,000,000 (OWASP advises 1,300,000 for SHA-1). */
  readonly maxPbkdf2Work: number;
  /** Any salt, key or derived hash, in bytes. Default 1024. */
  readonly maxFieldBytes: number;
  /** Passwords longer than this (UTF-8 bytes) never verify. Default 4096. */
  readonly maxPasswordBytes: number;
}

/** The defaults: generous for every vendor default we know, far below a DoS. */
export const defaultHashLimits: HashLimits = Object.freeze({
  maxScryptMemoryBytes: 256 * 1024 * 1024,
  maxScryptWork: 2 ** 23,
  maxBcryptCost: 14,
  maxArgon2MemoryKib: 262_144,
  maxArgon2Iterations: 16,
  maxArgon2Parallelism: 16,
  maxArgon2Work: 2 ** 20,
  maxPbkdf2Work: 2_000_000,
  maxFieldBytes: 1024,
  maxPasswordBytes: 4096,
});
