import { IdentityError } from '@idport/core';

/** Auth0's documented limits on profile fields (Management API `CreateUserRequestContent`). */
const lengthLimits = [
  { input: 'givenName', field: 'given_name', max: 150 },
  { input: 'familyName', field: 'family_name', max: 150 },
  { input: 'displayName', field: 'name', max: 300 },
] as const;

/** Auth0 stores phone numbers in E.164 form. */
const phonePattern = /^\+[0-9]{1,15}$/;

/**
 * Refuses, as INVALID_INPUT naming the field, profile values Auth0 would refuse with a 400:
 * an empty or overlong name, a phone number not in E.164 form. Checked before the call so the
 * answer does not depend on Auth0's wording.
 */
export function checkAuth0Profile(
  input: Record<string, unknown>,
  operation: 'users.create' | 'users.update',
): void {
  for (const { input: name, field, max } of lengthLimits) {
    const value = input[name];
    if (typeof value === 'string' && (value.length === 0 || value.length > max)) {
      throw new IdentityError({
        code: 'INVALID_INPUT',
        provider: 'auth0',
        field: name,
        message: `Invalid input to ${operation}: ${name} must be 1 to ${max} characters (Auth0 ${field})`,
      });
    }
  }
  const phone = input.phoneNumber;
  if (typeof phone === 'string' && !phonePattern.test(phone)) {
    throw new IdentityError({
      code: 'INVALID_INPUT',
      provider: 'auth0',
      field: 'phoneNumber',
      message: `Invalid input to ${operation}: phoneNumber must be in E.164 form (+ and up to 15 digits)`,
    });
  }
}
