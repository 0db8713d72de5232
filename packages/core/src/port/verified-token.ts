/** The normalized content of a token that passed verification. */
export interface VerifiedToken {
  readonly subject: string;
  readonly issuer: string;
  readonly audience: readonly string[];
  /** The OAuth client the token was issued to (`azp`, `client_id`, `cid`), when present. */
  readonly clientId: string | null;
  readonly scopes: readonly string[];
  /** Groups or roles from the vendor's claim (`cognito:groups`, `groups`, `realm_access.roles`, ...). */
  readonly groups: readonly string[];
  readonly expiresAt: Date;
  readonly issuedAt: Date | null;
  /** Every claim as issued, for vendor-specific reads. */
  readonly claims: Readonly<Record<string, unknown>>;
}

/** Options of `tokens.verifyIdToken`. */
export interface VerifyIdTokenOptions {
  /** The nonce sent with the authorization request, when one was. */
  nonce?: string;
}
