import { randomUUID, timingSafeEqual } from 'node:crypto';
import { jwtVerify } from 'jose';
import { empty, type FakeRequest, type FakeRoute, json } from '../framework/fake-http';
import { toJwks } from '../framework/signing-keys';
import type { KeycloakAdminContext } from './keycloak-admin-routes';
import { keycloakErrors } from './keycloak-error-bodies';
import { verifyPassword } from './keycloak-passwords';
import type { KeycloakRealm, StoredClient, StoredUser } from './keycloak-realm';
import {
  grantedScope,
  issueServiceAccountToken,
  issueUserTokens,
  readRefreshToken,
  userInfoClaims,
} from './keycloak-tokens';
import { decodeBase32, verifyTotp } from './keycloak-totp';

const invalidCredentials = () => keycloakErrors.oauth(401, 'invalid_grant', 'Invalid user credentials');

function form(request: FakeRequest): Record<string, string> {
  return typeof request.body === 'object' && request.body !== null
    ? (request.body as Record<string, string>)
    : {};
}

function safeEqual(left: string, right: string): boolean {
  const a = Buffer.from(left);
  const b = Buffer.from(right);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Reads the OTP key of a Keycloak OTP credential (`secretEncoding` BASE32 or the raw UTF-8 secret). */
function otpKey(secretData: string, credentialData: Record<string, unknown>): Buffer | null {
  try {
    const value = (JSON.parse(secretData) as { value?: unknown }).value;
    if (typeof value !== 'string') return null;
    return credentialData.secretEncoding === 'BASE32' ? decodeBase32(value) : Buffer.from(value, 'utf8');
  } catch {
    return null;
  }
}

/** OIDC endpoints of the Keycloak fake (`/realms/{realm}/protocol/openid-connect/*` and discovery). */
export function keycloakOidcRoutes(context: KeycloakAdminContext): FakeRoute[] {
  const base = '/realms/{realm}/protocol/openid-connect';

  const realmOf = (request: FakeRequest): KeycloakRealm => {
    const realm = context.realm(request.params.realm ?? '');
    if (!realm || realm.settings.enabled === false)
      throw keycloakErrors.oauth(404, 'Realm does not exist', 'Realm does not exist');
    return realm;
  };

  /** Client authentication: HTTP Basic (RFC 6749 §2.3.1) or `client_id`/`client_secret` in the form. */
  const authenticateClient = (realm: KeycloakRealm, request: FakeRequest): StoredClient => {
    const body = form(request);
    let clientId = body.client_id;
    let secret = body.client_secret;
    const header = request.headers.authorization;
    if (header?.startsWith('Basic ')) {
      const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
      const separator = decoded.indexOf(':');
      const decode = (text: string) => decodeURIComponent(text.replaceAll('+', ' '));
      clientId = decode(decoded.slice(0, separator));
      secret = decode(decoded.slice(separator + 1));
    }
    if (!clientId)
      throw keycloakErrors.oauth(401, 'unauthorized_client', 'Invalid client or Invalid client credentials');
    const client = realm.clients.get(clientId);
    if (!client)
      throw keycloakErrors.oauth(401, 'invalid_client', 'Invalid client or Invalid client credentials');
    if (!client.settings.publicClient) {
      if (!secret || !client.settings.secret || !safeEqual(secret, client.settings.secret)) {
        throw keycloakErrors.oauth(
          401,
          'unauthorized_client',
          'Invalid client or Invalid client credentials',
        );
      }
    }
    return client;
  };

  const recordFailure = (realm: KeycloakRealm, user: StoredUser) => {
    if (!realm.settings.bruteForceProtected) return;
    const now = Date.now();
    const failures = realm.loginFailures.get(user.id) ?? {
      numFailures: 0,
      lastFailure: 0,
      lastIPFailure: '127.0.0.1',
      lockedUntil: 0,
    };
    failures.numFailures += 1;
    failures.lastFailure = now;
    const factor = realm.settings.failureFactor ?? 30;
    if (failures.numFailures >= factor) {
      if (realm.settings.permanentLockout) {
        user.enabled = false;
      } else {
        const wait = Math.min(
          (realm.settings.waitIncrementSeconds ?? 60) * Math.floor(failures.numFailures / factor),
          realm.settings.maxFailureWaitSeconds ?? 900,
        );
        failures.lockedUntil = now + wait * 1000;
      }
    }
    realm.loginFailures.set(user.id, failures);
  };

  const passwordGrant = async (realm: KeycloakRealm, client: StoredClient, request: FakeRequest) => {
    const body = form(request);
    if (!client.settings.directAccessGrantsEnabled) {
      throw keycloakErrors.oauth(400, 'unauthorized_client', 'Client not allowed for direct access grants');
    }
    const username = body.username;
    if (!username) throw keycloakErrors.oauth(401, 'invalid_request', 'Missing parameter: username');
    let user = realm.findByUsername(username);
    if (!user && realm.settings.loginWithEmailAllowed !== false && username.includes('@')) {
      user = realm.findByEmail(username);
    }
    if (!user || user.serviceAccountClientId) throw invalidCredentials();
    if (!user.enabled) throw keycloakErrors.oauth(400, 'invalid_grant', 'Account disabled');
    const failures = realm.loginFailures.get(user.id);
    if (realm.settings.bruteForceProtected && failures && failures.lockedUntil > Date.now()) {
      // Keycloak answers a locked account with 400 (not 401) and the same description.
      throw keycloakErrors.oauth(400, 'invalid_grant', 'Invalid user credentials');
    }
    const password = user.credentials.find((credential) => credential.type === 'password');
    if (!password || !body.password || !(await verifyPassword(body.password, password))) {
      recordFailure(realm, user);
      throw invalidCredentials();
    }
    const otpCredentials = user.credentials.filter((credential) => credential.type === 'otp');
    if (otpCredentials.length > 0) {
      const code = body.totp ?? body.otp ?? '';
      const lookAround = realm.settings.otpPolicyLookAheadWindow ?? 1;
      const accepted = otpCredentials.some((credential) => {
        let data: Record<string, unknown> = {};
        try {
          data = JSON.parse(credential.credentialData) as Record<string, unknown>;
        } catch {
          return false;
        }
        const key = otpKey(credential.secretData, data);
        if (!key || data.subType === 'hotp') return false;
        const step = verifyTotp(
          key,
          code,
          {
            digits: Number(data.digits ?? 6),
            period: Number(data.period ?? 30),
            algorithm: String(data.algorithm ?? 'HmacSHA1'),
          },
          lookAround,
        );
        if (step === null) return false;
        // Keycloak refuses a code of a step already used unless the realm allows reuse.
        const last = realm.usedOtpSteps.get(credential.id);
        if (!realm.settings.otpPolicyCodeReusable && last !== undefined && step <= last) return false;
        realm.usedOtpSteps.set(credential.id, step);
        return true;
      });
      if (!accepted) {
        if (code) recordFailure(realm, user);
        throw invalidCredentials();
      }
    }
    if (user.requiredActions.length > 0) {
      throw keycloakErrors.oauth(400, 'invalid_grant', 'Account is not fully set up');
    }
    realm.loginFailures.delete(user.id);
    const now = Date.now();
    const session = {
      id: randomUUID(),
      userId: user.id,
      started: now,
      lastAccess: now,
      clients: new Set([client.settings.clientId]),
      ipAddress: request.headers['x-forwarded-for']?.toString() ?? '127.0.0.1',
    };
    realm.sessions.set(session.id, session);
    return issueUserTokens({
      realm,
      issuer: context.issuer(request, realm.name),
      client,
      user,
      session,
      scope: grantedScope(body.scope),
    });
  };

  const refreshGrant = async (realm: KeycloakRealm, client: StoredClient, request: FakeRequest) => {
    const body = form(request);
    if (!body.refresh_token)
      throw keycloakErrors.oauth(400, 'invalid_request', 'Missing parameter: refresh_token');
    const issuer = context.issuer(request, realm.name);
    const claims = await readRefreshToken(realm, body.refresh_token, issuer);
    if (!claims) throw keycloakErrors.oauth(400, 'invalid_grant', 'Invalid refresh token');
    if (Number(claims.exp) * 1000 < Date.now())
      throw keycloakErrors.oauth(400, 'invalid_grant', 'Token is not active');
    if (claims.azp !== client.settings.clientId) {
      throw keycloakErrors.oauth(
        400,
        'invalid_grant',
        "Invalid refresh token. Token client and authorized client don't match",
      );
    }
    const record = realm.refreshTokens.get(String(claims.jti));
    const session = realm.sessions.get(String(claims.sid));
    if (!record || record.revoked || !session)
      throw keycloakErrors.oauth(400, 'invalid_grant', 'Session not active');
    const user = realm.users.get(session.userId);
    if (!user) throw keycloakErrors.oauth(400, 'invalid_grant', 'Session not active');
    if (!user.enabled) throw keycloakErrors.oauth(400, 'invalid_grant', 'User disabled');
    const idle = (realm.settings.ssoSessionIdleTimeout ?? 1800) * 1000;
    if (Date.now() - session.lastAccess > idle) {
      realm.endSession(session.id);
      throw keycloakErrors.oauth(400, 'invalid_grant', 'Session not active');
    }
    // Keycloak always issues a new refresh token; with rotation on, a spent one stops working.
    if (realm.settings.revokeRefreshToken && record.uses > (realm.settings.refreshTokenMaxReuse ?? 0)) {
      throw keycloakErrors.oauth(400, 'invalid_grant', 'Maximum allowed refresh token reuse exceeded');
    }
    record.uses += 1;
    session.lastAccess = Date.now();
    return issueUserTokens({
      realm,
      issuer,
      client,
      user,
      session,
      scope: String(claims.scope ?? 'email profile'),
    });
  };

  const clientCredentialsGrant = async (realm: KeycloakRealm, client: StoredClient, request: FakeRequest) => {
    if (client.settings.publicClient) {
      throw keycloakErrors.oauth(
        400,
        'unauthorized_client',
        'Public client not allowed to retrieve service account',
      );
    }
    const user = client.serviceAccountUserId ? realm.users.get(client.serviceAccountUserId) : undefined;
    if (!client.settings.serviceAccountsEnabled || !user) {
      throw keycloakErrors.oauth(
        400,
        'unauthorized_client',
        'Client not enabled to retrieve service account',
      );
    }
    return issueServiceAccountToken({ realm, issuer: context.issuer(request, realm.name), client, user });
  };

  /** Verifies a bearer access token of the realm for userinfo; null when it is not valid. */
  const readAccessToken = async (realm: KeycloakRealm, request: FakeRequest, token: string) => {
    try {
      const { payload } = await jwtVerify(token, realm.signingKey.publicKey, {
        issuer: context.issuer(request, realm.name),
        algorithms: ['RS256'],
      });
      if (payload.typ !== 'Bearer' || realm.revokedAccessTokens.has(String(payload.jti))) return null;
      return payload as Record<string, unknown>;
    } catch {
      return null;
    }
  };

  const userInfo = async (request: FakeRequest) => {
    const realm = realmOf(request);
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : form(request).access_token;
    const challenge = (description: string) => ({
      'www-authenticate': `Bearer realm="${realm.name}", error="invalid_token", error_description="${description}"`,
    });
    if (!token) {
      throw keycloakErrors.oauth(401, 'invalid_request', 'Token not provided', {
        'www-authenticate': `Bearer realm="${realm.name}", error="invalid_request", error_description="Token not provided"`,
      });
    }
    const claims = await readAccessToken(realm, request, token);
    if (!claims)
      throw keycloakErrors.oauth(
        401,
        'invalid_token',
        'Token verification failed',
        challenge('Token verification failed'),
      );
    const session = claims.sid ? realm.sessions.get(String(claims.sid)) : undefined;
    const user = realm.users.get(String(claims.sub));
    if (!session || !user) {
      throw keycloakErrors.oauth(
        401,
        'invalid_token',
        "User session not found or doesn't have client attached on it",
        challenge("User session not found or doesn't have client attached on it"),
      );
    }
    return json(200, userInfoClaims(user));
  };

  return [
    {
      method: 'POST',
      path: `${base}/token`,
      handler: async (request) => {
        const realm = realmOf(request);
        const body = form(request);
        const grantType = body.grant_type;
        if (!grantType)
          throw keycloakErrors.oauth(400, 'invalid_request', 'Missing form parameter: grant_type');
        const client = authenticateClient(realm, request);
        switch (grantType) {
          case 'password':
            return json(200, await passwordGrant(realm, client, request), { 'cache-control': 'no-store' });
          case 'refresh_token':
            return json(200, await refreshGrant(realm, client, request), { 'cache-control': 'no-store' });
          case 'client_credentials':
            return json(200, await clientCredentialsGrant(realm, client, request), {
              'cache-control': 'no-store',
            });
          default:
            throw keycloakErrors.oauth(400, 'unsupported_grant_type', 'Unsupported grant_type');
        }
      },
    },
    {
      method: 'POST',
      path: `${base}/revoke`,
      handler: async (request) => {
        const realm = realmOf(request);
        const client = authenticateClient(realm, request);
        const token = form(request).token;
        if (!token) throw keycloakErrors.oauth(400, 'invalid_request', 'Token not provided');
        const issuer = context.issuer(request, realm.name);
        const refresh = await readRefreshToken(realm, token, issuer);
        if (refresh) {
          if (refresh.azp !== client.settings.clientId) {
            throw keycloakErrors.oauth(400, 'invalid_token', 'Token was issued to a different client');
          }
          // Revoking a refresh token removes the client from the session; with one client, the session ends.
          realm.endSession(String(refresh.sid));
          return empty(200);
        }
        const access = await readAccessToken(realm, request, token);
        if (access) realm.revokedAccessTokens.add(String(access.jti));
        // RFC 7009 §2.2: an invalid token is not an error.
        return empty(200);
      },
    },
    {
      method: 'POST',
      path: `${base}/logout`,
      handler: async (request) => {
        const realm = realmOf(request);
        const client = authenticateClient(realm, request);
        const token = form(request).refresh_token;
        if (!token) throw keycloakErrors.oauth(400, 'invalid_request', 'No refresh token');
        const claims = await readRefreshToken(realm, token, context.issuer(request, realm.name));
        if (!claims || claims.azp !== client.settings.clientId) {
          throw keycloakErrors.oauth(400, 'invalid_grant', 'Invalid refresh token');
        }
        realm.endSession(String(claims.sid));
        return empty(204);
      },
    },
    { method: 'GET', path: `${base}/userinfo`, handler: userInfo },
    { method: 'POST', path: `${base}/userinfo`, handler: userInfo },
    {
      method: 'GET',
      path: `${base}/certs`,
      handler: (request) => json(200, toJwks([realmOf(request).signingKey])),
    },
    {
      method: 'GET',
      path: '/realms/{realm}/.well-known/openid-configuration',
      handler: (request) => {
        const realm = realmOf(request);
        const issuer = context.issuer(request, realm.name);
        const endpoint = (name: string) => `${issuer}/protocol/openid-connect/${name}`;
        return json(200, {
          issuer,
          authorization_endpoint: endpoint('auth'),
          token_endpoint: endpoint('token'),
          introspection_endpoint: endpoint('token/introspect'),
          userinfo_endpoint: endpoint('userinfo'),
          end_session_endpoint: endpoint('logout'),
          jwks_uri: endpoint('certs'),
          revocation_endpoint: endpoint('revoke'),
          grant_types_supported: [
            'authorization_code',
            'client_credentials',
            'implicit',
            'password',
            'refresh_token',
          ],
          response_types_supported: [
            'code',
            'none',
            'id_token',
            'token',
            'id_token token',
            'code id_token',
            'code token',
            'code id_token token',
          ],
          subject_types_supported: ['public', 'pairwise'],
          id_token_signing_alg_values_supported: ['RS256'],
          userinfo_signing_alg_values_supported: ['RS256', 'none'],
          token_endpoint_auth_methods_supported: [
            'private_key_jwt',
            'client_secret_basic',
            'client_secret_post',
            'tls_client_auth',
            'client_secret_jwt',
          ],
          revocation_endpoint_auth_methods_supported: [
            'private_key_jwt',
            'client_secret_basic',
            'client_secret_post',
            'tls_client_auth',
            'client_secret_jwt',
          ],
          scopes_supported: [
            'openid',
            'email',
            'profile',
            'offline_access',
            'roles',
            'web-origins',
            'acr',
            'basic',
          ],
          claims_supported: [
            'aud',
            'sub',
            'iss',
            'auth_time',
            'name',
            'given_name',
            'family_name',
            'preferred_username',
            'email',
            'acr',
          ],
          code_challenge_methods_supported: ['plain', 'S256'],
          backchannel_logout_supported: true,
        });
      },
    },
  ];
}
