import {
  type AdapterContext,
  createRateLimiter,
  createRemoteKeyStore,
  createTokenVerifier,
  defineIdentityProvider,
  type IdentityAdapter,
  IdentityError,
  type IdentityProvider,
  oktaTokenPreset,
} from '@idport/core';
import { Client, DefaultRequestExecutor } from '@okta/okta-sdk-nodejs';
import { createOktaAuth } from './okta-auth';
import { oktaCapabilities } from './okta-capabilities';
import type { OktaContext } from './okta-context';
import { mapOktaError } from './okta-errors';
import { createOktaGroups } from './okta-groups';
import { createOktaMfa } from './okta-mfa';
import { OktaOAuthClient } from './okta-oauth-client';
import {
  type OktaProviderOptions,
  type OktaProviderSettings,
  oktaProviderOptionsSchema,
} from './okta-provider-options';
import { createOktaTokens } from './okta-tokens';
import { createOktaTransfer } from './okta-transfer';
import { createOktaUsers } from './okta-users';

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function configurationError(field: string, message: string): IdentityError {
  return new IdentityError({ code: 'CONFIGURATION_ERROR', provider: 'okta', field, message });
}

/** The management SDK client: response cache off (reads after writes must not be stale). */
function createManagementClient(options: OktaProviderOptions): Client {
  const requestExecutor = new DefaultRequestExecutor({
    maxRetries: options.maxRetries,
    requestTimeout: options.requestTimeoutMs,
  });
  const common = { orgUrl: options.orgUrl, cacheMiddleware: null, requestExecutor };
  if (options.apiToken !== undefined)
    return new Client({ ...common, token: options.apiToken, authorizationMode: 'SSWS' });
  const app = options.serviceApp as NonNullable<OktaProviderOptions['serviceApp']>;
  return new Client({
    ...common,
    authorizationMode: 'PrivateKey',
    clientId: app.clientId,
    scopes: app.scopes,
    privateKey: app.privateKey,
    ...(app.keyId === undefined ? {} : { keyId: app.keyId }),
  });
}

function build(options: OktaProviderOptions, context: AdapterContext): IdentityProvider {
  const url = new URL(options.orgUrl);
  if (
    url.protocol !== 'https:' &&
    !(url.protocol === 'http:' && (loopbackHosts.has(url.hostname) || options.allowInsecureHttp))
  ) {
    throw configurationError(
      'settings.orgUrl',
      'orgUrl must use https (http only for a loopback address or with allowInsecureHttp)',
    );
  }
  const oauth = new OktaOAuthClient(options);
  // One key store for both verifiers: one JWKS fetch, one unknown-kid cooldown.
  const keys = createRemoteKeyStore({ provider: 'okta', jwksUri: `${oauth.issuer}/v1/keys` });
  const preset = (tokenUse: 'access' | 'id') => ({
    ...oktaTokenPreset({
      issuer: oauth.issuer,
      audience: options.audience,
      clientId: options.clientId,
      tokenUse,
      keys,
    }),
    groupClaims: [options.groupsClaim],
  });
  const perSecond = (options.usersRequestsPerMinute * 0.9) / 60;
  const oktaContext: OktaContext = {
    options,
    client: createManagementClient(options),
    oauth,
    accessTokens: createTokenVerifier(preset('access')),
    idTokens: createTokenVerifier(preset('id')),
    // 90% of the budget with a one-second burst, so a fixed one-minute window never overflows.
    importLimiter: createRateLimiter({
      requests: Math.max(1, Math.floor(perSecond)),
      perSeconds: Math.max(1, Math.floor(perSecond)) / perSecond,
    }),
  };
  return defineIdentityProvider({
    provider: 'okta',
    capabilities: oktaCapabilities,
    implementation: {
      auth: createOktaAuth(oktaContext),
      mfa: createOktaMfa(oktaContext),
      users: createOktaUsers(oktaContext),
      groups: createOktaGroups(oktaContext),
      tokens: createOktaTokens(oktaContext),
      transfer: createOktaTransfer(oktaContext),
    },
    mapError: mapOktaError,
    ...(context.onEvent ? { onEvent: context.onEvent } : {}),
    close: async () => undefined,
  });
}

/**
 * Creates the Okta provider: management through @okta/okta-sdk-nodejs, sign-in through the
 * custom authorization server's direct-authentication grants. Invalid settings fail fast with
 * CONFIGURATION_ERROR naming the field (never its value).
 */
export function createOktaProvider(
  settings: OktaProviderSettings,
  context: AdapterContext = {},
): IdentityProvider {
  const parsed = oktaProviderOptionsSchema.safeParse(settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = `settings.${(issue?.path ?? []).map(String).join('.')}`;
    throw configurationError(field, `invalid okta settings: ${field} ${issue?.message ?? 'is invalid'}`);
  }
  return build(parsed.data, context);
}

/** Lets `createIdentityProvider({ provider: 'okta' })` load this package. */
export const identityAdapter: IdentityAdapter<OktaProviderOptions> = {
  provider: 'okta',
  settingsSchema: oktaProviderOptionsSchema,
  create: (settings, context) => build(settings, context),
};
