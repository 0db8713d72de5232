import { randomUUID } from 'node:crypto';
import {
  IdentityError,
  paginate,
  UnsupportedOperationError,
  type User,
  type UserOperations,
} from '@idport/core';
import type { BaseAuth, CreateRequest, UpdateRequest, UserRecord } from 'firebase-admin/auth';
import { type ClaimChanges, changesClaims, mergeClaims } from './firebase-claims';
import type { FirebaseContext } from './firebase-context';
import { decodePageCursor, encodePageCursor } from './firebase-page-cursor';
import { firebaseUserProviderOptionsSchema } from './firebase-provider-options';
import { mapFirebaseUser } from './map-firebase-user';
import { readFirebaseProviderOptions } from './read-firebase-provider-options';

function phoneFactors(phoneNumbers: readonly string[] | undefined) {
  return phoneNumbers?.map((phoneNumber) => ({ factorId: 'phone' as const, phoneNumber }));
}

/** User management through firebase-admin. */
export function createFirebaseUserOperations(context: FirebaseContext): Partial<UserOperations> {
  const { auth, options } = context;
  const toUser = (record: UserRecord): User => mapFirebaseUser(record, options.groupsClaim);

  async function applyClaims(uid: string, current: UserRecord | null, changes: ClaimChanges): Promise<void> {
    if (!changesClaims(changes)) return;
    const base = current ?? (await auth.getUser(uid));
    await auth.setCustomUserClaims(uid, mergeClaims(base.customClaims, changes, options.groupsClaim));
  }

  return {
    async create(input) {
      const firebaseOptions = readFirebaseProviderOptions(
        firebaseUserProviderOptionsSchema,
        input.providerOptions,
        'users.create',
      );
      const request: CreateRequest & { uid: string } = {
        // The uid is chosen here, never by Firebase: it is the create's idempotency key.
        // firebase-admin retries a request whose connection reset, so a create can land
        // twice from one call; the second then fails as "already exists" and the uid tells
        // us it was our own first write (see createOnce below).
        uid: firebaseOptions.uid ?? randomUUID().replaceAll('-', ''),
        email: input.email,
        emailVerified: input.emailVerified ?? false,
        disabled: false,
      };
      if (input.password !== undefined) request.password = input.password;
      if (input.phoneNumber !== undefined) request.phoneNumber = input.phoneNumber;
      if (input.displayName !== undefined) request.displayName = input.displayName;
      if (firebaseOptions.photoUrl) request.photoURL = firebaseOptions.photoUrl;
      if (firebaseOptions.mfaPhoneNumbers !== undefined) {
        request.multiFactor = { enrolledFactors: phoneFactors(firebaseOptions.mfaPhoneNumbers) ?? [] };
      }
      const record = await createOnce(auth, request);
      const changes: ClaimChanges = {
        givenName: input.givenName,
        familyName: input.familyName,
        attributes: input.attributes,
      };
      if (!changesClaims(changes)) return toUser(record);
      try {
        await applyClaims(record.uid, record, changes);
      } catch (error) {
        // Half-created users would block a retry with USER_ALREADY_EXISTS.
        await auth.deleteUser(record.uid).catch(() => undefined);
        throw error;
      }
      return toUser(await auth.getUser(record.uid));
    },

    async get(userId) {
      return toUser(await auth.getUser(userId));
    },

    async findByEmail(email) {
      try {
        return toUser(await auth.getUserByEmail(email));
      } catch (error) {
        if ((error as { code?: unknown }).code === 'auth/user-not-found') return null;
        throw error;
      }
    },

    async update(userId, input) {
      const firebaseOptions = readFirebaseProviderOptions(
        firebaseUserProviderOptionsSchema,
        input.providerOptions,
        'users.update',
      );
      if (firebaseOptions.uid !== undefined) {
        throw new IdentityError({
          code: 'INVALID_INPUT',
          provider: 'firebase',
          field: 'input.providerOptions.firebase.uid',
          message: 'Invalid input to users.update: a uid cannot be changed',
        });
      }
      const current = await auth.getUser(userId);
      const request: UpdateRequest = {};
      if (input.email !== undefined) request.email = input.email;
      if (input.emailVerified !== undefined) request.emailVerified = input.emailVerified;
      if (input.phoneNumber !== undefined) request.phoneNumber = input.phoneNumber;
      if (input.displayName !== undefined) request.displayName = input.displayName;
      if (firebaseOptions.photoUrl !== undefined) request.photoURL = firebaseOptions.photoUrl;
      if (firebaseOptions.mfaPhoneNumbers !== undefined) {
        request.multiFactor = { enrolledFactors: phoneFactors(firebaseOptions.mfaPhoneNumbers) ?? null };
      }
      if (Object.keys(request).length > 0) await auth.updateUser(userId, request);
      await applyClaims(userId, current, {
        givenName: input.givenName,
        familyName: input.familyName,
        attributes: input.attributes,
      });
      return toUser(await auth.getUser(userId));
    },

    async setPassword(userId, password, setOptions) {
      if (setOptions?.temporary) {
        // Firebase cannot force a password change at next sign-in; pretending would leave
        // an admin-chosen password in use indefinitely.
        throw new UnsupportedOperationError({
          provider: 'firebase',
          operation: 'users.setPassword',
          reason: 'Firebase has no temporary passwords',
        });
      }
      await auth.updateUser(userId, { password });
    },

    async disable(userId) {
      await auth.updateUser(userId, { disabled: true });
    },

    async enable(userId) {
      await auth.updateUser(userId, { disabled: false });
    },

    async delete(userId) {
      await auth.deleteUser(userId);
    },

    list(listOptions) {
      const pageSize = listOptions?.pageSize ?? 1000;
      return paginate(async (cursor) => {
        const page = await auth.listUsers(pageSize, decodePageCursor(cursor, 'users.list'));
        return { items: page.users.map(toUser), nextCursor: encodePageCursor(page.pageToken) };
      }, listOptions?.cursor ?? null);
    },
  };
}

/**
 * `createUser`, made safe against the SDK's own retry of a create that had landed: an
 * "already exists" answer for a user with our uid and the requested email is that landed
 * create, not a conflict.
 */
async function createOnce(auth: BaseAuth, request: CreateRequest & { uid: string }): Promise<UserRecord> {
  try {
    return await auth.createUser(request);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== 'auth/uid-already-exists' && code !== 'auth/email-already-exists') throw error;
    const existing = await auth.getUser(request.uid).catch(() => null);
    if (existing && existing.email?.toLowerCase() === request.email?.toLowerCase()) return existing;
    throw error;
  }
}
