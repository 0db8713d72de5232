import { decodeBase32, totpCode } from '../keycloak/keycloak-totp';
import type { OktaFactorRecord } from './okta-org';

const parameters = { digits: 6, period: 30, algorithm: 'HmacSHA1' };

/**
 * Checks a TOTP passcode one step either side of now and refuses a step already used or
 * older (Okta: "Each code can only be used once"). Records the step on success.
 */
export function verifyOktaTotp(factor: OktaFactorRecord, passCode: string, now = Date.now()): boolean {
  if (!/^\d{6}$/.test(passCode)) return false;
  const key = decodeBase32(factor.secret);
  const step = Math.floor(now / 1000 / parameters.period);
  for (let delta = -1; delta <= 1; delta += 1) {
    if (totpCode(key, step + delta, parameters) === passCode) {
      if (step + delta <= factor.lastStep) return false;
      factor.lastStep = step + delta;
      return true;
    }
  }
  return false;
}

/** The current code of a factor (the fake's backdoor stands in for the user's phone). */
export function currentOktaTotp(factor: OktaFactorRecord, now = Date.now()): string {
  return totpCode(decodeBase32(factor.secret), Math.floor(now / 1000 / parameters.period), parameters);
}
