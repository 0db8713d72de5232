/** An OAuth 2.0 error answer (`{"error","error_description"}`) from an Okta authorization server. */
export class OktaOAuthError extends Error {
  override readonly name = 'OktaOAuthError';
  readonly status: number;
  /** The OAuth error code (`invalid_grant`, `mfa_required`, ...). */
  readonly error: string;
  readonly description: string;
  /** Seconds until `X-Rate-Limit-Reset`, on a 429. */
  readonly retryAfter: number | undefined;

  constructor(status: number, error: string, description: string, retryAfter?: number) {
    // The message holds the code and Okta's description only, never request parameters.
    super(`Okta OAuth ${status} ${error}: ${description}`);
    this.status = status;
    this.error = error;
    this.description = description;
    this.retryAfter = retryAfter;
  }
}
