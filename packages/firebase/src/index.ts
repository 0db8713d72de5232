export { firebaseCapabilities, firebaseOperations, firebaseTotpOperations } from './firebase-capabilities';
export { firebaseAdminErrorCodes, firebaseRestErrorCodes, mapFirebaseError } from './firebase-errors';
export { firebaseImportableHashes, fromFirebaseScrypt, toFirebaseImportHash } from './firebase-password-hash';
export { createFirebaseProvider } from './firebase-provider';
export {
  type FirebaseHashConfig,
  type FirebaseProviderOptions,
  type FirebaseProviderSettings,
  firebaseProviderOptionsSchema,
  firebaseSignInProviderOptionsSchema,
  firebaseUserProviderOptionsSchema,
} from './firebase-provider-options';
export { FirebaseRestError } from './firebase-rest-error';

export { uidForSourceId } from './firebase-transfer-operations';
export { identityAdapter } from './identity-adapter';
