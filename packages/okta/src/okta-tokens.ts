import type { TokenOperations } from '@idport/core';
import type { OktaContext } from './okta-context';

/**
 * Local verification with the authorization server's JWKS (core's verifier: RS256 only,
 * issuer, audience, expiry, no keys from token headers). Access tokens are checked against
 * the server's audience and ID tokens against the client id, so one is never accepted as
 * the other. For access tokens `subject` is the Okta user id (`uid`), not the login (`sub`).
 */
export function createOktaTokens(context: OktaContext): TokenOperations {
  return {
    async verifyAccessToken(token) {
      const verified = await context.accessTokens.verify(token);
      const uid = verified.claims.uid;
      return typeof uid === 'string' ? { ...verified, subject: uid } : verified;
    },
    verifyIdToken: (token, options) =>
      context.idTokens.verify(token, options?.nonce === undefined ? undefined : { nonce: options.nonce }),
  };
}
