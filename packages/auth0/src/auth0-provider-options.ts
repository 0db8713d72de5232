import { z } from 'zod';

const hostname = z
  .string()
  .min(1)
  .regex(
    /^[a-z0-9.-]+(:\d+)?$/i,
    'must be a bare host name such as tenant.eu.auth0.com (no scheme, no path)',
  );

/** Settings of the Auth0 adapter (validated by {@link auth0ProviderOptionsSchema}). */
export const auth0ProviderOptionsSchema = z.object({
  /** Tenant or custom domain, as in the Auth0 dashboard: `tenant.eu.auth0.com`. */
  domain: hostname,
  /** Client id of the application users sign in through (Password and MFA grants enabled). */
  clientId: z.string().min(1),
  /** Its client secret. */
  clientSecret: z.string().min(1),
  /** Identifier (audience) of the API the access tokens are for. Tokens are verified against it. */
  audience: z.string().min(1),
  /** The database connection (realm) users live in. Default `Username-Password-Authentication`. */
  connection: z.string().min(1).default('Username-Password-Authentication'),
  /** Its id (`con_...`), needed by bulk import and export jobs. */
  connectionId: z
    .string()
    .regex(/^con_[A-Za-z0-9]{16}$/, 'must look like con_ followed by 16 letters or digits')
    .optional(),
  /** A machine-to-machine application authorized for the Management API (scopes in the README). */
  management: z.object({ clientId: z.string().min(1), clientSecret: z.string().min(1) }),
  /** Scopes asked at sign-in. `offline_access` gives refresh tokens. */
  scopes: z.array(z.string().min(1)).default(['openid', 'profile', 'email', 'offline_access']),
  /**
   * Namespaced claim in which a post-login Action puts the user's role names (Auth0 puts none
   * in tokens by default; the README shows the Action). Null to read no groups from tokens.
   */
  rolesClaim: z.string().min(1).nullable().default('https://idport.dev/roles'),
  /**
   * A fetch used for every call to Auth0. The SDKs always call `https://{domain}`; tests pass a
   * fetch that sends those calls to a local fake (`createAuth0RewritingFetch`). Leave unset in
   * production.
   */
  fetch: z
    .custom<typeof fetch>((value) => typeof value === 'function', 'must be a fetch function')
    .optional(),
  /** Retries of the Management client on 429 and 5xx (it honours Retry-After). Default 2. */
  managementMaxRetries: z.number().int().min(0).max(10).default(2),
  /** How often an import or export job is polled, in milliseconds. Default 1000. */
  jobPollIntervalMs: z.number().int().min(10).max(60_000).default(1000),
  /** How long to wait for a job before giving up, in milliseconds. Default 15 minutes. */
  jobTimeoutMs: z
    .number()
    .int()
    .min(1000)
    .default(15 * 60_000),
});

/** Settings of the Auth0 adapter, as given (defaults optional). */
export type Auth0ProviderSettings = z.input<typeof auth0ProviderOptionsSchema>;
/** Settings after validation, defaults applied. */
export type Auth0ProviderOptions = z.output<typeof auth0ProviderOptionsSchema>;
