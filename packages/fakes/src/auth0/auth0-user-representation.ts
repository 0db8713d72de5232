import type { Auth0Role, Auth0Tenant, Auth0User } from './auth0-tenant';

/** A user as the Management API returns it (`UserResponseSchema`). Never carries a hash. */
export function toUserResponse(tenant: Auth0Tenant, user: Auth0User): Record<string, unknown> {
  const factors = tenant.activeFactors(user);
  const body: Record<string, unknown> = {
    user_id: user.userId,
    email: user.email,
    email_verified: user.emailVerified,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
    identities: [
      {
        connection: tenant.settings.connection.name,
        user_id: user.userId.slice(user.userId.indexOf('|') + 1),
        provider: 'auth0',
        isSocial: false,
      },
    ],
    app_metadata: user.appMetadata,
    user_metadata: user.userMetadata,
    picture: user.picture ?? 'https://s.gravatar.com/avatar/0?s=480&r=pg&d=mp',
    nickname: user.nickname ?? user.email.split('@')[0],
    logins_count: user.loginsCount,
    blocked: user.blocked,
  };
  if (user.name !== null) body.name = user.name;
  if (user.givenName !== null) body.given_name = user.givenName;
  if (user.familyName !== null) body.family_name = user.familyName;
  if (user.phoneNumber !== null) body.phone_number = user.phoneNumber;
  if (user.lastLogin !== null) body.last_login = user.lastLogin;
  if (factors.length > 0) body.multifactor = ['guardian'];
  return body;
}

/** Applies Auth0's `fields` / `include_fields` projection. */
export function projectFields(
  body: Record<string, unknown>,
  fields: string | null,
  includeFields: string | null,
): Record<string, unknown> {
  if (!fields) return body;
  const names = new Set(fields.split(',').map((name) => name.trim()));
  const include = includeFields !== 'false';
  return Object.fromEntries(Object.entries(body).filter(([key]) => names.has(key) === include));
}

export function toRoleResponse(role: Auth0Role): Record<string, unknown> {
  return {
    id: role.id,
    name: role.name,
    ...(role.description === null ? {} : { description: role.description }),
  };
}
