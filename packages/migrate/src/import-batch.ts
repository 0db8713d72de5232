import {
  IdentityError,
  type IdentityProvider,
  type ImportOutcome,
  type PortableUser,
  supportsOperation,
} from '@idport/core';

/**
 * Sends one batch to the target: its bulk import when declared, else one `users.create`
 * per user (profile only; the outcome says the password did not cross).
 */
export async function importBatch(
  target: IdentityProvider,
  users: readonly PortableUser[],
  sendInvitation: boolean,
): Promise<ImportOutcome[]> {
  if (supportsOperation(target.capabilities, 'transfer.importUsers')) {
    return target.transfer.importUsers(users, { onConflict: 'skip', sendInvitation });
  }
  const outcomes: ImportOutcome[] = [];
  for (const user of users) {
    const base = { sourceId: user.sourceId, passwordImported: false, factorsImported: 0 };
    try {
      const created = await target.users.create({
        email: user.email,
        emailVerified: user.emailVerified,
        ...(user.phoneNumber ? { phoneNumber: user.phoneNumber } : {}),
        ...(user.givenName ? { givenName: user.givenName } : {}),
        ...(user.familyName ? { familyName: user.familyName } : {}),
        ...(user.displayName ? { displayName: user.displayName } : {}),
        attributes: { ...user.attributes },
      });
      outcomes.push({
        ...base,
        status: 'created',
        userId: created.id,
        errorCode: null,
        warnings: ['the target has no bulk import: the password and factors did not cross'],
      });
    } catch (error) {
      if (!IdentityError.isInstance(error)) throw error;
      if (error.code === 'USER_ALREADY_EXISTS') {
        outcomes.push({ ...base, status: 'skipped', userId: null, errorCode: null, warnings: [] });
      } else if (error.retryable) {
        throw error;
      } else {
        outcomes.push({
          ...base,
          status: 'failed',
          userId: null,
          errorCode: error.code,
          warnings: [error.message],
        });
      }
    }
  }
  return outcomes;
}
