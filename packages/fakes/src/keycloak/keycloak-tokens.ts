import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { signJwt } from '../framework/signing-keys';
import type { KeycloakRealm, StoredClient, StoredUser, UserSession } from './keycloak-realm';

/** What a successful token request returns (Keycloak's AccessTokenResponse). */
export interface KeycloakTokenResponse {
  access_token: string;
  expires_in: number;
  refresh_expires_in: number;
  refresh_token?: string;
  token_type: 'Bearer';
  id_token?: string;
  'not-before-policy': number;
  session_state?: string;
  scope: string;
}

const accountRoles = ['manage-account', 'manage-account-links', 'view-profile'];

function profileClaims(user: StoredUser): Record<string, unknown> {
  const claims: Record<string, unknown> = { email_verified: user.emailVerified };
  const name = [user.firstName, user.lastName].filter(Boolean).join(' ');
  if (name) claims.name = name;
  claims.preferred_username = user.username;
  if (user.firstName) claims.given_name = user.firstName;
  if (user.lastName) claims.family_name = user.lastName;
  if (user.email) claims.email = user.email;
  return claims;
}

/** The claim of a client's Group Membership mapper (group names, full path off), if it has one. */
function groupsClaim(realm: KeycloakRealm, client: StoredClient, user: StoredUser): Record<string, string[]> {
  const claim = client.settings.groupMembershipClaim;
  if (!claim) return {};
  const names = [...user.groupIds]
    .map((id) => realm.groups.get(id)?.name)
    .filter((name) => name !== undefined);
  return { [claim]: names };
}

/** The claims of the userinfo endpoint for a user. */
export function userInfoClaims(user: StoredUser): Record<string, unknown> {
  return { sub: user.id, ...profileClaims(user) };
}

/** Scopes granted: Keycloak's default client scopes (`email profile`) plus requested known ones. */
export function grantedScope(requested: string | undefined): string {
  const scopes = new Set(['email', 'profile']);
  for (const scope of (requested ?? '').split(' ')) {
    if (scope === 'openid' || scope === 'offline_access') scopes.add(scope);
  }
  return [...scopes].sort().join(' ');
}

/** Signs the HS512 refresh token Keycloak issues (clients treat it as opaque). */
async function signRefreshToken(realm: KeycloakRealm, claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS512', typ: 'JWT', kid: `${realm.id}-hmac` })
    .sign(realm.refreshTokenKey);
}

/** Verifies a refresh token of the realm; returns its claims or null. Expiry is checked by the caller. */
export async function readRefreshToken(
  realm: KeycloakRealm,
  token: string,
  issuer: string,
): Promise<Record<string, unknown> | null> {
  try {
    const { payload } = await jwtVerify(token, realm.refreshTokenKey, {
      algorithms: ['HS512'],
      issuer,
      // Expiry is reported separately ("Token is not active"), so verify without it here.
      currentDate: new Date(0),
    });
    return payload.typ === 'Refresh' ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Issues access, refresh and (with `openid`) ID tokens for a user session, as Keycloak 26 shapes them. */
export async function issueUserTokens(options: {
  realm: KeycloakRealm;
  issuer: string;
  client: StoredClient;
  user: StoredUser;
  session: UserSession;
  scope: string;
}): Promise<KeycloakTokenResponse> {
  const { realm, issuer, client, user, session, scope } = options;
  const now = Math.floor(Date.now() / 1000);
  const lifespan = realm.settings.accessTokenLifespan ?? 300;
  const idle = realm.settings.ssoSessionIdleTimeout ?? 1800;
  const roles = realm.effectiveRoles(user.realmRoles);
  const accessToken = await signJwt(realm.signingKey, {
    exp: now + lifespan,
    iat: now,
    jti: `onrtro:${randomUUID()}`,
    iss: issuer,
    aud: 'account',
    sub: user.id,
    typ: 'Bearer',
    azp: client.settings.clientId,
    sid: session.id,
    acr: '1',
    'allowed-origins': ['/*'],
    realm_access: { roles },
    resource_access: { account: { roles: accountRoles } },
    scope,
    ...profileClaims(user),
    ...groupsClaim(realm, client, user),
  });
  const refreshJti = randomUUID();
  realm.refreshTokens.set(refreshJti, {
    sessionId: session.id,
    clientId: client.settings.clientId,
    uses: 0,
    revoked: false,
  });
  const refreshToken = await signRefreshToken(realm, {
    exp: now + idle,
    iat: now,
    jti: refreshJti,
    iss: issuer,
    aud: issuer,
    sub: user.id,
    typ: 'Refresh',
    azp: client.settings.clientId,
    sid: session.id,
    scope,
  });
  const response: KeycloakTokenResponse = {
    access_token: accessToken,
    expires_in: lifespan,
    refresh_expires_in: idle,
    refresh_token: refreshToken,
    token_type: 'Bearer',
    'not-before-policy': 0,
    session_state: session.id,
    scope,
  };
  if (scope.split(' ').includes('openid')) {
    response.id_token = await signJwt(realm.signingKey, {
      exp: now + lifespan,
      iat: now,
      auth_time: Math.floor(session.started / 1000),
      jti: randomUUID(),
      iss: issuer,
      aud: client.settings.clientId,
      sub: user.id,
      typ: 'ID',
      azp: client.settings.clientId,
      sid: session.id,
      acr: '1',
      ...profileClaims(user),
      ...groupsClaim(realm, client, user),
    });
    // Keycloak lists the scopes in the order of the client scopes; `openid` first.
    response.scope = ['openid', ...scope.split(' ').filter((item) => item !== 'openid')].join(' ');
  }
  return response;
}

/** Issues the client_credentials token of a service account (no refresh token, as Keycloak 26 by default). */
export async function issueServiceAccountToken(options: {
  realm: KeycloakRealm;
  issuer: string;
  client: StoredClient;
  user: StoredUser;
}): Promise<KeycloakTokenResponse> {
  const { realm, issuer, client, user } = options;
  const now = Math.floor(Date.now() / 1000);
  const lifespan = realm.settings.accessTokenLifespan ?? 300;
  const managementRoles = client.settings.serviceAccountRealmManagementRoles ?? [];
  const resourceAccess: Record<string, { roles: string[] }> = { account: { roles: accountRoles } };
  if (managementRoles.length > 0) resourceAccess['realm-management'] = { roles: [...managementRoles] };
  const accessToken = await signJwt(realm.signingKey, {
    exp: now + lifespan,
    iat: now,
    jti: `trrtcc:${randomUUID()}`,
    iss: issuer,
    aud: managementRoles.length > 0 ? ['realm-management', 'account'] : 'account',
    sub: user.id,
    typ: 'Bearer',
    azp: client.settings.clientId,
    acr: '1',
    'allowed-origins': ['/*'],
    realm_access: { roles: realm.effectiveRoles(user.realmRoles) },
    resource_access: resourceAccess,
    scope: 'email profile',
    email_verified: false,
    clientHost: '127.0.0.1',
    preferred_username: user.username,
    clientAddress: '127.0.0.1',
    client_id: client.settings.clientId,
  });
  return {
    access_token: accessToken,
    expires_in: lifespan,
    refresh_expires_in: 0,
    token_type: 'Bearer',
    'not-before-policy': 0,
    scope: 'email profile',
  };
}
