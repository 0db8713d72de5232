import type KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import type UserRepresentation from '@keycloak/keycloak-admin-client/lib/defs/userRepresentation.js';
import { ChallengeSealer } from './keycloak-challenge';
import { type KeycloakErrorContext, mapKeycloakError } from './keycloak-errors';
import type { KeycloakProviderOptions } from './keycloak-provider-options';
import { KeycloakHttpError, KeycloakTokenClient } from './keycloak-token-client';

/** What every operation group of the adapter shares. */
export interface KeycloakContext {
  readonly options: KeycloakProviderOptions;
  readonly tokens: KeycloakTokenClient;
  readonly challenges: ChallengeSealer;
  /** Runs an admin call with the real admin client; failures leave as IdentityError. */
  admin<T>(context: KeycloakErrorContext, call: (client: KeycloakAdminClient) => Promise<T>): Promise<T>;
  /** The user representation by id; USER_NOT_FOUND when absent. */
  getUser(userId: string): Promise<UserRepresentation>;
  close(): void;
}

/**
 * Fetches and caches the admin API token itself (client_credentials or password grant), and
 * hands it to the admin client through `registerTokenProvider`, so expiry is handled in one
 * place whichever grant is configured.
 */
function adminTokenProvider(options: KeycloakProviderOptions) {
  const admin = options.admin;
  const realm = admin.grantType === 'password' ? admin.realm : options.realm;
  const client = new KeycloakTokenClient({
    baseUrl: options.baseUrl,
    realm,
    clientId: admin.clientId,
    ...(admin.grantType === 'client_credentials' ? { clientSecret: admin.clientSecret } : {}),
    timeoutMs: options.timeoutMs,
  });
  let cached: { token: string; expiresAt: number } | null = null;
  let pending: Promise<string> | null = null;
  const fetchToken = async () => {
    const response =
      admin.grantType === 'client_credentials'
        ? await client.clientCredentials()
        : await client.password({ username: admin.username, password: admin.password, scope: 'openid' });
    // Renew 30 s early so a token never expires in flight.
    cached = { token: response.access_token, expiresAt: Date.now() + (response.expires_in - 30) * 1000 };
    return response.access_token;
  };
  return {
    async getAccessToken(): Promise<string> {
      if (cached && cached.expiresAt > Date.now()) return cached.token;
      // Concurrent calls share one token request.
      pending ??= fetchToken().finally(() => {
        pending = null;
      });
      return pending;
    },
  };
}

/** Builds the shared context. The admin client (ESM-only) is loaded on first use. */
export function createKeycloakContext(options: KeycloakProviderOptions): KeycloakContext {
  const tokens = new KeycloakTokenClient({
    baseUrl: options.baseUrl,
    realm: options.realm,
    clientId: options.clientId,
    ...(options.clientSecret === undefined ? {} : { clientSecret: options.clientSecret }),
    timeoutMs: options.timeoutMs,
  });
  const challenges = new ChallengeSealer({
    ttlSeconds: options.challengeTtlSeconds,
    ...(options.challengeKey === undefined ? {} : { key: options.challengeKey }),
  });
  let clientPromise: Promise<KeycloakAdminClient> | null = null;
  const tokenProvider = adminTokenProvider(options);
  const loadClient = async () => {
    const module = await import('@keycloak/keycloak-admin-client');
    const Client = module.default;
    const client = new Client({
      baseUrl: options.baseUrl.replace(/\/$/, ''),
      realmName: options.realm,
      timeout: options.timeoutMs,
    });
    client.registerTokenProvider(tokenProvider);
    return client;
  };

  const admin: KeycloakContext['admin'] = async (context, call) => {
    clientPromise ??= loadClient();
    const client = await clientPromise;
    try {
      return await call(client);
    } catch (error) {
      throw mapKeycloakError(error, context);
    }
  };

  return {
    options,
    tokens,
    challenges,
    admin,
    async getUser(userId) {
      const user = await admin('user', (client) => client.users.findOne({ id: userId }));
      if (!user)
        throw mapKeycloakError(
          new KeycloakHttpError({ status: 404, body: { error: 'User not found' }, retryAfter: null }),
          'user',
        );
      return user;
    },
    close() {
      clientPromise = null;
    },
  };
}
