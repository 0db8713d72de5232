import type { KeyStore } from '../key-store';
import type { ClaimCheck, ClaimPath, KeySource, TokenVerifierOptions } from '../token-verifier-options';

/** Google's JWKS for Firebase ID tokens (securetoken@system.gserviceaccount.com). */
export const firebaseJwksUri =
  'https://www.googleapis.com/service_accounts/v1/jwk/securetoken@system.gserviceaccount.com';

/** Settings of {@link firebaseTokenPreset}. */
export interface FirebaseTokenPresetOptions {
  readonly projectId: string;
  /**
   * Accept the Auth emulator's unsigned (`alg: none`) tokens instead of signed ones. Set it from
   * your configuration (e.g. when `FIREBASE_AUTH_EMULATOR_HOST` is set); nothing in a token can.
   */
  readonly emulator?: boolean;
  /** Custom claims holding groups or roles. Default `['groups', 'roles']`. */
  readonly groupClaims?: readonly ClaimPath[];
  readonly keys?: KeySource | KeyStore;
}

const maxUidLength = 128;

/** Firebase's own rules beyond the standard claims (as the Admin SDK applies them). */
const firebaseClaimCheck: ClaimCheck = (claims, { nowSeconds, clockToleranceSeconds }) => {
  if (typeof claims.sub === 'string' && claims.sub.length > maxUidLength) return 'the subject is too long';
  const authTime = claims.auth_time;
  if (typeof authTime !== 'number') return 'the token has no auth_time';
  if (authTime > nowSeconds + clockToleranceSeconds) return 'auth_time is in the future';
  return undefined;
};

/**
 * Firebase Authentication ID tokens (Firebase has no separate access token): `aud` is the
 * project id and `iss` is `https://securetoken.google.com/<project>`, RS256 with Google's keys.
 */
export function firebaseTokenPreset(options: FirebaseTokenPresetOptions): TokenVerifierOptions {
  const keys: KeySource | KeyStore =
    options.emulator === true
      ? { acceptUnsignedEmulatorTokens: true }
      : (options.keys ?? { jwksUri: firebaseJwksUri });
  return {
    provider: 'firebase',
    issuer: `https://securetoken.google.com/${options.projectId}`,
    audience: options.projectId,
    keys,
    algorithms: ['RS256'],
    claimChecks: [firebaseClaimCheck],
    groupClaims: options.groupClaims ?? ['groups', 'roles'],
    scopeClaims: [],
  };
}
