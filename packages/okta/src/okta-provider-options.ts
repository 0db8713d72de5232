import { z } from 'zod';

/** Management access with an OAuth 2.0 service app (private key JWT) instead of an API token. */
const serviceAppSchema = z.strictObject({
  /** Client id of the API service app. */
  clientId: z.string().min(1),
  /** PEM (PKCS#8) or JWK JSON of the private key registered on the app. Never logged. */
  privateKey: z.string().min(1),
  /** `kid` of the registered public key. */
  keyId: z.string().min(1).optional(),
  /** Okta admin scopes granted to the app (`okta.users.manage`, `okta.groups.manage`, ...). */
  scopes: z.array(z.string().min(1)).min(1),
});

/** Settings of `@idport/okta`, validated by zod. */
export const oktaProviderOptionsSchema = z
  .strictObject({
    /** `https://your-org.okta.com` (no trailing path). */
    orgUrl: z.string().url(),
    /** SSWS API token for the management API (or use `serviceApp`). Never logged. */
    apiToken: z.string().min(1).optional(),
    serviceApp: serviceAppSchema.optional(),
    /** Client id of the OIDC app that signs users in (direct authentication grants). */
    clientId: z.string().min(1),
    /** Its secret (client_secret_basic). Omit for a public client. Never logged. */
    clientSecret: z.string().min(1).optional(),
    /** Custom authorization server id (`default` for the built-in custom server). */
    authorizationServerId: z.string().min(1).default('default'),
    /** `aud` of access tokens from that server (Okta's default server: `api://default`); several may be accepted. */
    audience: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).default('api://default'),
    /** Scopes requested at sign-in. `offline_access` is needed for refresh tokens. */
    scopes: z.array(z.string().min(1)).min(1).default(['openid', 'profile', 'email', 'offline_access']),
    /** Claim holding group names in tokens (an Okta "groups" claim must be configured on the server). */
    groupsClaim: z.string().min(1).default('groups'),
    /**
     * Plain `http://` org URLs are refused unless the host is a loopback address (a local
     * fake) or this is set: tokens and passwords must not cross the network in clear.
     */
    allowInsecureHttp: z.boolean().default(false),
    /** Factor provider used by `mfa.enrollTotp`: `GOOGLE` (any authenticator app) or `OKTA` (Okta Verify). */
    totpProvider: z.enum(['GOOGLE', 'OKTA']).default('GOOGLE'),
    /** Issuer label in the `otpauth://` URI shown to authenticator apps. */
    totpIssuer: z.string().min(1).default('Okta'),
    /**
     * The org's `/api/v1/users` budget per minute (Okta: 600 for most Workforce orgs, less on
     * free plans). `transfer.importUsers` paces itself at 90% of it.
     */
    usersRequestsPerMinute: z.number().int().min(1).max(100_000).default(600),
    /** Parallel requests of `transfer.importUsers`. */
    importConcurrency: z.number().int().min(1).max(64).default(8),
    /** How often the Okta SDK retries a 429 after `X-Rate-Limit-Reset`. */
    maxRetries: z.number().int().min(0).max(10).default(4),
    /** Timeout of one HTTP request in milliseconds (0: none). */
    requestTimeoutMs: z.number().int().min(0).max(600_000).default(30_000),
  })
  .refine((settings) => settings.apiToken !== undefined || settings.serviceApp !== undefined, {
    message: 'give apiToken or serviceApp for the management API',
    path: ['apiToken'],
  });

/** Validated settings (defaults applied). */
export type OktaProviderOptions = z.output<typeof oktaProviderOptionsSchema>;
/** Settings as callers write them (defaults optional). */
export type OktaProviderSettings = z.input<typeof oktaProviderOptionsSchema>;
