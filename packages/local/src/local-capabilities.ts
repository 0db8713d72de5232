import { operationNames, type ProviderCapabilities } from '@idport/core';

/** The embedded provider implements every operation of the port. */
export const localCapabilities: ProviderCapabilities = {
  operations: operationNames,
  mfaFactorTypes: ['totp', 'recovery_code'],
  limits: { maxPageSize: 1000, maxImportBatch: 1000 },
  passwordHashes: { importable: ['scrypt'], exportable: ['scrypt'] },
  totpSecrets: { exportable: true, importable: true },
  groupModel: 'groups',
  refreshTokenRotation: true,
  rateLimits: [],
};
