import { decodeBase32, totpCode } from '../keycloak/keycloak-totp';
import type { Auth0Authenticator, Auth0User } from './auth0-tenant';

const parameters = { digits: 6, period: 30, algorithm: 'HmacSHA1' } as const;

/** The current code of a base32 TOTP secret (Guardian: SHA-1, 6 digits, 30 s). */
export function currentTotpCode(secret: string, now = Date.now()): string {
  return totpCode(decodeBase32(secret), Math.floor(now / 1000 / parameters.period), parameters);
}

/**
 * Finds the TOTP authenticator a code belongs to, accepting one step either side, and records
 * the step so the same code (or an older one) cannot be used again.
 */
export function checkTotp(
  user: Auth0User,
  candidates: readonly Auth0Authenticator[],
  code: string,
  now = Date.now(),
): Auth0Authenticator | null {
  if (!/^\d{6}$/.test(code)) return null;
  const current = Math.floor(now / 1000 / parameters.period);
  for (const authenticator of candidates) {
    let key: Buffer;
    try {
      key = decodeBase32(authenticator.secret);
    } catch {
      continue;
    }
    for (let step = current - 1; step <= current + 1; step += 1) {
      if (step <= user.lastTotpStep) continue;
      if (totpCode(key, step, parameters) === code) {
        user.lastTotpStep = step;
        return authenticator;
      }
    }
  }
  return null;
}
