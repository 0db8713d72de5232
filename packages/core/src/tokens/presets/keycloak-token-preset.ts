import type { KeyStore } from '../key-store';
import type { KeySource, TokenVerifierOptions } from '../token-verifier-options';

/** Settings of {@link keycloakTokenPreset}. */
export interface KeycloakTokenPresetOptions {
  /** The server's base URL, e.g. `https://sso.example.com` (add `/auth` for Keycloak before 17). */
  readonly baseUrl: string;
  readonly realm: string;
  /** The client(s) tokens are issued to: checked against `azp`, and ID tokens' `aud`. */
  readonly clientId: string | readonly string[];
  /**
   * Access tokens: the audience your API expects, when an audience mapper adds one. Without
   * it, Keycloak access tokens name the client only in `azp`, and that is what is checked.
   */
  readonly audience?: string | readonly string[];
  readonly tokenUse: 'access' | 'id';
  /** Also read client roles from `resource_access.<clientId>.roles`. Default true. */
  readonly includeClientRoles?: boolean;
  readonly algorithms?: readonly string[];
  readonly keys?: KeySource | KeyStore;
}

/**
 * Keycloak. `typ` is `Bearer` for access tokens and `ID` for ID tokens; the client is in `azp`.
 * Roles come from `realm_access.roles` (and the client's `resource_access` roles), groups from
 * `groups` when a group mapper is set.
 */
export function keycloakTokenPreset(options: KeycloakTokenPresetOptions): TokenVerifierOptions {
  const issuer = `${options.baseUrl.replace(/\/+$/, '')}/realms/${encodeURIComponent(options.realm)}`;
  const clientIds = typeof options.clientId === 'string' ? [options.clientId] : [...options.clientId];
  const access = options.tokenUse === 'access';
  const useAudience = access && options.audience !== undefined;
  const clientRoles =
    options.includeClientRoles === false ? [] : clientIds.map((id) => ['resource_access', id, 'roles']);
  return {
    provider: 'keycloak',
    issuer,
    audience: useAudience ? options.audience! : clientIds,
    audienceClaim: access && !useAudience ? 'azp' : 'aud',
    authorizedParties: clientIds,
    clientIdClaim: 'azp',
    tokenType: { claim: 'typ', value: access ? 'Bearer' : 'ID' },
    keys: options.keys ?? { jwksUri: `${issuer}/protocol/openid-connect/certs` },
    algorithms: options.algorithms ?? ['RS256'],
    groupClaims: ['realm_access.roles', ...clientRoles, 'groups'],
    scopeClaims: ['scope'],
  };
}
