export { cognitoCapabilities } from './cognito-capabilities';
export { type CognitoErrorContext, cognitoErrorRules, mapCognitoError } from './cognito-errors';
export { createCognitoProvider, identityAdapter } from './cognito-provider';
export {
  type CognitoProviderOptions,
  cognitoProviderOptionsSchema,
  type ResolvedCognitoProviderOptions,
} from './cognito-provider-options';
export { mapCognitoUser } from './map-cognito-user';
export { secretHash } from './secret-hash';
