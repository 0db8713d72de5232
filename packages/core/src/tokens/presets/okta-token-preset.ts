import type { KeyStore } from '../key-store';
import type { KeySource, TokenVerifierOptions } from '../token-verifier-options';

/** Settings of {@link oktaTokenPreset}. */
export interface OktaTokenPresetOptions {
  /**
   * The authorization server's issuer: `https://<org>.okta.com/oauth2/default` (custom server)
   * or `https://<org>.okta.com` (org server).
   */
  readonly issuer: string;
  /** Access tokens: the API audience(s), e.g. `api://default`. Several are accepted. */
  readonly audience?: string | readonly string[];
  /** The OIDC client id(s): ID tokens' `aud`; for access tokens, checked against `cid` when given. */
  readonly clientId?: string | readonly string[];
  readonly tokenUse: 'access' | 'id';
  /** Overrides where keys come from (default `<issuer>/v1/keys`, or `/oauth2/v1/keys` for the org server). */
  readonly keys?: KeySource | KeyStore;
}

function list(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : [...value];
}

/**
 * Okta. Access tokens have an API audience (one of several may be configured), the client in
 * `cid` and scopes in `scp`; ID tokens have the client id as `aud`. Groups come from the
 * `groups` claim (add a groups claim to the authorization server to get one).
 */
export function oktaTokenPreset(options: OktaTokenPresetOptions): TokenVerifierOptions {
  const issuer = options.issuer.replace(/\/+$/, '');
  const jwksUri = issuer.includes('/oauth2/') ? `${issuer}/v1/keys` : `${issuer}/oauth2/v1/keys`;
  const clientIds = list(options.clientId);
  const access = options.tokenUse === 'access';
  return {
    provider: 'okta',
    issuer,
    audience: access ? list(options.audience) : clientIds,
    ...(access && clientIds.length > 0
      ? { authorizedParties: clientIds, clientIdClaim: 'cid' as const }
      : {}),
    // Okta access tokens always name their client in `cid`; ID tokens never do.
    ...(access ? { requiredClaims: ['cid'] } : {}),
    keys: options.keys ?? { jwksUri },
    algorithms: ['RS256'],
    groupClaims: ['groups'],
    scopeClaims: ['scp'],
  };
}
