import { createTokenVerifier, IdentityError, type TokenOperations, type VerifiedToken } from '@idport/core';
import type { KeycloakProviderOptions } from './keycloak-provider-options';

/**
 * Local verification against the realm's JWKS (`/protocol/openid-connect/certs`). Keycloak
 * marks token kinds in `typ` (`Bearer`, `ID`, `Refresh`); checking it stops an ID token
 * being accepted as an access token even where audiences overlap.
 */
export function keycloakTokens(options: KeycloakProviderOptions): Partial<TokenOperations> {
  const issuer = `${options.baseUrl.replace(/\/$/, '')}/realms/${encodeURIComponent(options.realm)}`;
  const keys = { jwksUri: `${issuer}/protocol/openid-connect/certs`, timeoutMs: options.timeoutMs };
  const groupClaims = [...options.groupClaims, 'realm_access.roles'];
  const accessVerifier = createTokenVerifier({
    provider: 'keycloak',
    issuer,
    audience: options.accessTokenAudience,
    keys,
    algorithms: ['RS256', 'PS256', 'ES256'],
    groupClaims,
  });
  const idVerifier = createTokenVerifier({
    provider: 'keycloak',
    issuer,
    audience: options.clientId,
    keys,
    algorithms: ['RS256', 'PS256', 'ES256'],
    groupClaims,
  });
  const requireType = (verified: VerifiedToken, type: string): VerifiedToken => {
    if (verified.claims.typ !== type) {
      throw new IdentityError({
        code: 'TOKEN_INVALID',
        provider: 'keycloak',
        message: `Token rejected: not a Keycloak ${type} token`,
      });
    }
    return verified;
  };
  return {
    async verifyAccessToken(token) {
      return requireType(await accessVerifier.verify(token), 'Bearer');
    },
    async verifyIdToken(token, verifyOptions) {
      return requireType(await idVerifier.verify(token, verifyOptions), 'ID');
    },
  };
}
