import { operationNames, type ProviderCapabilities } from '@idport/core';
import { supportedAlgorithms } from '@idport/password-hashes';

/** The embedded provider implements every operation of the port. */
export const localCapabilities: ProviderCapabilities = {
  operations: operationNames,
  mfaFactorTypes: ['totp', 'recovery_code'],
  limits: { maxPageSize: 1000, maxImportBatch: 1000 },
  // Every algorithm @idport/password-hashes verifies can be imported. Export gives what a
  // row holds: local's scrypt, or an imported hash whose user has not signed in since.
  passwordHashes: { importable: supportedAlgorithms, exportable: supportedAlgorithms },
  totpSecrets: { exportable: true, importable: true },
  groupModel: 'groups',
  refreshTokenRotation: true,
  rateLimits: [],
};
