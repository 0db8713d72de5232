export { auth0Capabilities } from './auth0-capabilities';
export { type Auth0ErrorRule, auth0ErrorRules, mapAuth0Error } from './auth0-errors';
export {
  type Auth0CustomPasswordHash,
  importablePasswordHashAlgorithms,
  toAuth0CustomPasswordHash,
} from './auth0-password-hash-mapping';
export { createAuth0Provider, identityAdapter } from './auth0-provider';
export {
  type Auth0ProviderOptions,
  type Auth0ProviderSettings,
  auth0ProviderOptionsSchema,
} from './auth0-provider-options';
export { createAuth0RewritingFetch } from './auth0-rewriting-fetch';
export { importedUserId } from './auth0-transfer';
export { type Auth0UserRecord, mapAuth0User } from './map-auth0-user';
