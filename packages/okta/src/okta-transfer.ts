import { setTimeout as sleep } from 'node:timers/promises';
import {
  type IdentityError,
  type ImportOutcome,
  type ImportUsersOptions,
  type PortableUser,
  paginate,
  type TransferOperations,
} from '@idport/core';
import { mapOktaUser, type OktaUserLike, plainProfile } from './map-okta-user';
import type { OktaContext } from './okta-context';
import { mapOktaError } from './okta-errors';
import { decodeCursor, readOktaPage } from './okta-page';

const afterOf = (cursor: string | null) => {
  const after = decodeCursor(cursor);
  return after === null ? {} : { after };
};

import { toOktaPasswordHash } from './okta-password-hash';
import { getOktaUser, toOktaProfile } from './okta-users';

/** Attempts per user when Okta keeps answering 429 or is unreachable. */
const maxAttempts = 8;

/** Runs `work` over `items` with at most `concurrency` in flight, keeping the input order in the result. */
async function mapPool<Item, Result>(
  items: readonly Item[],
  concurrency: number,
  work: (item: Item) => Promise<Result>,
): Promise<Result[]> {
  const results = new Array<Result>(items.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const index = next;
      next += 1;
      if (index >= items.length) return;
      results[index] = await work(items[index] as Item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/**
 * Export through the Users API (no hashes, no TOTP secrets: Okta returns neither) and import
 * with `credentials.password.hash`, paced under the org's `/api/v1/users` budget.
 */
export function createOktaTransfer(context: OktaContext): TransferOperations {
  const { client, options } = context;

  /** Group names per user id, read once per export (groups × members instead of a call per user). */
  const membership = async (): Promise<Map<string, string[]>> => {
    const byUser = new Map<string, string[]>();
    const groups = await client.groupApi.listGroups({ limit: 200 });
    for await (const group of groups) {
      if (!group) continue;
      const name = String((group.profile as { name?: string } | undefined)?.name ?? '');
      const members = await client.groupApi.listGroupUsers({ groupId: String(group.id), limit: 1000 });
      for await (const member of members) {
        if (!member) continue;
        const list = byUser.get(String(member.id)) ?? [];
        list.push(name);
        byUser.set(String(member.id), list);
      }
    }
    return byUser;
  };

  const toPortable = (user: OktaUserLike, groups: Map<string, string[]>): PortableUser => {
    const mapped = mapOktaUser(user);
    return {
      sourceId: mapped.id,
      email: mapped.email ?? String(plainProfile(user).login ?? ''),
      emailVerified: mapped.emailVerified,
      phoneNumber: mapped.phoneNumber,
      givenName: mapped.givenName,
      familyName: mapped.familyName,
      displayName: mapped.displayName,
      enabled: mapped.enabled,
      createdAt: mapped.createdAt,
      attributes: mapped.attributes,
      groups: groups.get(mapped.id) ?? [],
      passwordHash: null,
      mfaFactors: [],
    };
  };

  /** Calls `operation`, waiting out 429s (after the SDK's own retries) and brief outages. */
  const withBudget = async <T>(operation: () => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt += 1) {
      await context.importLimiter.acquire();
      try {
        return await operation();
      } catch (error) {
        const mapped = mapOktaError(error);
        if (
          attempt >= maxAttempts ||
          (mapped.code !== 'RATE_LIMITED' && mapped.code !== 'PROVIDER_UNAVAILABLE')
        )
          throw error;
        // Without a reset time (the SDK gave up on a window ending after its request timeout)
        // back off up to Okta's one-minute window.
        const wait = mapped.retryAfter ?? Math.min(60, 5 * 2 ** (attempt - 1));
        if (mapped.code === 'RATE_LIMITED') context.importLimiter.pauseFor(wait);
        else await sleep(wait * 1000);
      }
    }
  };

  const groupIds = new Map<string, Promise<string | null>>();
  const groupIdFor = (name: string): Promise<string | null> => {
    let pending = groupIds.get(name);
    if (!pending) {
      pending = withBudget(async () => {
        const collection = await client.groupApi.listGroups({ q: name, limit: 20 });
        for await (const group of collection) {
          if (group && String((group.profile as { name?: string } | undefined)?.name ?? '') === name)
            return String(group.id);
        }
        return null;
      });
      groupIds.set(name, pending);
    }
    return pending;
  };

  const importOne = async (
    user: PortableUser,
    importOptions: ImportUsersOptions | undefined,
  ): Promise<ImportOutcome> => {
    const warnings: string[] = [];
    const conversion = user.passwordHash ? toOktaPasswordHash(user.passwordHash) : null;
    if (conversion && 'reason' in conversion) warnings.push(`password not imported: ${conversion.reason}`);
    const hash = conversion && 'hash' in conversion ? conversion.hash : null;
    if (user.mfaFactors.length > 0) {
      warnings.push(
        `${user.mfaFactors.length} MFA factor(s) not imported: Okta does not accept TOTP secrets; the user enrolls again`,
      );
    }
    const profile = {
      ...toOktaProfile({
        email: user.email,
        ...(user.givenName === null ? {} : { givenName: user.givenName }),
        ...(user.familyName === null ? {} : { familyName: user.familyName }),
        ...(user.displayName === null ? {} : { displayName: user.displayName }),
        ...(user.phoneNumber === null ? {} : { phoneNumber: user.phoneNumber }),
        attributes: { ...user.attributes },
      }),
      login: user.email,
    };
    // With a hash the user can sign in at once (ACTIVE, no email). Without one, STAGED unless
    // an invitation is asked for: activating a user without credentials sends Okta's email.
    const activate = hash !== null || importOptions?.sendInvitation === true;
    const startedAt = Date.now();
    // Set when an attempt failed without a definite answer (timeout, reset, 5xx): the create
    // may have landed, so a later login conflict can be this very import's user.
    let uncertain = false;
    const finish = async (created: OktaUserLike, note?: string): Promise<ImportOutcome> => {
      const userId = String(created.id);
      if (note) warnings.push(note);
      if (!user.enabled && created.status === 'ACTIVE') {
        await withBudget(() => client.userApi.suspendUser({ userId }));
      }
      for (const name of user.groups) {
        const groupId = await groupIdFor(name);
        if (!groupId) {
          warnings.push(`group "${name}" does not exist in Okta; membership not imported`);
          continue;
        }
        await withBudget(() => client.groupApi.assignUserToGroup({ groupId, userId }));
      }
      return {
        sourceId: user.sourceId,
        status: 'created',
        userId,
        passwordImported: hash !== null,
        factorsImported: 0,
        errorCode: null,
        warnings,
      };
    };
    try {
      const created = (await withBudget(async () => {
        try {
          return await client.userApi.createUser({
            body: { profile, ...(hash ? { credentials: { password: { hash } } } : {}) } as never,
            activate,
          });
        } catch (error) {
          if (mapOktaError(error).code === 'PROVIDER_UNAVAILABLE') uncertain = true;
          throw error;
        }
      })) as unknown as OktaUserLike;
      return await finish(created);
    } catch (error) {
      const mapped: IdentityError = mapOktaError(error);
      if (mapped.code === 'USER_ALREADY_EXISTS') {
        // A re-run (or a retry after a lost response) finds the user: never a duplicate.
        const existing = await withBudget(() => getOktaUser(context, user.email)).catch(() => null);
        const createdAt = existing?.created ? new Date(existing.created).getTime() : 0;
        if (existing && uncertain && createdAt >= startedAt - 5000) {
          return finish(existing, 'created by an earlier attempt whose answer was lost; not created twice');
        }
        if ((importOptions?.onConflict ?? 'skip') === 'skip') {
          return {
            sourceId: user.sourceId,
            status: 'skipped',
            userId: existing?.id ? String(existing.id) : null,
            passwordImported: false,
            factorsImported: 0,
            errorCode: null,
            warnings,
          };
        }
      }
      return {
        sourceId: user.sourceId,
        status: 'failed',
        userId: null,
        passwordImported: false,
        factorsImported: 0,
        errorCode: mapped.code,
        warnings,
      };
    }
  };

  return {
    exportUsers(exportOptions) {
      const limit = exportOptions?.pageSize ?? 200;
      let groups: Promise<Map<string, string[]>> | null = null;
      return paginate(async (cursor) => {
        groups ??= membership();
        const byUser = await groups;
        const collection = await client.userApi.listUsers({ limit, ...afterOf(cursor) });
        return readOktaPage(collection, (user) => toPortable(user as unknown as OktaUserLike, byUser));
      }, exportOptions?.cursor ?? null);
    },

    importUsers(users, importOptions) {
      return mapPool(users, options.importConcurrency, (user) => importOne(user, importOptions));
    },
  };
}
