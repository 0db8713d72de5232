import type { KeyStore } from './key-store';
import type { LocalKeySetSource } from './local-key-store';
import type { RemoteKeyStoreOptions } from './remote-key-store';

/** Where verification keys come from. Never from the token itself. */
export type KeySource =
  /** A JWKS URL (HTTPS, or HTTP only for a loopback peer), fetched and cached. */
  | Omit<RemoteKeyStoreOptions, 'provider'>
  /** Keys held in process (the embedded provider): a JWKS, or a function read at each verification. */
  | { readonly jwks: LocalKeySetSource }
  /**
   * No keys: accept only unsigned (`alg: none`) tokens, as the Firebase Auth emulator issues.
   * A configuration choice for local development and tests; nothing in a token can turn it on,
   * and in this mode a signed token is refused. Never use it against a real project.
   */
  | { readonly acceptUnsignedEmulatorTokens: true };

/** A path to a claim: a claim name (`cognito:groups`), a dotted path (`realm_access.roles`), or segments. */
export type ClaimPath = string | readonly string[];

/**
 * An extra rule on verified claims. Return undefined to accept, or a short fixed reason to
 * refuse (it becomes the error message: never put claim values or the token in it).
 */
export type ClaimCheck = (
  claims: Readonly<Record<string, unknown>>,
  context: { readonly nowSeconds: number; readonly clockToleranceSeconds: number },
) => string | undefined;

/** Options of the bounded cache of verification results. */
export interface VerifiedTokenCacheOptions {
  /** Results kept at most. Default 10000. */
  readonly maxEntries?: number;
  /** A cached result is used for at most this long (and never past the token's `exp`). Default 60. */
  readonly maxAgeSeconds?: number;
}

/** Configuration of `createTokenVerifier`. Vendor presets (`cognitoTokenPreset`, ...) build one. */
export interface TokenVerifierOptions {
  /** Provider id, for error attribution. */
  readonly provider: string;
  /** Accepted `iss` values (exact match). Required. */
  readonly issuer: string | readonly string[];
  /**
   * Accepted audiences; the token's {@link audienceClaim} must name at least one. Required:
   * a token minted for another client or API of the same issuer is refused.
   */
  readonly audience: string | readonly string[];
  /**
   * The claim holding the audience. Default `aud`. Cognito access tokens carry none and name
   * the app client in `client_id`; Keycloak tokens without an audience mapper name it in `azp`.
   */
  readonly audienceClaim?: 'aud' | 'client_id' | 'azp' | 'cid';
  /** When set, the client the token was issued to (`azp`, `cid` or `client_id`) must be one of these. */
  readonly authorizedParties?: readonly string[];
  /** Which claim names the client for {@link authorizedParties}. Default: `azp`, then `cid`, then `client_id`. */
  readonly clientIdClaim?: 'azp' | 'cid' | 'client_id';
  /** A claim that tells access from ID tokens, and the value this verifier wants (Cognito `token_use`, Keycloak `typ`). */
  readonly tokenType?: { readonly claim: string; readonly value: string };
  /** When set, the JOSE header `typ` must be one of these (case-insensitive, `application/` optional), e.g. `at+jwt`. */
  readonly headerTypes?: readonly string[];
  /** Claims that must be present besides `iss`, `sub`, `exp`. */
  readonly requiredClaims?: readonly string[];
  /** Vendor or application rules run after every built-in check. */
  readonly claimChecks?: readonly ClaimCheck[];
  /** Where keys come from: a {@link KeySource}, or a shared {@link KeyStore}. */
  readonly keys: KeySource | KeyStore;
  /** Algorithm allow-list, default `['RS256']`. `none`, HS* and unknown names are a configuration error. */
  readonly algorithms?: readonly string[];
  /** Leeway for `exp`, `nbf` and `iat`, in seconds: 0 to 60. Default 30. */
  readonly clockToleranceSeconds?: number;
  /** When set, tokens whose `iat` is older than this many seconds are refused (and `iat` is required). */
  readonly maxTokenAgeSeconds?: number;
  /** Claims whose values are the user's groups or roles. Default `['groups']`. */
  readonly groupClaims?: readonly ClaimPath[];
  /** Claims whose values are scopes or permissions. Default `['scope', 'scp']`. */
  readonly scopeClaims?: readonly ClaimPath[];
  /** Largest token accepted, in characters. Default 16384. */
  readonly maxTokenLength?: number;
  /**
   * Cache verification results (keyed by a SHA-256 of the token, bounded, never used past the
   * token's `exp`). Off by default: a cached result outlives a key removed from the JWKS by up
   * to `maxAgeSeconds`. See docs/decisions/0102.
   */
  readonly resultCache?: VerifiedTokenCacheOptions | false;
  /** Clock in milliseconds, for tests. Default `Date.now`. */
  readonly now?: () => number;
}
