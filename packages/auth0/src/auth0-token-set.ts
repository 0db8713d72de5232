import type { TokenResponse } from '@auth0/auth0-auth-js';
import type { TokenSet } from '@idport/core';

/** Turns the authentication client's token response into the port's TokenSet. */
export function toTokenSet(response: TokenResponse, previousRefreshToken: string | null = null): TokenSet {
  return {
    accessToken: response.accessToken,
    idToken: response.idToken ?? null,
    refreshToken: response.refreshToken ?? previousRefreshToken,
    tokenType: 'Bearer',
    expiresAt: new Date(response.expiresAt * 1000),
    scopes: (response.scope ?? '').split(' ').filter(Boolean),
  };
}

/** The `sub` of a JWT, read without verification (the token came straight from Auth0 over TLS). */
export function subjectOf(token: string): string {
  const payload = token.split('.')[1] ?? '';
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown };
  if (typeof claims.sub !== 'string') throw new Error('token without sub');
  return claims.sub;
}
