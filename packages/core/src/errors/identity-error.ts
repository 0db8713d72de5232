import { type IdentityErrorCode, identityErrorCodeTraits } from './identity-error-code';
import { redactSecrets, redactText } from './redact-secrets';

const marker = Symbol.for('idport.identity-error');

/** Named arguments of {@link IdentityError}. */
export interface IdentityErrorOptions {
  /** Stable machine-readable code. */
  code: IdentityErrorCode;
  /** Human-readable explanation. Never put secrets or user input in it. */
  message: string;
  /** The provider id (`local`, `auth0`, ...) that raised it, when known. */
  provider?: string;
  /** Overrides the code's default retryability. */
  retryable?: boolean;
  /** Seconds to wait before retrying, from `Retry-After` or a rate-limit reset header. */
  retryAfter?: number;
  /** For INVALID_INPUT and CONFIGURATION_ERROR: the dotted path of the offending field. */
  field?: string;
  /** HTTP status of the vendor response, when there was one. */
  status?: number;
  /** The vendor's own error identifier (`NotAuthorizedException`, `E0000011`, ...). */
  vendorCode?: string;
  /** The original error. Stored with secrets removed. */
  cause?: unknown;
}

function sanitizeCause(cause: unknown): unknown {
  if (cause === undefined) return undefined;
  if (IdentityError.isInstance(cause)) return cause;
  if (cause instanceof Error) {
    const safe = new Error(redactText(cause.message));
    safe.name = cause.name;
    const details = cause as Error & { code?: unknown; status?: unknown; statusCode?: unknown };
    if (typeof details.code === 'string' || typeof details.code === 'number') {
      Object.assign(safe, { code: details.code });
    }
    const status = details.status ?? details.statusCode;
    if (typeof status === 'number') Object.assign(safe, { status });
    return safe;
  }
  return redactSecrets(cause);
}

/**
 * The one error type idport throws. Vendor errors are mapped onto {@link IdentityErrorCode};
 * the original is kept in `cause` with secrets removed.
 */
export class IdentityError extends Error {
  override readonly name: string = 'IdentityError';
  readonly code: IdentityErrorCode;
  readonly provider: string | undefined;
  readonly retryable: boolean;
  readonly retryAfter: number | undefined;
  readonly field: string | undefined;
  readonly status: number | undefined;
  readonly vendorCode: string | undefined;

  constructor(options: IdentityErrorOptions) {
    super(redactText(options.message), { cause: sanitizeCause(options.cause) });
    Object.defineProperty(this, marker, { value: true });
    this.code = options.code;
    this.provider = options.provider;
    this.retryable = options.retryable ?? identityErrorCodeTraits[options.code].retryable;
    this.retryAfter = options.retryAfter;
    this.field = options.field;
    this.status = options.status;
    this.vendorCode = options.vendorCode;
  }

  /** True for any IdentityError, even one created by a second copy of this package. */
  static isInstance(value: unknown): value is IdentityError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }

  /** A plain object for logs: code, message and metadata, never the cause's secrets. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      provider: this.provider,
      retryable: this.retryable,
      retryAfter: this.retryAfter,
      field: this.field,
      status: this.status,
      vendorCode: this.vendorCode,
    };
  }
}
