import type { KeyStore } from '../key-store';
import type { KeySource, TokenVerifierOptions } from '../token-verifier-options';

/** Settings of {@link cognitoTokenPreset}. */
export interface CognitoTokenPresetOptions {
  /** AWS region of the user pool, e.g. `eu-west-1`. */
  readonly region: string;
  readonly userPoolId: string;
  /** App client id(s) whose tokens are accepted. */
  readonly clientId: string | readonly string[];
  /** `access` (checks `client_id`) or `id` (checks `aud`). */
  readonly tokenUse: 'access' | 'id';
  /** Overrides the issuer, for cognito-local (`http://localhost:9229/<poolId>`). */
  readonly issuer?: string;
  /** Overrides where keys come from (default: the pool's `/.well-known/jwks.json`). */
  readonly keys?: KeySource | KeyStore;
}

/**
 * Amazon Cognito user pools. Access tokens carry no `aud`: the app client is in `client_id`,
 * and `token_use` tells access from ID tokens, so an ID token is refused where an access token
 * is expected. Groups come from `cognito:groups`. RS256 only.
 */
export function cognitoTokenPreset(options: CognitoTokenPresetOptions): TokenVerifierOptions {
  const issuer =
    options.issuer ?? `https://cognito-idp.${options.region}.amazonaws.com/${options.userPoolId}`;
  return {
    provider: 'cognito',
    issuer,
    audience: options.clientId,
    audienceClaim: options.tokenUse === 'access' ? 'client_id' : 'aud',
    tokenType: { claim: 'token_use', value: options.tokenUse },
    keys: options.keys ?? { jwksUri: `${issuer}/.well-known/jwks.json` },
    algorithms: ['RS256'],
    groupClaims: ['cognito:groups'],
    scopeClaims: ['scope'],
  };
}
