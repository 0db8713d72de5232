import { jwtVerify } from 'jose';
import type { FakeRequest } from '../framework/fake-http';
import { signJwt } from '../framework/signing-keys';
import type { Auth0Tenant, Auth0User } from './auth0-tenant';

/** Lifetime of ID tokens (Auth0 default: 36000 s). */
const idTokenLifetime = 36_000;

/** The claims of a verified Auth0 access token. */
export interface AccessTokenClaims {
  readonly sub: string;
  readonly aud: string | string[];
  readonly scope?: string;
  readonly azp?: string;
  readonly [claim: string]: unknown;
}

/** Issues the access token (and ID token when `openid` was asked) for a user, as Auth0 shapes them. */
export async function issueUserTokens(
  tenant: Auth0Tenant,
  user: Auth0User,
  fields: { clientId: string; scope: string; audience: string; grantType: string },
): Promise<{ accessToken: string; idToken: string | null; expiresIn: number }> {
  const now = Math.floor(Date.now() / 1000);
  const scopes = fields.scope.split(' ').filter(Boolean);
  const audience = scopes.includes('openid')
    ? [fields.audience, `${tenant.issuer}userinfo`]
    : fields.audience;
  const expiresIn = tenant.settings.accessTokenLifetime;
  const roleNames = [...user.roles]
    .map((id) => tenant.roles.get(id)?.name)
    .filter((name) => name !== undefined);
  const accessToken = await signJwt(tenant.signingKey, {
    iss: tenant.issuer,
    sub: user.userId,
    aud: audience,
    iat: now,
    exp: now + expiresIn,
    scope: fields.scope,
    gty: fields.grantType === 'password' ? 'password' : undefined,
    azp: fields.clientId,
    ...(tenant.settings.rolesClaim ? { [tenant.settings.rolesClaim]: roleNames } : {}),
  });
  let idToken: string | null = null;
  if (scopes.includes('openid')) {
    const profile = scopes.includes('profile');
    const email = scopes.includes('email');
    idToken = await signJwt(tenant.signingKey, {
      iss: tenant.issuer,
      sub: user.userId,
      aud: fields.clientId,
      iat: now,
      exp: now + idTokenLifetime,
      ...(profile
        ? {
            nickname: user.nickname ?? user.email.split('@')[0],
            name: user.name ?? user.email,
            picture: user.picture ?? 'https://s.gravatar.com/avatar/0?s=480&r=pg&d=mp',
            updated_at: user.updatedAt,
            ...(user.givenName ? { given_name: user.givenName } : {}),
            ...(user.familyName ? { family_name: user.familyName } : {}),
          }
        : {}),
      ...(email ? { email: user.email, email_verified: user.emailVerified } : {}),
    });
  }
  return { accessToken, idToken, expiresIn };
}

/** Issues a machine-to-machine access token (client credentials grant). */
export async function issueClientToken(
  tenant: Auth0Tenant,
  fields: { clientId: string; audience: string; scope: string },
): Promise<{ accessToken: string; expiresIn: number }> {
  const now = Math.floor(Date.now() / 1000);
  const expiresIn = tenant.settings.accessTokenLifetime;
  const accessToken = await signJwt(tenant.signingKey, {
    iss: tenant.issuer,
    sub: `${fields.clientId}@clients`,
    aud: fields.audience,
    iat: now,
    exp: now + expiresIn,
    scope: fields.scope,
    gty: 'client-credentials',
    azp: fields.clientId,
  });
  return { accessToken, expiresIn };
}

/** The bearer token of a request, or null. */
export function bearerToken(request: FakeRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(.+)$/i.exec(header);
  return match ? (match[1] as string) : null;
}

/** Verifies an access token the tenant issued for `audience`; null when it is not valid. */
export async function verifyAccessToken(
  tenant: Auth0Tenant,
  token: string,
  audience: string,
): Promise<AccessTokenClaims | null> {
  try {
    const { payload } = await jwtVerify(token, tenant.signingKey.publicKey, {
      issuer: tenant.issuer,
      audience,
      algorithms: ['RS256'],
    });
    return payload as unknown as AccessTokenClaims;
  } catch {
    return null;
  }
}
