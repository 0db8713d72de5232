import type { TokenResponse } from '@auth0/auth0-auth-js';
import type { TokenSet, User } from '@idport/core';

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

/** The claims of a JWT, read without verification (it came straight from Auth0's token endpoint over TLS). */
function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The `sub` of a JWT. */
export function subjectOf(token: string): string {
  const claims = claimsOf(token);
  if (typeof claims.sub !== 'string') throw new Error('token without sub');
  return claims.sub;
}

/**
 * The signed-in user from the ID token's claims. An ID token has no custom attributes and no
 * creation time: `attributes` is empty and `createdAt` null (read `users.get` for those); the
 * user is enabled, since Auth0 issued tokens. `raw` holds the claims.
 */
export function userFromIdToken(idToken: string): User {
  const claims = claimsOf(idToken);
  const text = (name: string) => (typeof claims[name] === 'string' ? (claims[name] as string) : null);
  const email = text('email');
  const name = text('name');
  const updatedAt = text('updated_at');
  return {
    id: String(claims.sub),
    email,
    emailVerified: claims.email_verified === true,
    phoneNumber: text('phone_number'),
    givenName: text('given_name'),
    familyName: text('family_name'),
    displayName: name && name !== email ? name : null,
    enabled: true,
    createdAt: null,
    updatedAt: updatedAt ? new Date(updatedAt) : null,
    attributes: {},
    raw: claims,
  };
}
