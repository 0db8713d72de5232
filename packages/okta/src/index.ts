export { oktaCapabilities } from './okta-capabilities';
export { mapOAuthError, mapOktaError, oktaErrorCodes } from './okta-errors';
export { OktaOAuthError } from './okta-oauth-error';
export { type OktaHashConversion, type OktaPasswordHash, toOktaPasswordHash } from './okta-password-hash';
export { createOktaProvider, identityAdapter } from './okta-provider';
export {
  type OktaProviderOptions,
  type OktaProviderSettings,
  oktaProviderOptionsSchema,
} from './okta-provider-options';
