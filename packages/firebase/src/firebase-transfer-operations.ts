import { createHash } from 'node:crypto';
import {
  type ImportOutcome,
  type PortableMfaFactor,
  type PortableUser,
  paginate,
  type TransferOperations,
} from '@idport/core';
import type { UserIdentifier, UserImportOptions, UserRecord } from 'firebase-admin/auth';
import { readClaims } from './firebase-claims';
import type { FirebaseContext } from './firebase-context';
import { mapFirebaseError } from './firebase-errors';
import { decodePageCursor, encodePageCursor } from './firebase-page-cursor';
import { fromFirebaseScrypt } from './firebase-password-hash';
import { type FirebaseImportEntry, mapPortableUser } from './map-portable-user';

/** Largest batch Firebase `importUsers` accepts. */
export const firebaseImportBatchSize = 1000;
/**
 * Users per importUsers call on the emulator (decision 0207). The Admin SDK sends each
 * creation time as a number where the emulator's schema wants a string; the emulator
 * re-validates the whole request once per such field it fixes, so a call's cost grows
 * with the square of its size: 5,000 users took 0.72 s in calls of 1000, 0.30 s in 250.
 * Declared as the emulator's `maxImportBatch`, so the engine sends batches of this size
 * and overlaps them.
 */
const emulatorImportBatchSize = 250;
/** Largest identifier list `getUsers` accepts. */
const lookupBatchSize = 100;
/** getUsers calls in flight at once while looking for conflicts. */
const lookupConcurrency = 5;

/**
 * The uid an imported user gets: the source id itself when Firebase can hold it (so a
 * Firebase-to-Firebase move keeps uids, and a re-run finds the user it already created),
 * else a stable digest of it.
 */
export function uidForSourceId(sourceId: string): string {
  return sourceId.length <= 128 && !sourceId.includes('/')
    ? sourceId
    : createHash('sha256').update(sourceId).digest('hex');
}

/** Users per importUsers call: Firebase's limit, or the emulator's cheaper size. */
export function firebaseCallBatchSize(emulator: boolean): number {
  return emulator ? emulatorImportBatchSize : firebaseImportBatchSize;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
}

