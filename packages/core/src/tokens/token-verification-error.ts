import { IdentityError } from '../errors/identity-error';

/**
 * Why a token was refused. Stable, machine-readable, and safe to log: a reason never carries
 * any part of the token.
 */
export type TokenRejectionReason =
  | 'not_a_string'
  | 'too_large'
  | 'malformed'
  | 'encrypted_token'
  | 'duplicate_json_key'
  | 'algorithm_not_allowed'
  | 'forbidden_header'
  | 'critical_header'
  | 'unknown_key'
  | 'key_algorithm_mismatch'
  | 'signature_invalid'
  | 'expired'
  | 'not_yet_valid'
  | 'issued_in_future'
  | 'too_old'
  | 'issuer_mismatch'
  | 'audience_mismatch'
  | 'client_mismatch'
  | 'wrong_token_type'
  | 'missing_claim'
  | 'invalid_claim'
  | 'nonce_mismatch'
  | 'claim_check_failed'
  | 'keys_unavailable';

const marker = Symbol.for('idport.token-verification-error');

/**
 * The error every verification failure throws: an {@link IdentityError} with code
 * TOKEN_EXPIRED, TOKEN_INVALID or PROVIDER_UNAVAILABLE, plus a {@link TokenRejectionReason}.
 * The message is built from fixed text only, so it never echoes the token or its claims.
 */
export class TokenVerificationError extends IdentityError {
  override readonly name: string = 'TokenVerificationError';
  readonly reason: TokenRejectionReason;

  constructor(options: {
    reason: TokenRejectionReason;
    message: string;
    provider: string;
    cause?: unknown;
  }) {
    const code =
      options.reason === 'expired'
        ? 'TOKEN_EXPIRED'
        : options.reason === 'keys_unavailable'
          ? 'PROVIDER_UNAVAILABLE'
          : 'TOKEN_INVALID';
    super({ code, provider: options.provider, message: options.message, cause: options.cause });
    Object.defineProperty(this, marker, { value: true });
    this.reason = options.reason;
  }

  /** True for any TokenVerificationError, even one created by a second copy of this package. */
  static isTokenVerificationError(value: unknown): value is TokenVerificationError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reason: this.reason };
  }
}
