import type { KeyStore } from '../key-store';
import type { ClaimPath, KeySource, TokenVerifierOptions } from '../token-verifier-options';

/** Settings of {@link auth0TokenPreset}. */
export interface Auth0TokenPresetOptions {
  /** The tenant or custom domain, e.g. `example.eu.auth0.com`. */
  readonly domain: string;
  /** Access tokens: the API identifier(s) set as `audience` when the token was requested. */
  readonly audience?: string | readonly string[];
  /** ID tokens: the application's client id(s). */
  readonly clientId?: string | readonly string[];
  readonly tokenUse: 'access' | 'id';
  /**
   * Claims holding roles, which Auth0 only adds through an Action under a namespaced name,
   * e.g. `https://example.com/roles`. Default: none.
   */
  readonly roleClaims?: readonly ClaimPath[];
  /** Algorithms enabled for the API (Auth0 offers RS256 and PS256). Default `['RS256']`. */
  readonly algorithms?: readonly string[];
  readonly keys?: KeySource | KeyStore;
}

/**
 * Auth0. The issuer ends with a slash. Access tokens carry the API identifier in `aud` (often
 * with `/userinfo` beside it), RBAC permissions in `permissions`, which join the scopes; ID
 * tokens carry the client id. Roles come only from namespaced claims.
 */
export function auth0TokenPreset(options: Auth0TokenPresetOptions): TokenVerifierOptions {
  const domain = options.domain.replace(/^https:\/\//, '').replace(/\/+$/, '');
  const issuer = `https://${domain}/`;
  const access = options.tokenUse === 'access';
  const audience = access ? (options.audience ?? []) : (options.clientId ?? []);
  return {
    provider: 'auth0',
    issuer,
    audience,
    keys: options.keys ?? { jwksUri: `https://${domain}/.well-known/jwks.json` },
    algorithms: options.algorithms ?? ['RS256'],
    groupClaims: options.roleClaims ?? [],
    scopeClaims: ['scope', 'permissions'],
  };
}