/** Export and import of users with hashes, factors and claims. */
export function createFirebaseTransferOperations(context: FirebaseContext): Partial<TransferOperations> {
  const { auth, options } = context;
  const claim = options.groupsClaim;
  const importBatchSize = firebaseCallBatchSize(context.emulator);

  function toPortable(record: UserRecord): PortableUser {
    const claims = readClaims(record.customClaims, claim);
    // The emulator's "hash" is `fakeHash:...:password=<plain text>`: never let it out.
    // Firebase answers an empty hash for users imported with another algorithm (their
    // hash cannot be read back) and none without the getHashConfig permission.
    const hasRealHash =
      !context.emulator &&
      typeof record.passwordHash === 'string' &&
      record.passwordHash.length > 0 &&
      typeof record.passwordSalt === 'string' &&
      !record.passwordHash.startsWith('fakeHash');
    const factors: PortableMfaFactor[] = [];
    for (const factor of record.multiFactor?.enrolledFactors ?? []) {
      const phoneNumber = (factor as { phoneNumber?: string }).phoneNumber;
      if (factor.factorId === 'phone' && phoneNumber) factors.push({ type: 'sms', phoneNumber });
    }
    return {
      sourceId: record.uid,
      email: record.email ?? '',
      emailVerified: record.emailVerified,
      phoneNumber: record.phoneNumber ?? null,
      givenName: claims.givenName,
      familyName: claims.familyName,
      displayName: record.displayName ?? null,
      enabled: !record.disabled,
      createdAt: record.metadata.creationTime ? new Date(record.metadata.creationTime) : null,
      attributes: claims.attributes,
      groups: claims.groups,
      passwordHash:
        hasRealHash && options.hashConfig
          ? fromFirebaseScrypt(
              record.passwordHash as string,
              record.passwordSalt as string,
              options.hashConfig,
            )
          : null,
      mfaFactors: factors,
    };
  }

  // A 1000-user import looks up 2000 identifiers, 100 per getUsers call: sent one after
  // another, those 20 calls took longer than the import itself. A few at a time stay far
  // below the Admin API's per-project budget.
  async function existing(identifiers: UserIdentifier[]): Promise<UserRecord[]> {
    const found: UserRecord[] = [];
    const parts = chunk(identifiers, lookupBatchSize);
    for (let start = 0; start < parts.length; start += lookupConcurrency) {
      const answers = await Promise.all(
        parts.slice(start, start + lookupConcurrency).map((part) => auth.getUsers(part)),
      );
      for (const answer of answers) found.push(...answer.users);
    }
    return found;
  }

  return {
    exportUsers(exportOptions) {
      const pageSize = exportOptions?.pageSize ?? 1000;
      return paginate(async (cursor) => {
        const page = await auth.listUsers(pageSize, decodePageCursor(cursor, 'transfer.exportUsers'));
        // Users without an email (phone-only, anonymous) cannot cross as PortableUser.
        const items = page.users.filter((record) => record.email).map(toPortable);
        return { items, nextCursor: encodePageCursor(page.pageToken) };
      }, exportOptions?.cursor ?? null);
    },

    async importUsers(users, importOptions) {
      const onConflict = importOptions?.onConflict ?? 'skip';
      const outcomes = new Array<ImportOutcome>(users.length);
      const conflict = (index: number, user: PortableUser, reason: string): void => {
        outcomes[index] = {
          sourceId: user.sourceId,
          status: onConflict === 'fail' ? 'failed' : 'skipped',
          userId: null,
          passwordImported: false,
          factorsImported: 0,
          errorCode: onConflict === 'fail' ? 'USER_ALREADY_EXISTS' : null,
          warnings: [reason],
        };
      };

      // Firebase importUsers does not refuse duplicate emails in production and silently
      // overwrites an existing uid, so conflicts are found here first.
      const uids = users.map((user) => uidForSourceId(user.sourceId));
      const present = await existing([
        ...users.map((user) => ({ email: user.email })),
        ...uids.map((uid) => ({ uid })),
      ]);
      const takenEmails = new Set(present.map((record) => record.email?.toLowerCase()).filter(Boolean));
      const takenUids = new Set(present.map((record) => record.uid));
      const seenEmails = new Set<string>();
      const seenUids = new Set<string>();

      // Users grouped by hash configuration (key of FirebaseImportHash.groupKey).
      const groups = new Map<
        string,
        { options: UserImportOptions | undefined; entries: { index: number; entry: FirebaseImportEntry }[] }
      >();
      users.forEach((user, index) => {
        const email = user.email.toLowerCase();
        const uid = uids[index] as string;
        if (takenEmails.has(email) || seenEmails.has(email)) {
          conflict(index, user, 'a user with this email exists');
          return;
        }
        if (takenUids.has(uid) || seenUids.has(uid)) {
          conflict(index, user, 'a user with this id exists');
          return;
        }
        seenEmails.add(email);
        seenUids.add(uid);

        const entry = mapPortableUser(user, uid, claim);
        if (importOptions?.sendInvitation) entry.warnings.push('Firebase sends no invitation on import');
        const key = entry.hash?.groupKey ?? '';
        const bucket = groups.get(key) ?? { options: entry.hash?.options, entries: [] };
        bucket.entries.push({ index, entry });
        groups.set(key, bucket);
      });

      // importUsers takes one hash configuration per call: one call per algorithm and
      // parameter set, at most 1000 users each (250 on the emulator).
      for (const bucket of groups.values()) {
        for (const batch of chunk(bucket.entries, importBatchSize)) {
          let failures = new Map<number, string>();
          try {
            const result = bucket.options
              ? await auth.importUsers(
                  batch.map((item) => item.entry.record),
                  bucket.options,
                )
              : await auth.importUsers(batch.map((item) => item.entry.record));
            failures = new Map(
              result.errors.map((failure) => [failure.index, mapFirebaseError(failure.error).code]),
            );
          } catch (error) {
            const code = mapFirebaseError(error).code;
            failures = new Map(batch.map((_, position) => [position, code]));
          }
          batch.forEach(({ index, entry }, position) => {
            const failed = failures.get(position);
            outcomes[index] = {
              sourceId: (users[index] as PortableUser).sourceId,
              status: failed ? 'failed' : 'created',
              userId: failed ? null : entry.record.uid,
              passwordImported: !failed && entry.hash !== null,
              factorsImported: failed ? 0 : entry.factorsImported,
              errorCode: failed ?? null,
              warnings: entry.warnings,
            };
          });
        }
      }
      return outcomes;
    },
  };
}
