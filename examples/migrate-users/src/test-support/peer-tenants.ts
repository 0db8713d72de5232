import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAuth0RewritingFetch } from '@idport/auth0';
import type { IdentityConfig } from '@idport/core';
import { FakeControl } from '@idport/fakes';
import { inject } from 'vitest';
import { createTestPool } from '../../../../packages/cognito/src/test-support/create-test-pool';

/** The adapters the cross-provider test migrates to and from. */
/** The project the Firebase adapter's emulator start uses: a `demo-` id runs offline. */
const emulatorProjectId = 'demo-test';

export type PeerName = 'cognito' | 'firebase' | 'keycloak' | 'okta' | 'auth0';

/** An empty tenant at one peer. */
export interface PeerTenant {
  /** The adapter's configuration against this tenant. */
  readonly config: IdentityConfig;
  /**
   * The configuration to export from, taken after the users are in: Keycloak's admin API
   * never returns hashes or OTP secrets, so its exports read a `kc.sh export` file written
   * now (as a migration script would run `kc.sh export` first). Other adapters export
   * through their API: the same configuration.
   */
  sourceConfig(): Promise<IdentityConfig>;
}

/** One peer of the run: a vendor's emulator or fake, started by the global setup. */
export interface Peer {
  readonly name: PeerName;
  /** What stands in for the vendor here. */
  readonly standIn: string;
  /**
   * Where the peer differs from the vendor in a way the test cannot check around, as the
   * adapter's own contract run declares it (why, in words); absent when there is none.
   */
  readonly importedHashesNotVerified?: string;
  /** Empties (or creates) a tenant for one migration direction. */
  freshTenant(label: string, secretsDirectory: string): Promise<PeerTenant>;
}

const sameConfig = (config: IdentityConfig): PeerTenant => ({ config, sourceConfig: async () => config });

const cognito: Peer = {
  name: 'cognito',
  standIn: 'cognito-local',
  async freshTenant(label) {
    // A new pool per direction: cognito-local has no reset, and pools are cheap.
    const pool = await createTestPool(inject('cognitoPool').endpoint, `pair-${label}`);
    return sameConfig({
      provider: 'cognito',
      settings: {
        region: 'local',
        endpoint: pool.endpoint,
        userPoolId: pool.userPoolId,
        clientId: pool.clientId,
        // cognito-local answers unsupported calls with HTTP 500, which the SDK would retry.
        maxAttempts: 1,
      },
    });
  },
};

const firebase: Peer = {
  name: 'firebase',
  standIn: 'Firebase Auth emulator',
  importedHashesNotVerified:
    'the Firebase Auth emulator stores imported password hashes but never verifies them (declared as importedHashesNotVerified by the Firebase adapter)',
  async freshTenant() {
    const host = inject('firebaseEmulatorHost');
    // The emulator's documented reset: every account of the project deleted.
    const response = await fetch(`http://${host}/emulator/v1/projects/${emulatorProjectId}/accounts`, {
      method: 'DELETE',
    });
    if (!response.ok) throw new Error(`the emulator reset answered ${response.status}`);
    return sameConfig({
      provider: 'firebase',
      settings: { projectId: emulatorProjectId, emulatorHost: host },
    });
  },
};

const keycloak: Peer = {
  name: 'keycloak',
  standIn: 'Keycloak fake (@idport/fakes)',
  async freshTenant(label, secretsDirectory) {
    const fake = inject('fakePeers').keycloak;
    const control = new FakeControl(fake.url);
    await control.reset();
    const config: IdentityConfig = {
      provider: 'keycloak',
      settings: {
        baseUrl: fake.url,
        realm: fake.realm,
        clientId: fake.clientId,
        clientSecret: fake.clientSecret,
        admin: {
          grantType: 'client_credentials',
          clientId: fake.adminClientId,
          clientSecret: fake.adminClientSecret,
        },
      },
    };
    return {
      config,
      async sourceConfig() {
        // The fake's stand-in for `kc.sh export --users realm_file`: the realm with secretData.
        const exportFile = join(secretsDirectory, `keycloak-${label}-realm.json`);
        writeFileSync(exportFile, JSON.stringify(await control.get(`/keycloak/realms/${fake.realm}/export`)));
        return { ...config, settings: { ...config.settings, realmExportPath: exportFile } };
      },
    };
  },
};

const okta: Peer = {
  name: 'okta',
  standIn: 'Okta fake (@idport/fakes)',
  async freshTenant() {
    const fake = inject('fakePeers').okta;
    await new FakeControl(fake.url).reset();
    return sameConfig({
      provider: 'okta',
      settings: {
        orgUrl: fake.url,
        apiToken: fake.apiToken,
        clientId: fake.clientId,
        clientSecret: fake.clientSecret,
      },
    });
  },
};

const auth0: Peer = {
  name: 'auth0',
  standIn: 'Auth0 fake (@idport/fakes)',
  async freshTenant() {
    const fake = inject('fakePeers').auth0;
    await new FakeControl(fake.url).reset();
    return sameConfig({
      provider: 'auth0',
      settings: {
        domain: fake.domain,
        clientId: fake.clientId,
        clientSecret: fake.clientSecret,
        audience: fake.audience,
        connection: fake.connection,
        connectionId: fake.connectionId,
        management: { clientId: fake.managementClientId, clientSecret: fake.managementClientSecret },
        // Both Auth0 SDKs always call https://{domain}: send those calls to the fake.
        fetch: createAuth0RewritingFetch(fake.domain, fake.url),
        jobPollIntervalMs: 20,
      },
    });
  },
};

/** Every adapter with a peer that runs on a clean machine. */
export const peers: readonly Peer[] = [cognito, firebase, keycloak, okta, auth0];

/** Fails the calling test when a fake saw a request or response outside its vendor's documents. */
export async function assertNoSpecViolations(): Promise<void> {
  const fakes = inject('fakePeers');
  for (const url of [fakes.keycloak.url, fakes.okta.url, fakes.auth0.url]) {
    await new FakeControl(url).assertNoViolations();
  }
}
