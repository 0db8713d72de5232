export {
  type Auth0CustomPasswordHash,
  fromAuth0CustomPasswordHash,
  toAuth0CustomPasswordHash,
} from './auth0-custom-password-hash';
export { createPortableHash, type PasswordHashSpecification } from './create-portable-hash';
export {
  type FirebaseExportedPassword,
  type FirebaseImportHash,
  type FirebaseImportPassword,
  type FirebaseScryptParameters,
  fromFirebaseScrypt,
  toFirebaseImport,
} from './firebase-password-hash';
export { formatPortableHash } from './format-portable-hash';
export { defaultHashLimits, type HashLimits } from './hash-limits';
export {
  fromKeycloakCredential,
  type KeycloakPasswordCredential,
  toKeycloakCredential,
} from './keycloak-password-credential';
export {
  fromOktaPasswordHash,
  type OktaPasswordHash,
  oktaMinimumPbkdf2Iterations,
  toOktaPasswordHash,
} from './okta-password-hash';
export { parsePhcString, parsePortableHash, supportedAlgorithms } from './parse-portable-hash';
export type {
  Argon2Hash,
  BcryptHash,
  FirebaseScryptHash,
  HmacHash,
  ParsedPasswordHash,
  Pbkdf2Hash,
  SaltedDigestHash,
  SaltPosition,
  ScryptHash,
} from './parsed-password-hash';
export { PasswordHashError, type PasswordHashErrorCode } from './password-hash-error';
export { type VerifyPortableHashOptions, verifyPortableHash } from './verify-portable-hash';
