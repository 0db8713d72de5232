export {
  type Auth0Fake,
  type Auth0FakeOptions,
  auth0ManagementScopes,
  auth0PaidTierRateLimits,
  createAuth0Fake,
  defaultAuth0Tenant,
} from './auth0/auth0-fake';
export { type CustomPasswordHash, customHashAlgorithms } from './auth0/auth0-password-hashes';
export { auth0SpecCorrections, auth0SpecDocuments, createAuth0SpecChecker } from './auth0/auth0-spec';
export type { Auth0ApplicationSettings, Auth0TenantSettings } from './auth0/auth0-tenant';
export { FakeControl } from './framework/fake-control';
export {
  empty,
  FakeHttpError,
  type FakeRequest,
  type FakeResponse,
  type FakeRoute,
  json,
  type RouteHandler,
} from './framework/fake-http';
export {
  FakeServer,
  type FakeServerOptions,
  type FakeServerStats,
  type FakeVendorHooks,
  type SpecCheckMode,
  specViolationStatus,
} from './framework/fake-server';
export { type Fault, FaultInjector, type FaultRule } from './framework/fault-injector';
export { RateLimitBudget, type RateLimitDecision, type RateLimitRule } from './framework/rate-limit-budget';
export { createSigningKey, type SigningKey, signJwt, toJwks } from './framework/signing-keys';
export {
  SpecChecker,
  type SpecCheckerOptions,
  type SpecCorrection,
  type SpecOperation,
  type SpecViolation,
} from './framework/spec-checker';
export { type OpenApiDocument, readShippedSpec, type SpecDocument } from './framework/spec-document';
export {
  createKeycloakFake,
  defaultKeycloakRealm,
  type KeycloakFake,
  type KeycloakFakeOptions,
} from './keycloak/keycloak-fake';
export type { KeycloakClientSettings, KeycloakRealmSettings } from './keycloak/keycloak-realm';
export {
  createKeycloakSpecChecker,
  keycloakSpecCorrections,
  keycloakSpecDocuments,
  keycloakUncoveredEndpoints,
} from './keycloak/keycloak-spec';
export { decodeBase32, encodeBase32, totpCode } from './keycloak/keycloak-totp';
export {
  createOktaFake,
  defaultOktaOrg,
  type OktaFake,
  type OktaFakeOptions,
  oktaDefaultRateLimits,
} from './okta/okta-fake';
export type { OktaClientSettings, OktaOrg, OktaOrgSettings, OktaServiceAppSettings } from './okta/okta-org';
export {
  createOktaSpecChecker,
  oktaOAuthSpecCorrections,
  oktaSpecCorrections,
  oktaSpecDocuments,
  oktaUncoveredEndpoints,
} from './okta/okta-spec';
