import { runIdentityProviderContract } from '@idport/contract-tests';
import { createIdentityProvider, loadConfig } from '@idport/core';
import { contractOptionsFromEnv } from './contract-options-from-env';

// The whole file a team needs: the provider and its settings come from IDPORT_PROVIDER and
// IDPORT_<PROVIDER>_* (or IDPORT_CONFIG), the suite's options from IDPORT_CONTRACT_*.
// Copy it as it is. (In this repository, globalSetup starts a local peer and sets the
// same variables a team's CI job sets.)
const env = process.env;
const config = await loadConfig({ env });

runIdentityProviderContract({
  ...contractOptionsFromEnv(env, config.provider),
  // Retries off: a failure shows as it happened, not after backoff.
  createProvider: () => createIdentityProvider({ ...config, retry: false }),
});
