export {
  type OperationGroupName,
  type OperationName,
  operationNames,
  operationsExcept,
} from './capabilities/operation-name';
export {
  type ProviderCapabilities,
  type RateLimitRule,
  supportsOperation,
} from './capabilities/provider-capabilities';
export { builtInProviders, createIdentityProvider } from './config/create-identity-provider';
export type { AdapterContext, IdentityAdapter, SettingsSchema } from './config/identity-adapter';
export type { IdentityConfig } from './config/identity-config';
export { type LoadConfigOptions, loadConfig } from './config/load-config';
export { IdentityError, type IdentityErrorOptions } from './errors/identity-error';
export {
  type IdentityErrorCode,
  identityErrorCodes,
  identityErrorCodeTraits,
} from './errors/identity-error-code';
export { endUserMessage, isSafeForEndUser } from './errors/is-safe-for-end-user';
export { redactSecrets, redactText } from './errors/redact-secrets';
export { UnsupportedOperationError } from './errors/unsupported-operation-error';
export type { IdentityEvent, IdentityEventListener, IdentityEventType } from './events/identity-event';
export {
  collect,
  type Page,
  type PageFetcher,
  type PageIterable,
  paginate,
} from './pagination/page-iterable';
export { createPortableUser } from './port/create-portable-user';
export type { CreateGroupInput, Group } from './port/group';
export type {
  AuthOperations,
  GroupOperations,
  IdentityProvider,
  MfaOperations,
  OperationGroups,
  TokenOperations,
  TransferOperations,
  UserOperations,
} from './port/identity-provider';
export type {
  ConfirmedEnrollment,
  MfaFactor,
  MfaFactorType,
  MfaSubject,
  TotpEnrollment,
} from './port/mfa-factor';
export type {
  ExportUsersOptions,
  ImportOutcome,
  ImportUsersOptions,
  PasswordHashAlgorithm,
  PortableMfaFactor,
  PortablePasswordHash,
  PortableUser,
} from './port/portable-user';
export type {
  AuthenticatedResult,
  Challenge,
  ChallengeFactor,
  CompleteMfaInput,
  CompleteNewPasswordInput,
  MfaRequiredResult,
  NewPasswordRequiredResult,
  SignInInput,
  SignInResult,
  SignUpInput,
  SignUpResult,
} from './port/sign-in-result';
export type { TokenSet } from './port/token-set';
export type { AttributeValue, CreateUserInput, ListUsersOptions, UpdateUserInput, User } from './port/user';
export type { VerifiedToken, VerifyIdTokenOptions } from './port/verified-token';
export { defineIdentityProvider, type ProviderDefinition } from './provider/define-identity-provider';
export type { ProviderImplementation } from './provider/provider-implementation';
export { idempotentOperations } from './retry/idempotent-operations';
export { parseRetryAfter } from './retry/parse-retry-after';
export { createRateLimiter, type RateLimiter, type RateLimiterOptions } from './retry/rate-limiter';
export { type RetryPolicy, retryDelay, retryOperation } from './retry/retry-policy';
export { withRetry } from './retry/with-retry';
export { createTokenVerifier, normalizeClaims, type TokenVerifier } from './tokens/create-token-verifier';
export type { KeyStore } from './tokens/key-store';
export { createLocalKeyStore, type JsonWebKeySet, type LocalKeySetSource } from './tokens/local-key-store';
export { readClaim } from './tokens/normalize-claims';
export { type Auth0TokenPresetOptions, auth0TokenPreset } from './tokens/presets/auth0-token-preset';
export { type CognitoTokenPresetOptions, cognitoTokenPreset } from './tokens/presets/cognito-token-preset';
export {
  type FirebaseTokenPresetOptions,
  firebaseJwksUri,
  firebaseTokenPreset,
} from './tokens/presets/firebase-token-preset';
export { type KeycloakTokenPresetOptions, keycloakTokenPreset } from './tokens/presets/keycloak-token-preset';
export { type OktaTokenPresetOptions, oktaTokenPreset } from './tokens/presets/okta-token-preset';
export {
  createRemoteKeyStore,
  type RemoteKeyStore,
  type RemoteKeyStoreOptions,
} from './tokens/remote-key-store';
export { type SignatureAlgorithm, signatureAlgorithms } from './tokens/signature-algorithms';
export { type TokenRejectionReason, TokenVerificationError } from './tokens/token-verification-error';
export type {
  ClaimCheck,
  ClaimPath,
  KeySource,
  TokenVerifierOptions,
  VerifiedTokenCacheOptions,
} from './tokens/token-verifier-options';
export type { VerificationKey } from './tokens/verification-key';
export {
  attributesSchema,
  emailSchema,
  identifierSchema,
  oneTimeCodeSchema,
  passwordSchema,
  tokenSchema,
} from './validation/input-schemas';
export { portableUserSchema } from './validation/operation-input-schemas';
