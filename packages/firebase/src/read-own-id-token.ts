import { IdentityError, type MfaSubject, type VerifiedToken } from '@idport/core';
import type { FirebaseContext } from './firebase-context';

/**
 * The user's own ID token for a user-scoped Identity Toolkit call (TOTP enrollment,
 * `mfaEnrollment:withdraw`): Firebase offers these only to the user, and firebase-admin
 * cannot write TOTP factors. The token is verified here and must belong to `userId`, so a
 * token of another user never silently changes that user's factors.
 */
export async function readOwnIdToken(
  context: FirebaseContext,
  subject: MfaSubject,
  operation: string,
): Promise<{ idToken: string; verified: VerifiedToken }> {
  if (subject.accessToken === undefined) {
    throw new IdentityError({
      code: 'INVALID_INPUT',
      provider: 'firebase',
      field: 'input.accessToken',
      message: `Invalid input to ${operation}: Firebase needs the user's own ID token here, pass accessToken`,
    });
  }
  const verified = await context.verifier.verify(subject.accessToken);
  if (verified.subject !== subject.userId) {
    throw new IdentityError({
      code: 'TOKEN_INVALID',
      provider: 'firebase',
      field: 'input.accessToken',
      message: 'The access token does not belong to userId',
    });
  }
  return { idToken: subject.accessToken, verified };
}
