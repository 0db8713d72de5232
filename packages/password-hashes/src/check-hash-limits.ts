import type { HashLimits } from './hash-limits';
import type { ParsedPasswordHash } from './parsed-password-hash';
import { PasswordHashError } from './password-hash-error';

const digestBytes = { 'pbkdf2-sha1': 20, 'pbkdf2-sha256': 32, 'pbkdf2-sha512': 64 } as const;

function outOfBounds(message: string): PasswordHashError {
  return new PasswordHashError({ code: 'PARAMETERS_OUT_OF_BOUNDS', message });
}

function checkScrypt(logN: number, blockSize: number, parallelization: number, limits: HashLimits): void {
  if (logN < 1 || logN > 30 || blockSize < 1 || parallelization < 1) {
    throw outOfBounds('scrypt parameters must be ln ≥ 1, r ≥ 1, p ≥ 1');
  }
  const cost = 2 ** logN;
  if (128 * cost * blockSize > limits.maxScryptMemoryBytes)
    throw outOfBounds('scrypt memory exceeds the limit');
  if (cost * blockSize * parallelization > limits.maxScryptWork)
    throw outOfBounds('scrypt work exceeds the limit');
}

/** Throws PARAMETERS_OUT_OF_BOUNDS when verifying `parsed` would cost more than `limits` allow. */
export function checkHashLimits(parsed: ParsedPasswordHash, limits: HashLimits): void {
  const fields: Uint8Array[] = [parsed.salt, parsed.hash];
  if (parsed.algorithm === 'firebase-scrypt') fields.push(parsed.signerKey, parsed.saltSeparator);
  if (parsed.algorithm.startsWith('hmac-')) fields.push((parsed as { key: Uint8Array }).key);
  if (fields.some((field) => field.length > limits.maxFieldBytes)) {
    throw outOfBounds(`a salt, key or hash is longer than ${limits.maxFieldBytes} bytes`);
  }
  switch (parsed.algorithm) {
    case 'scrypt':
      checkScrypt(parsed.logN, parsed.blockSize, parsed.parallelization, limits);
      return;
    case 'firebase-scrypt':
      // Firebase's own ranges: mem_cost 1–14, rounds 1–8.
      if (parsed.memoryCost < 1 || parsed.memoryCost > 14 || parsed.rounds < 1 || parsed.rounds > 8) {
        throw outOfBounds('Firebase scrypt needs mem_cost 1–14 and rounds 1–8');
      }
      checkScrypt(parsed.memoryCost, parsed.rounds, 1, limits);
      return;
    case 'bcrypt':
      if (parsed.cost > limits.maxBcryptCost)
        throw outOfBounds(`bcrypt cost exceeds ${limits.maxBcryptCost}`);
      return;
    case 'argon2id':
    case 'argon2i':
      if (parsed.parallelism < 1 || parsed.parallelism > limits.maxArgon2Parallelism) {
        throw outOfBounds('argon2 parallelism is out of range');
      }
      if (parsed.iterations < 1 || parsed.iterations > limits.maxArgon2Iterations) {
        throw outOfBounds('argon2 iterations are out of range');
      }
      if (parsed.memoryKib < 8 * parsed.parallelism || parsed.memoryKib > limits.maxArgon2MemoryKib) {
        throw outOfBounds('argon2 memory is out of range');
      }
      if (parsed.memoryKib * parsed.iterations > limits.maxArgon2Work) {
        throw outOfBounds('argon2 memory × iterations exceeds the limit');
      }
      if (parsed.salt.length < 8) throw outOfBounds('argon2 needs a salt of at least 8 bytes');
      return;
    case 'pbkdf2-sha1':
    case 'pbkdf2-sha256':
    case 'pbkdf2-sha512': {
      const blocks = Math.ceil(parsed.hash.length / digestBytes[parsed.algorithm]);
      if (parsed.iterations < 1 || parsed.iterations * blocks > limits.maxPbkdf2Work) {
        throw outOfBounds('PBKDF2 iterations exceed the limit');
      }
      return;
    }
    default:
      // Plain digests and HMACs cost one pass: nothing to bound but the field sizes.
      return;
  }
}
