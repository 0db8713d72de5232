import {
  IdentityError,
  type IdentityProvider,
  type ImportOutcome,
  type PortableUser,
  supportsOperation,
} from '@idport/core';

/** How {@link importBatch} calls the target. */
export interface ImportBatchOptions {
  readonly sendInvitation: boolean;
  /** Awaited before each call to the target: one bulk import, or each `users.create`. */
  readonly beforeEachCall: () => Promise<void>;
}

/**
 * Sends one batch to the target: its bulk import when declared, else one `users.create`
 * per user (profile only; the outcome says the password did not cross).
 */
export async function importBatch(
  target: IdentityProvider,
  users: readonly PortableUser[],
  options: ImportBatchOptions,
): Promise<ImportOutcome[]> {
  if (supportsOperation(target.capabilities, 'transfer.importUsers')) {
    await options.beforeEachCall();
    return target.transfer.importUsers(users, { onConflict: 'skip', sendInvitation: options.sendInvitation });
  }
  const outcomes: ImportOutcome[] = [];
  for (const user of users) {
    const base = { sourceId: user.sourceId, passwordImported: false, factorsImported: 0 };
    await options.beforeEachCall();
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
