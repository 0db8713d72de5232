import { defineIdentityProvider, type IdentityProvider, type PortableUser, paginate } from '@idport/core';

/**
 * A source provider serving fixed portable users, including ones no real provider would
 * let you create (bad emails, duplicates): the engine must survive what vendors export.
 */
export function createArraySourceProvider(users: PortableUser[]): IdentityProvider {
  return defineIdentityProvider({
    provider: 'array-source',
    capabilities: {
      operations: ['transfer.exportUsers'],
      mfaFactorTypes: ['totp'],
      limits: { maxPageSize: 1000, maxImportBatch: 1 },
      passwordHashes: { importable: [], exportable: ['scrypt', 'md5'] },
      totpSecrets: { exportable: true, importable: false },
      groupModel: 'groups',
      refreshTokenRotation: false,
      rateLimits: [],
    },
    implementation: {
      transfer: {
        exportUsers(options) {
          const size = options?.pageSize ?? 100;
          return paginate(async (cursor) => {
            const start = cursor ? Number(cursor) : 0;
            const end = start + size;
            return { items: users.slice(start, end), nextCursor: end < users.length ? String(end) : null };
          }, options?.cursor ?? null);
        },
      },
    },
  });
}
