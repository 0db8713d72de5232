import { z } from 'zod';

/**
 * Settings of the Cognito adapter. AWS credentials are not settings: they come from the
 * standard AWS provider chain (environment, shared config, SSO, container or instance role),
 * so no secret key ever sits in an idport config file.
 */
export const cognitoProviderOptionsSchema = z.strictObject({
  /** AWS Region of the user pool, e.g. `eu-west-1`. */
  region: z.string().regex(/^[a-z0-9-]+$/, 'must be an AWS Region name such as eu-west-1'),
  /** User pool id, e.g. `eu-west-1_AbCdEf123` (cognito-local: `local_AbCd1234`). */
  userPoolId: z.string().regex(/^[\w-]+_[0-9a-zA-Z]+$/, 'must be a user pool id such as eu-west-1_AbCdEf123'),
  /** App client id. The client must allow the configured `authFlow` and refresh tokens. */
  clientId: z.string().regex(/^[\w+]+$/, 'must be an app client id'),
  /** App client secret, when the client has one: SECRET_HASH is computed from it. */
  clientSecret: z.string().min(1).optional(),
  /** Endpoint override: a cognito-local URL (`http://127.0.0.1:9229`) or a VPC endpoint. */
  endpoint: z.url().optional(),
  /**
   * What is behind the endpoint. Defaults to `cognito-local` when `endpoint` is set and
   * `aws` otherwise; the capability manifest and token verification follow it.
   */
  peer: z.enum(['aws', 'cognito-local']).optional(),
  /**
   * How the pool identifies users. `email`: the pool has email as its username attribute
   * (the recommended setup; Cognito's own username is then the `sub`). `username`: the pool
   * has plain usernames; idport creates users with the email as username.
   */
  usernameAttribute: z.enum(['email', 'username']).default('email'),
  /** Password flow used by `auth.signIn`. The admin flow needs IAM credentials. */
  authFlow: z.enum(['USER_PASSWORD_AUTH', 'ADMIN_USER_PASSWORD_AUTH']).default('USER_PASSWORD_AUTH'),
  /** Whether the app client rotates refresh tokens (declared in the capability manifest). */
  refreshTokenRotation: z.boolean().default(false),
  /** Attempts per AWS call, retries included (AWS SDK default 3). Tests use 1. */
  maxAttempts: z.number().int().min(1).max(10).optional(),
  /** Issuer label in TOTP enrollment URIs (shown by authenticator apps). Default `Cognito`. */
  totpIssuer: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[^:\p{Cc}]+$/u, 'must not contain colons or control characters')
    .optional(),
  /**
   * Token issuer override. Default: `https://cognito-idp.<region>.amazonaws.com/<poolId>`,
   * or `<endpoint origin>/<poolId>` for cognito-local.
   */
  issuer: z.url().optional(),
  /**
   * Verification keys to use instead of fetching the pool's JWKS, for hosts that cannot
   * reach it. Keys then come only from here: a token signed with any other key is refused.
   */
  jwks: z
    .strictObject({
      keys: z
        .array(z.looseObject({ kty: z.string().min(1), kid: z.string().min(1) }))
        .min(1)
        .max(20),
    })
    .optional(),
});

/** Settings accepted by {@link createCognitoProvider} (before defaults). */
export type CognitoProviderOptions = z.input<typeof cognitoProviderOptionsSchema>;

/** Settings after validation and defaults. */
export type ResolvedCognitoProviderOptions = z.output<typeof cognitoProviderOptionsSchema>;
