/** Tokens issued by a successful sign-in or refresh. */
export interface TokenSet {
  readonly accessToken: string;
  readonly idToken: string | null;
  /** Null when the provider issued none; on refresh without rotation the old one is kept. */
  readonly refreshToken: string | null;
  readonly tokenType: 'Bearer';
  /** Expiry of the access token. */
  readonly expiresAt: Date;
  readonly scopes: readonly string[];
}
