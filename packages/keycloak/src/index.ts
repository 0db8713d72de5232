export { keycloakCapabilities } from './keycloak-capabilities';
export { type KeycloakErrorContext, keycloakErrorTable, mapKeycloakError } from './keycloak-errors';
export { fromPortableHash, keycloakHashAlgorithms, toPortableHash } from './keycloak-hash-formats';
export { createKeycloakProvider, identityAdapter } from './keycloak-provider';
export {
  type KeycloakProviderOptions,
  type KeycloakProviderSettings,
  keycloakProviderOptionsSchema,
} from './keycloak-provider-options';
export { mapKeycloakUser } from './map-keycloak-user';
