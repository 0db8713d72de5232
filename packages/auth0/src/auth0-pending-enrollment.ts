import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** A TOTP enrollment that waits for its first code. */
export interface PendingEnrollment {
  readonly userId: string;
  readonly secret: string;
  readonly label: string | null;
  /** Epoch milliseconds after which the enrollment is refused. */
  readonly expiresAt: number;
}

const prefix = 'pending-totp.';

/**
 * Seals a pending enrollment into an opaque factor id (AES-256-GCM), so the adapter needs no
 * storage between `enrollTotp` and `confirmEnrollment` and any instance with the same key can
 * confirm. The id carries the secret the caller was just shown, encrypted and authenticated.
 */
export function sealEnrollment(key: Buffer, enrollment: PendingEnrollment): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(enrollment), 'utf8'), cipher.final()]);
  return `${prefix}${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

/** Opens a sealed enrollment; null when the id is not one, was tampered with, or another key sealed it. */
export function openEnrollment(key: Buffer, factorId: string): PendingEnrollment | null {
  if (!factorId.startsWith(prefix)) return null;
  try {
    const raw = Buffer.from(factorId.slice(prefix.length), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    return JSON.parse(text) as PendingEnrollment;
  } catch {
    return null;
  }
}
