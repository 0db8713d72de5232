import { IdentityError, type IdentityErrorCode } from '@idport/core';
import { expect } from 'vitest';

/** Awaits `action` and asserts it fails with an IdentityError of one of `codes`. */
export async function expectIdentityError(
  action: Promise<unknown> | (() => Promise<unknown> | unknown),
  codes: IdentityErrorCode | readonly IdentityErrorCode[],
  field?: string,
): Promise<IdentityError> {
  let caught: unknown;
  try {
    await (typeof action === 'function' ? action() : action);
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected the call to fail').toBeDefined();
  expect(IdentityError.isInstance(caught), `expected an IdentityError, got ${String(caught)}`).toBe(true);
  const error = caught as IdentityError;
  const allowed = typeof codes === 'string' ? [codes] : codes;
  expect(allowed, `unexpected code ${error.code}: ${error.message}`).toContain(error.code);
  if (field !== undefined) expect(error.field).toBe(field);
  return error;
}
