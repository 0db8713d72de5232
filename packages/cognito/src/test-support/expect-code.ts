import { IdentityError, type IdentityErrorCode } from '@idport/core';
import { expect } from 'vitest';

/** Awaits a promise that must fail with an IdentityError of this code; returns the error. */
export async function expectCode(promise: Promise<unknown>, code: IdentityErrorCode): Promise<IdentityError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(IdentityError.isInstance(error), `expected IdentityError ${code}, got ${String(error)}`).toBe(true);
  expect((error as IdentityError).code).toBe(code);
  return error as IdentityError;
}
