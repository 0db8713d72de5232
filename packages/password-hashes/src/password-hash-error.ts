const marker = Symbol.for('idport.password-hashes.error');

/**
 * Why a hash was refused:
 * - `MALFORMED_HASH`: the string or vendor object is not a valid encoding.
 * - `UNSUPPORTED_HASH`: a valid hash, but of a variant this package cannot verify or a vendor cannot import.
 * - `PARAMETERS_OUT_OF_BOUNDS`: cost parameters beyond the configured limits (a denial-of-service guard).
 * - `ALGORITHM_MISMATCH`: the `algorithm` label disagrees with the PHC string.
 */
export type PasswordHashErrorCode =
  | 'MALFORMED_HASH'
  | 'UNSUPPORTED_HASH'
  | 'PARAMETERS_OUT_OF_BOUNDS'
  | 'ALGORITHM_MISMATCH';

/**
 * A refused password hash. The message names the field that is wrong, never the hash,
 * salt or key itself, so it is safe to log.
 */
export class PasswordHashError extends Error {
  readonly [marker] = true;
  readonly code: PasswordHashErrorCode;

  constructor({ code, message, cause }: { code: PasswordHashErrorCode; message: string; cause?: unknown }) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'PasswordHashError';
    this.code = code;
  }

  /** True for a PasswordHashError from any copy of this package. */
  static isInstance(value: unknown): value is PasswordHashError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}

/** Shorthand for the most common refusal. */
export function malformed(message: string): PasswordHashError {
  return new PasswordHashError({ code: 'MALFORMED_HASH', message });
}

/** Shorthand for a valid hash of a variant that is not supported. */
export function unsupported(message: string): PasswordHashError {
  return new PasswordHashError({ code: 'UNSUPPORTED_HASH', message });
}
