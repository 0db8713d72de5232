import type { AuthenticationResultType } from '@aws-sdk/client-cognito-identity-provider';
import { IdentityError, type TokenSet } from '@idport/core';
import { decodeJwtPayload } from './decode-jwt-payload';

/**
 * Cognito AuthenticationResult → port {@link TokenSet}. Without a new refresh token (a
 * refresh without rotation) the one the caller used is kept. Without `ExpiresIn`
 * (cognito-local) the access token's own `exp` is used.
 */
export function mapCognitoTokenSet(
  result: AuthenticationResultType | undefined,
  previousRefreshToken: string | null,
  now = Date.now(),
): TokenSet {
  if (!result?.AccessToken) {
    throw new IdentityError({
      code: 'PROVIDER_ERROR',
      provider: 'cognito',
      message: 'Cognito returned no access token',
    });
  }
  const claims = decodeJwtPayload(result.AccessToken);
  const expiresAt =
    typeof result.ExpiresIn === 'number'
      ? new Date(now + result.ExpiresIn * 1000)
      : new Date((typeof claims.exp === 'number' ? claims.exp : now / 1000) * 1000);
  const scope = typeof claims.scope === 'string' ? claims.scope : '';
  return {
    accessToken: result.AccessToken,
    idToken: result.IdToken ?? null,
    refreshToken: result.RefreshToken ?? previousRefreshToken,
    tokenType: 'Bearer',
    expiresAt,
    scopes: scope.split(' ').filter(Boolean),
  };
}
