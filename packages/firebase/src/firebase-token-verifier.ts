import { type ClaimCheck, createTokenVerifier, firebaseTokenPreset, type TokenVerifier } from '@idport/core';

/** Settings the verifier needs. */
export interface FirebaseTokenVerifierOptions {
  projectId: string;
  tenantId?: string;
  groupsClaim: string;
  /** Emulator mode: accept the emulator's unsigned tokens (and nothing else). */
  emulator: boolean;
  /** Overrides Google's JWKS URL (tests of the production path against a local JWKS). */
  jwksUri?: string;
}

/**
 * Core's Firebase preset (RS256 with Google's JWKS, issuer
 * `https://securetoken.google.com/<project>`, audience `<project>`, `auth_time` rules; or,
 * in emulator mode, only unsigned emulator tokens — chosen by configuration, never by a
 * token) plus the tenant rule: `firebase.tenant` must equal the configured tenant, and be
 * absent when none is configured, so one tenant's tokens never pass for another's.
 */
export function createFirebaseTokenVerifier(options: FirebaseTokenVerifierOptions): TokenVerifier {
  const preset = firebaseTokenPreset({
    projectId: options.projectId,
    emulator: options.emulator,
    groupClaims: [options.groupsClaim],
    ...(options.jwksUri === undefined ? {} : { keys: { jwksUri: options.jwksUri } }),
  });
  const tenantCheck: ClaimCheck = (claims) => {
    const tenant = (claims.firebase as { tenant?: unknown } | undefined)?.tenant;
    return tenant === options.tenantId ? undefined : 'the token belongs to another tenant';
  };
  return createTokenVerifier({ ...preset, claimChecks: [...(preset.claimChecks ?? []), tenantCheck] });
}
