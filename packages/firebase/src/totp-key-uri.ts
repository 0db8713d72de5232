/** Algorithm names authenticator apps understand in a key URI. */
export type KeyUriAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

/**
 * Identity Toolkit documents `hashingAlgorithm` only as a string. The Firebase JS SDK's
 * tests use `SHA1` / `SHA256` and copy the value into the URI unchanged; `HMAC_SHA1`
 * spellings are accepted too, since an unknown value would put a QR code into an
 * authenticator that then computes codes Google never accepts.
 */
const algorithmsByGoogleName: Readonly<Record<string, KeyUriAlgorithm>> = {
  SHA1: 'SHA1',
  HMAC_SHA1: 'SHA1',
  SHA256: 'SHA256',
  HMAC_SHA256: 'SHA256',
  SHA512: 'SHA512',
  HMAC_SHA512: 'SHA512',
};

/** The key URI name of Google's `hashingAlgorithm`, or undefined when it is not one we know. */
export function keyUriAlgorithm(googleName: string): KeyUriAlgorithm | undefined {
  return algorithmsByGoogleName[googleName.toUpperCase().replaceAll('-', '_')];
}

/**
 * `otpauth://totp/<issuer>:<account>?secret=...` as the Key URI Format
 * (github.com/google/google-authenticator/wiki/Key-Uri-Format) describes it; the Firebase JS
 * SDK's `TotpSecret.generateQrCodeUrl` builds the same fields. The secret goes without base32
 * padding, which the format asks to omit.
 */
export function totpKeyUri(input: {
  issuer: string;
  accountName: string;
  secret: string;
  algorithm: KeyUriAlgorithm;
  digits: number;
  periodSeconds: number;
}): string {
  const label = `${encodeURIComponent(input.issuer)}:${encodeURIComponent(input.accountName)}`;
  const query = new URLSearchParams({
    secret: input.secret.replace(/=+$/, ''),
    issuer: input.issuer,
    algorithm: input.algorithm,
    digits: String(input.digits),
    period: String(input.periodSeconds),
  });
  return `otpauth://totp/${label}?${query}`;
}
