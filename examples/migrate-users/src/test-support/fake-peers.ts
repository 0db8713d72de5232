/**
 * Where the fakes started by the global setup listen, and the credentials of their default
 * tenants (test-only values the fakes define themselves). Plain data: it crosses from the
 * global setup to the test workers through vitest's `provide`/`inject`.
 */
export interface FakePeers {
  readonly keycloak: {
    readonly url: string;
    readonly realm: string;
    readonly clientId: string;
    readonly clientSecret: string;
    readonly adminClientId: string;
    readonly adminClientSecret: string;
  };
  readonly okta: {
    readonly url: string;
    readonly apiToken: string;
    readonly clientId: string;
    readonly clientSecret: string;
  };
  readonly auth0: {
    readonly url: string;
    readonly domain: string;
    readonly clientId: string;
    readonly clientSecret: string;
    readonly audience: string;
    readonly connection: string;
    readonly connectionId: string;
    readonly managementClientId: string;
    readonly managementClientSecret: string;
  };
}
