import { createHash, randomBytes, randomInt } from 'node:crypto';

/** 256 random bits, base64url: refresh tokens, challenge sessions. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * SHA-256 of a high-entropy secret. Enough for random tokens and codes with attempt
 * limits (no password-style stretching needed); the raw value is never stored.
 */
export function digest(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/** A numeric code of `length` digits from a CSPRNG. */
export function randomDigits(length: number): string {
  let code = '';
  for (let index = 0; index < length; index += 1) code += String(randomInt(10));
  return code;
}

/** A recovery code like `k7q2m-9xw4t`: 50 bits, no look-alike characters. */
export function randomRecoveryCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  let code = '';
  for (let index = 0; index < 10; index += 1) {
    if (index === 5) code += '-';
    code += alphabet[randomInt(alphabet.length)];
  }
  return code;
}
