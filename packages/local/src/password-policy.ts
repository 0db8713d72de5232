import { IdentityError } from '@idport/core';
import { commonPasswords } from './common-passwords';

/** Refuses passwords the policy does not allow, with WEAK_PASSWORD and a reason safe to show. */
export function assertPasswordAllowed(
  password: string,
  policy: { minLength: number; rejectCommon: boolean },
  field = 'password',
): void {
  const length = [...password].length;
  if (length < policy.minLength) {
    throw new IdentityError({
      code: 'WEAK_PASSWORD',
      provider: 'local',
      field,
      message: `The password must have at least ${policy.minLength} characters`,
    });
  }
  if (policy.rejectCommon && commonPasswords.has(password.toLowerCase())) {
    throw new IdentityError({
      code: 'WEAK_PASSWORD',
      provider: 'local',
      field,
      message: 'The password is too common',
    });
  }
}
