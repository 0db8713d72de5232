import type { ContractOptions, ContractTestId, PeerQuirks } from '@idport/contract-tests';
import { contractTestIds } from '@idport/contract-tests';

/**
 * The variables this example reads besides the provider's own (`IDPORT_PROVIDER` and
 * `IDPORT_<PROVIDER>_*`, read by `loadConfig`). The workflow file sets exactly these.
 */
export const contractVariables = {
  IDPORT_CONTRACT_NAME: 'name shown in test titles and the run record (default: "<provider> tenant")',
  IDPORT_CONTRACT_PASSWORD: "a password your tenant's policy accepts (default Correct-Horse-9-Battery!)",
  IDPORT_CONTRACT_EMAIL_PREFIX: 'prefix of every email the suite creates (default idport-contract)',
  IDPORT_CONTRACT_SKIP: 'JSON object { "<test id>": "reason" }; unknown ids are refused',
  IDPORT_CONTRACT_SIGN_UP_CODE:
    'a fixed sign-up confirmation code, for peers that have one (cognito-local); unset on a real tenant',
  IDPORT_CONTRACT_QUIRKS: 'comma-separated peer quirks, for local peers only; a real tenant declares none',
} as const;

const quirkNames: readonly (keyof PeerQuirks)[] = [
  'revokeDoesNotStopRefresh',
  'disabledUsersCanSignIn',
  'noPasswordPolicy',
  'importedHashesNotVerified',
  'listIgnoresPageSize',
  'totpReplayAllowed',
  'groupsNotInTokens',
  'idTokenAcceptedAsAccessToken',
];

/** Reasons for tests a real tenant cannot run, whatever the vendor. */
const realTenantSkips: Partial<Record<ContractTestId, string>> = {
  'auth.sign-up-then-confirm': 'the confirmation code goes to a real mailbox the suite cannot read',
};

/**
 * Everything but `createProvider` for `runIdentityProviderContract`, from environment
 * variables. Throws on a misspelt quirk or test id, so a typo never silently weakens the run.
 */
export function contractOptionsFromEnv(
  env: Record<string, string | undefined>,
  provider: string,
): Omit<ContractOptions, 'createProvider'> {
  const quirks: Partial<PeerQuirks> = {};
  for (const name of (env.IDPORT_CONTRACT_QUIRKS ?? '').split(',').map((part) => part.trim())) {
    if (!name) continue;
    if (!(quirkNames as readonly string[]).includes(name)) {
      throw new Error(`IDPORT_CONTRACT_QUIRKS: unknown quirk "${name}" (known: ${quirkNames.join(', ')})`);
    }
    quirks[name as keyof PeerQuirks] = true;
  }
  const skip: Partial<Record<ContractTestId, string>> = {};
  const signUpCode = env.IDPORT_CONTRACT_SIGN_UP_CODE;
  if (!signUpCode) Object.assign(skip, realTenantSkips);
  if (env.IDPORT_CONTRACT_SKIP) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(env.IDPORT_CONTRACT_SKIP);
    } catch {
      throw new Error('IDPORT_CONTRACT_SKIP must be a JSON object { "<test id>": "reason" }');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Error('IDPORT_CONTRACT_SKIP must be a JSON object { "<test id>": "reason" }');
    }
    for (const [id, reason] of Object.entries(parsed)) {
      if (!(contractTestIds as readonly string[]).includes(id)) {
        throw new Error(`IDPORT_CONTRACT_SKIP: unknown test id "${id}"`);
      }
      if (typeof reason !== 'string' || !reason.trim()) {
        throw new Error(`IDPORT_CONTRACT_SKIP: "${id}" needs a reason`);
      }
      skip[id as ContractTestId] = reason;
    }
  }
  return {
    name: env.IDPORT_CONTRACT_NAME || `${provider} tenant`,
    password: env.IDPORT_CONTRACT_PASSWORD || undefined,
    emailPrefix: env.IDPORT_CONTRACT_EMAIL_PREFIX || undefined,
    quirks,
    skip,
    backdoor: signUpCode ? { readSignUpCode: async () => signUpCode } : undefined,
    // A real tenant has rate limits: one pass is enough (the adapter packages run the
    // retry wrapper pass against their peers).
    throughRetry: false,
  };
}
