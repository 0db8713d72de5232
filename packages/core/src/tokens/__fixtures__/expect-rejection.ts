import { expect } from 'vitest';
import type { IdentityErrorCode } from '../../errors/identity-error-code';
import { type TokenRejectionReason, TokenVerificationError } from '../token-verification-error';

/**
 * Asserts that verification fails with this code and reason, and that neither the message, the
 * JSON form nor the cause repeats the token or any of its segments.
 */
export async function expectRejection(
  verification: Promise<unknown>,
  code: IdentityErrorCode,
  reason: TokenRejectionReason,
  token?: unknown,
): Promise<TokenVerificationError> {
  const error = await verification.then(
    () => {
      throw new Error(`expected ${code}/${reason}, but the token was accepted`);
    },
    (caught: unknown) => caught,
  );
  expect(TokenVerificationError.isTokenVerificationError(error), String(error)).toBe(true);
  const rejection = error as TokenVerificationError;
  expect({ code: rejection.code, reason: rejection.reason }).toEqual({ code, reason });
  if (typeof token === 'string') {
    const visible = `${rejection.message} ${JSON.stringify(rejection)} ${String((rejection.cause as Error | undefined)?.message)}`;
    for (const segment of token.split('.').filter((part) => part.length >= 8)) {
      expect(visible).not.toContain(segment.slice(0, 16));
    }
  }
  return rejection;
}
