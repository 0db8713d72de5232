import { createTokenVerifier, keycloakTokenPreset, type TokenOperations } from '@idport/core';
import type { KeycloakProviderOptions } from './keycloak-provider-options';

/**
 * Local verification against the realm's JWKS (`/protocol/openid-connect/certs`) with core's
 * Keycloak preset: issuer, `typ` (`Bearer` for access, `ID` for ID tokens, so one is never
 * accepted as the other), `azp` naming our client, and `aud` when an audience is configured.
 * Both verifiers share one key cache.
 */
export function keycloakTokens(options: KeycloakProviderOptions): Partial<TokenOperations> {
  const common = { baseUrl: options.baseUrl, realm: options.realm, clientId: options.clientId };
  const accessVerifier = createTokenVerifier(
    keycloakTokenPreset({
      ...common,
      tokenUse: 'access',
      ...(options.accessTokenAudience === undefined ? {} : { audience: options.accessTokenAudience }),
      keys: {
        jwksUri: `${options.baseUrl.replace(/\/+$/, '')}/realms/${encodeURIComponent(options.realm)}/protocol/openid-connect/certs`,
        timeoutMs: options.timeoutMs,
      },
    }),
  );
  const idVerifier = createTokenVerifier(
    keycloakTokenPreset({
      ...common,
      tokenUse: 'id',
      ...(accessVerifier.keyStore ? { keys: accessVerifier.keyStore } : {}),
    }),
  );
  return {
    verifyAccessToken: (token) => accessVerifier.verify(token),
    verifyIdToken: (token, verifyOptions) => idVerifier.verify(token, verifyOptions),
  };
}
