import type { TokenOperations } from '@idport/core';
import type { Auth0Context } from './auth0-context';

/** Local verification against the tenant's JWKS (RS256, issuer `https://{domain}/`). */
export function createAuth0Tokens(context: Auth0Context): Partial<TokenOperations> {
  return {
    verifyAccessToken: (token) => context.accessTokens.verify(token),
    verifyIdToken: (token, options) => context.idTokens.verify(token, options),
  };
}
