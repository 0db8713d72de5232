import {
  type IdentityProvider,
  type PageIterable,
  type PortableUser,
  paginate,
  supportsOperation,
} from '@idport/core';

/**
 * Source users as portable users. Providers without `transfer.exportUsers` still migrate
 * through `users.list`: profiles cross, passwords and factors do not (the plan says so).
 */
export function portableUsersFrom(
  source: IdentityProvider,
  options: { pageSize: number; cursor: string | null },
): PageIterable<PortableUser> {
  const start = { pageSize: options.pageSize, ...(options.cursor ? { cursor: options.cursor } : {}) };
  if (supportsOperation(source.capabilities, 'transfer.exportUsers'))
    return source.transfer.exportUsers(start);
  const listing = source.users.list(start).pages();
  const iterator = listing[Symbol.asyncIterator]();
  return paginate(async () => {
    const next = await iterator.next();
    if (next.done) return { items: [], nextCursor: null };
    return {
      items: next.value.items
        .filter((user) => user.email !== null)
        .map(
          (user): PortableUser => ({
            sourceId: user.id,
            email: user.email as string,
            emailVerified: user.emailVerified,
            phoneNumber: user.phoneNumber,
            givenName: user.givenName,
            familyName: user.familyName,
            displayName: user.displayName,
            enabled: user.enabled,
            createdAt: user.createdAt,
            attributes: user.attributes,
            groups: [],
            passwordHash: null,
            mfaFactors: [],
          }),
        ),
      nextCursor: next.value.nextCursor,
    };
  });
}
