import { createAuth0RewritingFetch } from '@idport/auth0';
import { FakeControl } from '@idport/fakes';
import { inject } from 'vitest';
import { describeBrowserJourney } from './test-support/browser-journey';

// Keycloak, Okta and Auth0 have no emulator: the journey runs against the spec-checked fakes
// of @idport/fakes started in the global setup, each configured exactly as a real realm,
// org or tenant would be (the adapters' IDPORT_<PROVIDER>_* settings).

describeBrowserJourney({
  provider: 'keycloak',
  peer: 'the Keycloak fake',
  // The fake's default realm `idport`: a sign-in client with direct access grants and a
  // groups claim, and a service account with the realm-management roles.
  environment: () => ({
    IDPORT_PROVIDER: 'keycloak',
    IDPORT_KEYCLOAK_BASE_URL: inject('keycloakFakeUrl'),
    IDPORT_KEYCLOAK_REALM: 'idport',
    IDPORT_KEYCLOAK_CLIENT_ID: 'idport-app',
    IDPORT_KEYCLOAK_CLIENT_SECRET: 'idport-app-secret',
    IDPORT_KEYCLOAK_ADMIN__GRANT_TYPE: 'client_credentials',
    IDPORT_KEYCLOAK_ADMIN__CLIENT_ID: 'idport-admin',
    IDPORT_KEYCLOAK_ADMIN__CLIENT_SECRET: 'idport-admin-secret',
  }),
  fake: () => new FakeControl(inject('keycloakFakeUrl')),
  // Keycloak answers a wrong password and a missing code alike, so for an account with an
  // OTP credential the adapter asks for the code and checks the password with it
  // (packages/keycloak/README.md "MFA", docs/decisions/0401): the code step then tells such
  // an account from an unknown one.
  wrongPasswordWithAuthenticatorSkipReason:
    'the Keycloak adapter answers a wrong password for an account with OTP with the code step (decision 0401)',
});

describeBrowserJourney({
  provider: 'okta',
  peer: 'the Okta fake',
  // The fake's default org: an API token, the OIDC app with the password, refresh and MFA
  // OTP grants on the `default` authorization server, and a groups claim.
  environment: () => ({
    IDPORT_PROVIDER: 'okta',
    IDPORT_OKTA_ORG_URL: inject('oktaFakeUrl'),
    IDPORT_OKTA_API_TOKEN: 'idport-fake-api-token',
    IDPORT_OKTA_CLIENT_ID: 'idport-app',
    IDPORT_OKTA_CLIENT_SECRET: 'idport-app-secret',
  }),
  fake: () => new FakeControl(inject('oktaFakeUrl')),
});

describeBrowserJourney({
  provider: 'auth0',
  peer: 'the Auth0 fake',
  environment: () => {
    const tenant = inject('auth0Fake');
    return {
      IDPORT_PROVIDER: 'auth0',
      IDPORT_AUTH0_DOMAIN: tenant.domain,
      IDPORT_AUTH0_CLIENT_ID: tenant.clientId,
      IDPORT_AUTH0_CLIENT_SECRET: tenant.clientSecret,
      IDPORT_AUTH0_AUDIENCE: tenant.audience,
      IDPORT_AUTH0_CONNECTION: tenant.connection,
      IDPORT_AUTH0_MANAGEMENT__CLIENT_ID: tenant.managementClientId,
      IDPORT_AUTH0_MANAGEMENT__CLIENT_SECRET: tenant.managementClientSecret,
    };
  },
  // Auth0's SDKs always call https://{domain}: the one setting text cannot carry is the
  // fetch that sends those calls to the fake (the adapter's documented test hook).
  settings: () => ({ fetch: createAuth0RewritingFetch(inject('auth0Fake').domain, inject('auth0Fake').url) }),
  fake: () => new FakeControl(inject('auth0Fake').url),
});
