import { IdentityError } from '@idport/core';
import { expect } from 'vitest';

/** The IdentityError a promise rejects with; fails the test when it resolves or throws anything else. */
export async function rejection(promise: Promise<unknown>): Promise<IdentityError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (caught: unknown) => caught,
  );
  expect(IdentityError.isInstance(error)).toBe(true);
  return error as IdentityError;
}
