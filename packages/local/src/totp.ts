import { Secret, TOTP } from 'otpauth';

const period = 30;

/** A new random 160-bit TOTP secret, base32 (RFC 4226 recommends at least 128 bits). */
export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://` URI authenticator apps read from a QR code. */
export function totpUri(secret: string, issuer: string, account: string): string {
  return new TOTP({
    issuer,
    label: account,
    secret: Secret.fromBase32(secret),
    period,
    digits: 6,
  }).toString();
}

/**
 * Checks a code against the secret at ±1 step (RFC 6238 §5.2 clock drift), and returns the
 * time step it matched so the caller can refuse a replay of the same or an older step.
 * Null when the code is wrong.
 */
export function matchTotpStep(secret: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const totp = new TOTP({ secret: Secret.fromBase32(secret), period, digits: 6 });
  const delta = totp.validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / period) + delta;
}
