export { localCapabilities } from './local-capabilities';
export {
  createLocalProvider,
  identityAdapter,
  type LocalAdministration,
  type LocalIdentityProvider,
} from './local-provider';
export {
  type LocalDelivery,
  type LocalProviderOptions,
  type LocalProviderSettings,
  localProviderOptionsSchema,
} from './local-provider-options';
