export { authContract } from './auth-contract';
export { capabilitiesContract } from './capabilities-contract';
export { ContractContext } from './contract-context';
export type { ContractBackdoor, ContractOptions, PeerQuirks } from './contract-options';
export { type ContractTestId, contractTestIds } from './contract-test-ids';
export { errorsContract } from './errors-contract';
export { expectIdentityError } from './expect-identity-error';
export { groupsContract } from './groups-contract';
export {
  type FaultKind,
  type FaultProxy,
  type FaultProxyOptions,
  startFaultProxy,
} from './hardening/fault-proxy';
export { type FaultCampaignOptions, runFaultCampaign } from './hardening/run-fault-campaign';
export { type HostileInputOptions, runHostileInputSuite } from './hardening/run-hostile-input-suite';
export { runSecretCanarySuite } from './hardening/run-secret-canary-suite';
export { inputValidationContract } from './input-validation-contract';
export { mfaContract } from './mfa-contract';
export {
  type ContractGroup,
  contractGroups,
  runContractGroup,
  runIdentityProviderContract,
} from './run-identity-provider-contract';
export { tokensContract } from './tokens-contract';
export { transferContract } from './transfer-contract';
export { usersContract } from './users-contract';
