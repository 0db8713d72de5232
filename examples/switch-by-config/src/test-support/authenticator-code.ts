import { Secret, TOTP } from 'otpauth';

/** Plays the user's authenticator app: the code for an otpauth URI, `stepOffset` periods from now. */
export function authenticatorCode(otpauthUri: string, stepOffset = 0): string {
  const secret = new URL(otpauthUri).searchParams.get('secret') ?? '';
  const totp = new TOTP({ secret: Secret.fromBase32(secret), period: 30, digits: 6 });
  return totp.generate({ timestamp: Date.now() + stepOffset * 30_000 });
}
