/**
 * An error answer of the Identity Toolkit or Secure Token REST API. `reason` is the
 * upper-case code Google puts first in `error.message` (`INVALID_PASSWORD`,
 * `WEAK_PASSWORD : Password should be ...` gives `WEAK_PASSWORD`).
 */
export class FirebaseRestError extends Error {
  override readonly name = 'FirebaseRestError';
  readonly reason: string;
  readonly status: number;
  readonly retryAfter: number | undefined;

  constructor(options: { reason: string; status: number; retryAfter?: number }) {
    // The message is the reason only: Google's free text can echo the email address.
    super(`Identity Toolkit answered ${options.status} ${options.reason}`);
    this.reason = options.reason;
    this.status = options.status;
    this.retryAfter = options.retryAfter;
  }
}

/** Reads the reason code out of an Identity Toolkit error body. */
export function readRestErrorReason(body: unknown): string {
  const error = (body as { error?: unknown } | null)?.error;
  // Secure Token answers `{"error":{"message":"INVALID_REFRESH_TOKEN"}}`, but also the OAuth
  // form `{"error":"invalid_grant","error_description":"..."}` on some failures.
  if (typeof error === 'string') return error.toUpperCase();
  const message = (error as { message?: unknown } | undefined)?.message;
  if (typeof message !== 'string' || message.length === 0) return 'UNKNOWN';
  const reason = message.split(':')[0]?.trim().split(' ')[0] ?? '';
  return /^[A-Z][A-Z0-9_]*$/.test(reason) ? reason : 'UNKNOWN';
}
