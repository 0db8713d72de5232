import { withRetry } from '@idport/core';
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import { authContract } from './auth-contract';
import { capabilitiesContract } from './capabilities-contract';
import { ContractContext } from './contract-context';
import type { ContractOptions } from './contract-options';
import { writeRecordedRun } from './contract-run-recorder';
import { errorsContract } from './errors-contract';
import { groupsContract } from './groups-contract';
import { inputValidationContract } from './input-validation-contract';
import { mfaContract } from './mfa-contract';
import { tokensContract } from './tokens-contract';
import { transferContract } from './transfer-contract';
import { usersContract } from './users-contract';

/** A behaviour group of the suite. Each is exported so an adapter can run one alone. */
export type ContractGroup = (context: ContractContext) => void;

/** Every group, in the order they run. */
export const contractGroups: Record<string, ContractGroup> = {
  auth: authContract,
  mfa: mfaContract,
  users: usersContract,
  groups: groupsContract,
  tokens: tokensContract,
  transfer: transferContract,
  errors: errorsContract,
  capabilities: capabilitiesContract,
  input: inputValidationContract,
};

/**
 * Registers one group with its own provider instance and cleanup. `viaRetry` re-runs it
 * through `withRetry`, as abstract-level re-runs its suite through a sublevel: the retry
 * layer must be invisible to correct behaviour.
 */
export function runContractGroup(options: ContractOptions, group: ContractGroup, viaRetry = false): void {
  const context = new ContractContext(options);
  beforeAll(async () => {
    await context.open(viaRetry ? (provider) => withRetry(provider, { baseDelayMs: 50 }) : undefined);
  }, 60_000);
  afterEach(async () => {
    await context.cleanup();
  }, 60_000);
  afterAll(async () => {
    await context.close();
  }, 60_000);
  group(context);
}

/**
 * Runs the whole contract suite against one provider: every group directly, then every
 * group again through the retry wrapper (unless `throughRetry: false`).
 */
export function runIdentityProviderContract(options: ContractOptions): void {
  describe(`contract: ${options.name}`, () => {
    afterAll(() => writeRecordedRun(options.name));
    for (const [name, group] of Object.entries(contractGroups)) {
      describe(name, () => runContractGroup(options, group));
    }
  });
  if (options.throughRetry !== false) {
    describe(`contract: ${options.name} (through withRetry)`, () => {
      for (const [name, group] of Object.entries(contractGroups)) {
        describe(name, () => runContractGroup(options, group, true));
      }
    });
  }
}
