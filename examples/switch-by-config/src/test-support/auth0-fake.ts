import { createAuth0Fake } from '@idport/fakes';
import type { TestProject } from 'vitest/node';

/** The Auth0 fake's URL and its default tenant's domain, applications and API (JSON, for `provide`). */
export interface Auth0FakeTenant {
  url: string;
  domain: string;
  clientId: string;
  clientSecret: string;
  audience: string;
  connection: string;
  managementClientId: string;
  managementClientSecret: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    auth0Fake: Auth0FakeTenant;
  }
}

/**
 * Starts the Auth0 fake of `@idport/fakes` on a free loopback port for the whole run (the
 * Auth0 package has no global setup of its own: its tests start one fake per file), with
 * spec checking enforced, and says at the end what it checked.
 */
export async function startAuth0Fake(project: TestProject): Promise<() => Promise<void>> {
  // bcrypt cost 4 instead of Auth0's 10, as the adapter's own tests do: the hashes stay
  // bcrypt, the journey does not wait a tenth of a second per password.
  const fake = createAuth0Fake({ specCheck: 'enforce', tenant: { bcryptCost: 4 } });
  const url = await fake.start();
  const [application, management] = fake.settings.applications;
  if (!application || !management) {
    await fake.stop();
    throw new Error('the Auth0 fake tenant lacks the sign-in or the machine-to-machine application');
  }
  project.provide('auth0Fake', {
    url,
    domain: fake.domain,
    clientId: application.clientId,
    clientSecret: application.clientSecret,
    audience: fake.settings.apiAudience,
    connection: fake.settings.connection.name,
    managementClientId: management.clientId,
    managementClientSecret: management.clientSecret,
  });
  return async () => {
    const { requests, validatedPairs, violations } = fake.server.stats();
    process.stdout.write(
      `\nAuth0 fake: ${validatedPairs} of ${requests} calls checked against Auth0's documents, ${violations} spec violations\n`,
    );
    await fake.stop();
  };
}
