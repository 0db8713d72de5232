import { createKeycloakFake, defaultKeycloakRealm } from '@idport/fakes';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    keycloakFakeUrl: string;
  }
}

/**
 * Starts the Keycloak fake once for the package's tests (a real HTTP server on 127.0.0.1, a
 * free port, every request and response checked against Keycloak's OpenAPI document) and
 * prints how many request/response pairs it validated when the run ends.
 */
export default async function setup(project: TestProject) {
  const fake = createKeycloakFake({
    specCheck: 'enforce',
    realms: [
      defaultKeycloakRealm,
      // Same clients, with "Revoke Refresh Token" on, for the rotation run of the auth contract.
      { ...defaultKeycloakRealm, realm: 'idport-rotating', revokeRefreshToken: true },
    ],
  });
  const url = await fake.start();
  project.provide('keycloakFakeUrl', url);
  return async () => {
    const stats = fake.server.stats();
    const byDocument = Object.entries(stats.validatedPairsByDocument)
      .map(([document, count]) => `${document}: ${count}`)
      .join(', ');
    process.stdout.write(
      `\nKeycloak fake: ${stats.requests} requests, ${stats.validatedPairs} request/response pairs validated against the spec documents (${byDocument}), ${stats.violations} spec violations, ${stats.faultsInjected} injected faults\n`,
    );
    await fake.stop();
  };
}
