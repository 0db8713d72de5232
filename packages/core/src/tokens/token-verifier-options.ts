import type { JSONWebKeySet } from 'jose';

/** Where verification keys come from. Never from the token itself. */
export type KeySource =
  /** A JWKS URL (HTTPS, or HTTP only for a local peer) fetched and cached. */
  | { readonly jwksUri: string; readonly timeoutMs?: number; readonly cooldownMs?: number }
  /** Keys held in process (the embedded provider), read at each verification. */
  | { readonly jwks: () => JSONWebKeySet | Promise<JSONWebKeySet> };

/** Configuration of {@link createTokenVerifier}. */
export interface TokenVerifierOptions {
  /** Provider id, for error attribution. */
  readonly provider: string;
  readonly issuer: string | readonly string[];
  /** Accepted audiences; the token must name at least one. */
  readonly audience: string | readonly string[];
  readonly keys: KeySource;
  /** Algorithm allow-list. `none` and HS* are refused whatever is listed. */
  readonly algorithms: readonly string[];
  /** Leeway for exp/nbf/iat in seconds; at most 60. Default 30. */
  readonly clockToleranceSeconds?: number;
  /** Claims whose string-array (or space-separated string) values are the user's groups. */
  readonly groupClaims?: readonly string[];
  /** Largest token accepted, in characters. Default 16384. */
  readonly maxTokenLength?: number;
}
