import { hkdfSync } from 'node:crypto';
import { AuthClient } from '@auth0/auth0-auth-js';
import {
  type AdapterContext,
  auth0TokenPreset,
  createRemoteKeyStore,
  createTokenVerifier,
  defineIdentityProvider,
  type IdentityAdapter,
  IdentityError,
  type IdentityProvider,
  type JsonWebKeySet,
  type KeySource,
  type KeyStore,
} from '@idport/core';
import { ManagementClient } from 'auth0';

import { createAuth0Auth } from './auth0-auth';
import { auth0Capabilities } from './auth0-capabilities';
import type { Auth0Context } from './auth0-context';
import { mapAuth0Error } from './auth0-errors';
import { createAuth0Groups } from './auth0-groups';
import { createAuth0Mfa } from './auth0-mfa';
import {
  type Auth0ProviderOptions,
  type Auth0ProviderSettings,
  auth0ProviderOptionsSchema,
} from './auth0-provider-options';
import { createAuth0Tokens } from './auth0-tokens';
import { createAuth0Transfer } from './auth0-transfer';
import { createAuth0Users } from './auth0-users';
import { type Auth0UserRecord, mapAuth0User } from './map-auth0-user';

/** How long fetched keys are used before the JWKS is read again (a custom fetch only). */
const jwksCacheMs = 10 * 60 * 1000;

/**
 * Where verification keys come from. In production: core's remote key store on
 * `https://{domain}/.well-known/jwks.json` (cache, cooldown on unknown `kid`, fail closed),
 * shared by the access- and ID-token verifiers. With a custom fetch (tests against the fake,
 * whose JWKS only that fetch reaches): read through it once, cached, read again when stale.
 */
function keySource(options: Auth0ProviderOptions, fetchImplementation: typeof fetch): KeySource | KeyStore {
  const jwksUri = `https://${options.domain}/.well-known/jwks.json`;
  if (!options.fetch) return createRemoteKeyStore({ jwksUri, provider: 'auth0' });
  let cached: { keys: JsonWebKeySet; at: number } | null = null;
  let pending: Promise<JsonWebKeySet> | null = null;
  return {
    jwks: async () => {
      if (cached && Date.now() - cached.at < jwksCacheMs) return cached.keys;
      pending ??= (async () => {
        try {
          const response = await fetchImplementation(jwksUri);
          if (!response.ok) throw new Error(`JWKS answered ${response.status}`);
          const keys = (await response.json()) as JsonWebKeySet;
          cached = { keys, at: Date.now() };
          return keys;
        } finally {
          pending = null;
        }
      })();
      return pending;
    },
  };
}

function build(options: Auth0ProviderOptions, adapterContext: AdapterContext): IdentityProvider {
  const fetchImplementation = options.fetch ?? globalThis.fetch;
  const management = new ManagementClient({
    domain: options.domain,
    clientId: options.management.clientId,
    clientSecret: options.management.clientSecret,
    maxRetries: options.managementMaxRetries,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const authentication = new AuthClient({
    domain: options.domain,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    ...(options.fetch ? { customFetch: options.fetch } : {}),
  });
  const keys = keySource(options, fetchImplementation);
  const roleClaims = options.rolesClaim ? [options.rolesClaim] : [];
  const context: Auth0Context = {
    options,
    management,
    authentication,
    fetch: fetchImplementation,
    accessTokens: createTokenVerifier(
      auth0TokenPreset({
        domain: options.domain,
        audience: options.audience,
        tokenUse: 'access',
        roleClaims,
        keys,
      }),
    ),
    idTokens: createTokenVerifier(
      auth0TokenPreset({
        domain: options.domain,
        clientId: options.clientId,
        tokenUse: 'id',
        roleClaims,
        keys,
      }),
    ),
    enrollmentKey: Buffer.from(
      hkdfSync(
        'sha256',
        options.management.clientSecret,
        options.domain,
        'idport auth0 pending totp enrollment',
        32,
      ),
    ),
    async getUser(userId) {
      try {
        return mapAuth0User((await management.users.get(userId)) as Auth0UserRecord);
      } catch (error) {
        throw mapAuth0Error(error, { code: 'USER_NOT_FOUND', message: 'The user does not exist' });
      }
    },
  };
  return defineIdentityProvider({
    provider: 'auth0',
    capabilities: auth0Capabilities,
    implementation: {
      auth: createAuth0Auth(context),
      mfa: createAuth0Mfa(context),
      users: createAuth0Users(context),
      groups: createAuth0Groups(context),
      tokens: createAuth0Tokens(context),
      transfer: createAuth0Transfer(context),
    },
    mapError: (error) => mapAuth0Error(error),
    ...(adapterContext.onEvent ? { onEvent: adapterContext.onEvent } : {}),
  });
}

function parseSettings(settings: unknown): Auth0ProviderOptions {
  const parsed = auth0ProviderOptionsSchema.safeParse(settings);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = `settings.${(issue?.path ?? []).map(String).join('.')}`;
  throw new IdentityError({
    code: 'CONFIGURATION_ERROR',
    provider: 'auth0',
    field,
    message: `invalid auth0 settings: ${field} ${issue?.message ?? 'is invalid'}`,
  });
}

/**
 * Creates the Auth0 provider on the official SDKs: `auth0` (ManagementClient) for users,
 * roles, factors and bulk jobs, `@auth0/auth0-auth-js` (AuthClient) for sign-in, MFA,
 * refresh and revocation.
 */
export function createAuth0Provider(
  settings: Auth0ProviderSettings,
  context: AdapterContext = {},
): IdentityProvider {
  return build(parseSettings(settings), context);
}

/** Lets `createIdentityProvider({ provider: 'auth0' })` load this package. */
export const identityAdapter: IdentityAdapter<Auth0ProviderOptions> = {
  provider: 'auth0',
  settingsSchema: auth0ProviderOptionsSchema,
  create: (settings, context) => build(settings, context),
};
