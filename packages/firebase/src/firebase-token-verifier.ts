import { createTokenVerifier, IdentityError, type VerifiedToken } from '@idport/core';
import { verifyEmulatorToken } from './verify-emulator-token';

/** Google's public keys for Firebase ID tokens, as a JWKS. */
export const firebaseJwksUri =
  'https://www.googleapis.com/service_accounts/v1/jwk/securetoken@system.gserviceaccount.com';

/** Verifies Firebase ID tokens for one project (and tenant). */
export interface FirebaseTokenVerifier {
  verify(token: string, options?: { nonce?: string }): Promise<VerifiedToken>;
}

/** Settings the verifier needs. */
export interface FirebaseTokenVerifierOptions {
  projectId: string;
  tenantId?: string;
  groupsClaim: string;
  /** Emulator mode: accept the emulator's unsigned tokens (and nothing else). */
  emulator: boolean;
  /** Overrides Google's JWKS URL (tests of the production path). */
  jwksUri?: string;
}

/**
 * Production: the shared verifier from core with Google's JWKS, RS256 only, issuer
 * `https://securetoken.google.com/<project>` and audience `<project>`, then the checks
 * core does not know about (tenant, `auth_time`). Emulator mode: see verifyEmulatorToken.
 */
export function createFirebaseTokenVerifier(options: FirebaseTokenVerifierOptions): FirebaseTokenVerifier {
  const tenantCheck = (verified: VerifiedToken): VerifiedToken => {
    const firebaseClaim = verified.claims.firebase as { tenant?: unknown } | undefined;
    if ((firebaseClaim?.tenant ?? undefined) !== options.tenantId) {
      throw new IdentityError({
        code: 'TOKEN_INVALID',
        provider: 'firebase',
        message: 'Token rejected: unexpected tenant',
      });
    }
    const authTime = verified.claims.auth_time;
    if (typeof authTime !== 'number' || authTime > Date.now() / 1000 + 30) {
      throw new IdentityError({
        code: 'TOKEN_INVALID',
        provider: 'firebase',
        message: 'Token rejected: bad auth_time',
      });
    }
    return verified;
  };

  if (options.emulator) {
    return {
      async verify(token, verifyOptions) {
        const verified = tenantCheck(
          verifyEmulatorToken(token, {
            projectId: options.projectId,
            tenantId: options.tenantId,
            groupsClaim: options.groupsClaim,
          }),
        );
        if (verifyOptions?.nonce !== undefined && verified.claims.nonce !== verifyOptions.nonce) {
          throw new IdentityError({
            code: 'TOKEN_INVALID',
            provider: 'firebase',
            message: 'Token rejected: nonce mismatch',
          });
        }
        return verified;
      },
    };
  }

  const verifier = createTokenVerifier({
    provider: 'firebase',
    issuer: `https://securetoken.google.com/${options.projectId}`,
    audience: options.projectId,
    keys: { jwksUri: options.jwksUri ?? firebaseJwksUri },
    algorithms: ['RS256'],
    groupClaims: [options.groupsClaim],
  });
  return {
    async verify(token, verifyOptions) {
      return tenantCheck(await verifier.verify(token, verifyOptions));
    },
  };
}
