import { Secret, TOTP } from 'otpauth';

/** RFC 4648 base32 without padding, for the secrets the test peer hands out. */
export function encodeBase32(bytes: Buffer): string {
  return new Secret({ buffer: new Uint8Array(bytes).buffer }).base32.replace(/=+$/, '');
}

const algorithmNames: Record<string, string> = { sha1: 'SHA1', sha256: 'SHA256', sha512: 'SHA512' };

/**
 * The RFC 6238 code of a base32 secret at a time, from otpauth (the library authenticator
 * apps' codes are checked with elsewhere in this repository). The test peer and the tests
 * both use it, so what the fake accepts is real TOTP.
 */
export function totpCode(
  secret: string,
  options: { atMilliseconds?: number; periodSeconds?: number; digits?: number; algorithm?: string } = {},
): string {
  return new TOTP({
    secret: Secret.fromBase32(secret.toUpperCase().replace(/=+$/, '')),
    period: options.periodSeconds ?? 30,
    digits: options.digits ?? 6,
    algorithm: algorithmNames[(options.algorithm ?? 'sha1').toLowerCase()] ?? 'SHA1',
  }).generate({ timestamp: options.atMilliseconds ?? Date.now() });
}

/**
 * A six-digit code no step within `adjacentIntervals` of now gives for this secret, so a
 * peer that accepts clock skew still refuses it: tests that expect a refusal cannot pass
 * by luck of the clock.
 */
export function wrongTotpCode(secret: string, adjacentIntervals = 1): string {
  const now = Date.now();
  const valid = new Set<string>();
  for (let offset = -adjacentIntervals - 1; offset <= adjacentIntervals + 1; offset += 1) {
    valid.add(totpCode(secret, { atMilliseconds: now + offset * 30_000 }));
  }
  const candidate = ['000000', '111111', '222222', '333333'].find((code) => !valid.has(code));
  if (candidate === undefined) throw new Error('no wrong code found');
  return candidate;
}
