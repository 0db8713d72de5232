import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractGroups, runContractGroup, runIdentityProviderContract } from '@idport/contract-tests';
import type { IdentityProvider, PageIterable, PortableUser } from '@idport/core';
import { afterAll, describe } from 'vitest';
import { failOnSpecViolations, fakeControl, testSettings } from './__fixtures__/keycloak-test-settings';
import { createKeycloakProvider } from './keycloak-provider';

failOnSpecViolations();

runIdentityProviderContract({
  name: 'keycloak (@idport/fakes Keycloak fake)',
  createProvider: async () => createKeycloakProvider(testSettings()),
});

/**
 * Keycloak's admin API never returns password hashes or OTP secrets; migrations read them
 * from `kc.sh export`. This run exports the fake realm to a file before every
 * `transfer.exportUsers`, as a migration script would run `kc.sh export` first, so the
 * hash and TOTP round trips of the transfer group run too.
 */
const directory = mkdtempSync(join(tmpdir(), 'idport-keycloak-export-'));
const exportPath = join(directory, 'idport-realm.json');
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function withFreshRealmExport(provider: IdentityProvider): IdentityProvider {
  const dump = async () => {
    writeFileSync(exportPath, JSON.stringify(await fakeControl().get('/keycloak/realms/idport/export')));
  };
  const exportUsers = (
    options?: Parameters<IdentityProvider['transfer']['exportUsers']>[0],
  ): PageIterable<PortableUser> => ({
    async *pages() {
      await dump();
      yield* provider.transfer.exportUsers(options).pages();
    },
    async *[Symbol.asyncIterator]() {
      await dump();
      yield* provider.transfer.exportUsers(options);
    },
  });
  return { ...provider, transfer: { ...provider.transfer, exportUsers }, close: () => provider.close() };
}

describe('contract: keycloak (realm with "Revoke Refresh Token" on)', () => {
  runContractGroup(
    {
      name: 'keycloak (refresh token rotation)',
      createProvider: async () =>
        createKeycloakProvider(testSettings({ realm: 'idport-rotating', refreshTokenRotation: true })),
      skip: {
        'auth.refresh-reuse-revokes-session':
          'Keycloak refuses a reused refresh token ("Maximum allowed refresh token reuse exceeded") but keeps the session, so the token from the legitimate refresh stays valid',
      },
    },
    contractGroups.auth as (typeof contractGroups)[string],
  );
});

describe('contract: keycloak (realm export file for hashes and OTP secrets)', () => {
  runContractGroup(
    {
      name: 'keycloak (realm export file)',
      createProvider: async () =>
        withFreshRealmExport(createKeycloakProvider(testSettings({ realmExportPath: exportPath }))),
    },
    contractGroups.transfer as (typeof contractGroups)[string],
  );
});
