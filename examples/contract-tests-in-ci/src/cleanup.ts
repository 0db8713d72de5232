import { createIdentityProvider, loadConfig } from '@idport/core';
import { cleanupTestUsers } from './cleanup-test-users';

// node dist/cleanup.js: run after the contract job (also when it failed or was cancelled).
const config = await loadConfig();
const provider = await createIdentityProvider(config);
try {
  const prefix = process.env.IDPORT_CONTRACT_EMAIL_PREFIX || 'idport-contract';
  const deleted = await cleanupTestUsers(provider, prefix);
  console.log(
    `deleted ${deleted.users} leftover ${prefix}-* users and ${deleted.groups} idport-contract-* groups at ${provider.provider}`,
  );
} finally {
  await provider.close();
}
