import { createHmac, randomBytes } from 'node:crypto';

const base32Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding, as authenticator apps expect. */
export function encodeBase32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let output = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      output += base32Alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) output += base32Alphabet[(value << (5 - bits)) & 31];
  return output;
}

/** Decodes base32 (case-insensitive, padding and spaces ignored). Throws on other characters. */
export function decodeBase32(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const character of clean) {
    const index = base32Alphabet.indexOf(character);
    if (index < 0) throw new Error('invalid base32');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** Keycloak's OTP algorithm names → Node's HMAC names. */
const hmacNames: Record<string, string> = { HmacSHA1: 'sha1', HmacSHA256: 'sha256', HmacSHA512: 'sha512' };

/** Parameters of a TOTP credential, as in Keycloak's `credentialData`. */
export interface TotpParameters {
  readonly digits: number;
  readonly period: number;
  readonly algorithm: string;
}

/** The RFC 6238 code for a key at a time step. */
export function totpCode(key: Buffer, step: number, parameters: TotpParameters): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const digest = createHmac(hmacNames[parameters.algorithm] ?? 'sha1', key)
    .update(counter)
    .digest();
  const offset = (digest[digest.length - 1] as number) & 0x0f;
  const binary = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** parameters.digits).padStart(parameters.digits, '0');
}

/**
 * Checks a code within `lookAround` steps either side (Keycloak's `lookAroundWindow`,
 * default 1). Returns the matching time step, or null.
 */
export function verifyTotp(
  key: Buffer,
  code: string,
  parameters: TotpParameters,
  lookAround = 1,
  now = Date.now(),
): number | null {
  if (!/^\d+$/.test(code) || code.length !== parameters.digits) return null;
  const step = Math.floor(now / 1000 / parameters.period);
  for (let delta = -lookAround; delta <= lookAround; delta += 1) {
    if (totpCode(key, step + delta, parameters) === code) return step + delta;
  }
  return null;
}

/** Keycloak generates OTP secrets as 20 random alphanumeric characters (the HMAC key is their UTF-8 bytes). */
export function generateKeycloakOtpSecret(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(20)].map((byte) => alphabet[byte % alphabet.length]).join('');
}
