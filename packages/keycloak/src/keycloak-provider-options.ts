import { z } from 'zod';

const adminClientCredentials = z
  .object({
    /** A confidential client of the realm with a service account holding realm-management roles. */
    grantType: z.literal('client_credentials'),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
  })
  .strict();

const adminPassword = z
  .object({
    /** An administrator account; by default the `master` realm's `admin-cli` client. */
    grantType: z.literal('password'),
    username: z.string().min(1),
    password: z.string().min(1),
    clientId: z.string().min(1).default('admin-cli'),
    /** Realm of the administrator (default `master`). */
    realm: z.string().min(1).default('master'),
  })
  .strict();

/** Settings of the Keycloak adapter. Secrets are never echoed in validation errors. */
export const keycloakProviderOptionsSchema = z
  .object({
    /** Server URL without `/realms` (`https://sso.example.com`, or `https://host/auth` for old setups). */
    baseUrl: z.url({ protocol: /^https?$/ }),
    /** The realm users live in. */
    realm: z.string().min(1),
    /** The client users sign in through (Direct Access Grants enabled). */
    clientId: z.string().min(1),
    /** Its secret when the client is confidential; omit for a public client. */
    clientSecret: z.string().min(1).optional(),
    /** How the adapter authenticates to the Admin REST API. */
    admin: z.discriminatedUnion('grantType', [adminClientCredentials, adminPassword]),
    /**
     * Audience access tokens must carry, when an Audience mapper adds your API to them.
     * Without it, access tokens are accepted when `azp` is `clientId` (Keycloak's default
     * tokens carry `aud: account`, which says nothing about your app).
     */
    accessTokenAudience: z.string().min(1).optional(),
    /**
     * Must match the realm's "Revoke Refresh Token" setting: when on, a refresh returns a new
     * refresh token and the old one stops working.
     */
    refreshTokenRotation: z.boolean().default(false),
    /**
     * A `kc.sh export` file (or folder of `*-users-*.json` files). Keycloak's Admin REST API
     * never returns password hashes or OTP secrets; exports that need them read this instead.
     */
    realmExportPath: z.string().min(1).optional(),
    /**
     * 32-byte key (base64) sealing MFA and new-password challenges, so several instances can
     * complete each other's challenges. Default: a random key per provider instance.
     */
    challengeKey: z.string().min(1).optional(),
    /** Seconds an MFA or new-password challenge stays valid (default 300). */
    challengeTtlSeconds: z.number().int().min(30).max(3600).default(300),
    /** Request timeout in milliseconds (default 10000). */
    timeoutMs: z.number().int().positive().default(10_000),
  })
  .strict();

/** Input settings (defaults optional). */
export type KeycloakProviderSettings = z.input<typeof keycloakProviderOptionsSchema>;
/** Settings after validation, defaults applied. */
export type KeycloakProviderOptions = z.output<typeof keycloakProviderOptionsSchema>;
