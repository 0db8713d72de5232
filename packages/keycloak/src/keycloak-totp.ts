import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding. */
export function encodeBase32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let output = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      output += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) output += alphabet[(value << (5 - bits)) & 31];
  return output;
}

/** Decodes base32; null for characters outside the alphabet. */
export function decodeBase32(text: string): Buffer | null {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const character of clean) {
    const index = alphabet.indexOf(character);
    if (index < 0) return null;
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** A new 160-bit TOTP secret (RFC 4226 recommends at least 128 bits), base32. */
export function generateTotpSecret(): string {
  return encodeBase32(randomBytes(20));
}

function code(key: Buffer, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const digest = createHmac('sha1', key).update(counter).digest();
  const offset = (digest[digest.length - 1] as number) & 0x0f;
  return String((digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/**
 * Checks a 6-digit SHA-1 / 30 s code (Keycloak's default OTP policy) one step either side,
 * as Keycloak's default look-around window does.
 */
export function verifyTotpCode(secret: string, candidate: string, now = Date.now()): boolean {
  const key = decodeBase32(secret);
  if (!key || !/^\d{6}$/.test(candidate)) return false;
  const step = Math.floor(now / 30_000);
  let matched = false;
  for (const delta of [-1, 0, 1]) {
    matched = timingSafeEqual(Buffer.from(code(key, step + delta)), Buffer.from(candidate)) || matched;
  }
  return matched;
}
