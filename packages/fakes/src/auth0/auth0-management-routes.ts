import { randomBytes } from 'node:crypto';
import { type FakeRequest, type FakeRoute, json } from '../framework/fake-http';
import { managementError } from './auth0-error-bodies';
import { hashBcrypt } from './auth0-password-hashes';
import { type Auth0Authenticator, type Auth0Tenant, type Auth0User, newRecoveryCode } from './auth0-tenant';
import { bearerToken, verifyAccessToken } from './auth0-tokens';
import { projectFields, toRoleResponse, toUserResponse } from './auth0-user-representation';
import { parseUserQuery, sortUsers } from './auth0-user-search';

/** Auth0's search results stop at 1000 (page × per_page). */
export const userSearchCap = 1000;

/** What the Management API routes need from the fake. */
export interface Auth0ManagementContext {
  tenant(): Auth0Tenant;
}

/** Auth0's "fair" password policy: a minimum length and three of four character classes. */
export function passwordTooWeak(tenant: Auth0Tenant, password: string): boolean {
  if (password.length < tenant.settings.passwordMinLength) return true;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(password)).length;
  return classes < 3;
}

/** Checks the Management API token and one of the scopes; returns the tenant. */
export async function authorize(context: { tenant(): Auth0Tenant }, request: FakeRequest, scopes: string[]) {
  const tenant = context.tenant();
  const token = bearerToken(request);
  if (!token) managementError(401, 'Missing authentication', 'missing_authentication');
  const claims = await verifyAccessToken(tenant, token, tenant.managementAudience);
  if (!claims) managementError(401, 'Invalid token', 'invalid_token');
  const granted = new Set(String(claims.scope ?? '').split(' '));
  if (!scopes.some((scope) => granted.has(scope))) {
    managementError(403, `Insufficient scope, expected any of: ${scopes.join(',')}`, 'insufficient_scope');
  }
  return tenant;
}

function requireUser(tenant: Auth0Tenant, id: string | undefined): Auth0User {
  const user = id ? tenant.users.get(id) : undefined;
  if (!user) managementError(404, 'The user does not exist.', 'inexistent_user');
  return user;
}

function integer(value: string | null, fallback: number): number {
  if (value === null) return fallback;
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed >= 0 ? parsed : fallback;
}

/** Offset pagination as the Management API does it: `page` (0-based), `per_page`, `include_totals`. */
function paginate<T>(request: FakeRequest, items: T[], key: string, defaultPerPage = 50) {
  const page = integer(request.query.get('page'), 0);
  const perPage = Math.min(integer(request.query.get('per_page'), defaultPerPage), 100);
  const start = page * perPage;
  const slice = items.slice(start, start + perPage);
  if (request.query.get('include_totals') === 'true') {
    return { start, limit: perPage, total: items.length, [key]: slice, slice };
  }
  return { slice };
}

function merge(target: Record<string, unknown>, patch: unknown): Record<string, unknown> {
  // Auth0 merges metadata at the top level; a null value removes the key.
  if (typeof patch !== 'object' || patch === null) return target;
  const result = { ...target };
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value === null) delete result[key];
    else result[key] = value;
  }
  return result;
}

function authenticationMethod(authenticator: Auth0Authenticator): Record<string, unknown> {
  return {
    id: authenticator.id,
    type: authenticator.type,
    confirmed: authenticator.confirmed,
    ...(authenticator.name ? { name: authenticator.name } : {}),
    ...(authenticator.type === 'phone' ? { phone_number: authenticator.secret } : {}),
    ...(authenticator.type === 'email' ? { email: authenticator.secret } : {}),
    created_at: authenticator.createdAt,
    ...(authenticator.enrolledAt ? { enrolled_at: authenticator.enrolledAt } : {}),
  };
}

/** The Management API v2 routes for users, roles and authentication methods (paths under `/api/v2`). */
export function auth0ManagementRoutes(context: Auth0ManagementContext): FakeRoute[] {
  const api = '/api/v2';
  return [
    {
      method: 'POST',
      path: `${api}/users`,
      handler: async (request) => {
        const tenant = await authorize(context, request, ['create:users']);
        const body = (request.body ?? {}) as Record<string, unknown>;
        if (body.connection !== tenant.settings.connection.name) {
          managementError(400, 'The connection does not exist.', 'inexistent_connection');
        }
        if (typeof body.email !== 'string') {
          managementError(
            400,
            "Payload validation error: 'Missing required property: email'.",
            'invalid_body',
          );
        }
        if (typeof body.password !== 'string') {
          managementError(
            400,
            "Payload validation error: 'Missing required property: password'.",
            'invalid_body',
          );
        }
        if (tenant.findByEmail(body.email))
          managementError(409, 'The user already exists.', 'auth0_idp_error');
        if (passwordTooWeak(tenant, body.password)) {
          managementError(400, 'PasswordStrengthError: Password is too weak', 'invalid_body');
        }
        const userId =
          typeof body.user_id === 'string' && body.user_id ? `auth0|${body.user_id}` : tenant.newUserId();
        if (tenant.users.has(userId)) managementError(409, 'The user already exists.', 'auth0_idp_error');
        const user = tenant.newUser(userId, body.email);
        user.password = await hashBcrypt(body.password, tenant.settings.bcryptCost);
        applyProfile(user, body);
        // Auth0 fills `name` with the email when none is given.
        user.name ??= user.email;
        tenant.users.set(user.userId, user);
        return json(201, toUserResponse(tenant, user));
      },
    },
    {
      method: 'GET',
      path: `${api}/users`,
      handler: async (request) => {
        const tenant = await authorize(context, request, ['read:users']);
        const query = request.query.get('q');
        const matches = query
          ? [...tenant.users.values()].filter(parseUserQuery(query))
          : [...tenant.users.values()];
        const sorted = sortUsers(matches, request.query.get('sort'));
        const page = integer(request.query.get('page'), 0);
        const perPage = Math.min(integer(request.query.get('per_page'), 50), 100);
        if ((page + 1) * perPage > userSearchCap) {
          managementError(
            400,
            `You can only page through the first ${userSearchCap} records.`,
            'invalid_paging',
          );
        }
        const fields = request.query.get('fields');
        const includeFields = request.query.get('include_fields');
        const project = (user: Auth0User) =>
          projectFields(toUserResponse(tenant, user), fields, includeFields);
        const result = paginate(request, sorted.slice(0, userSearchCap), 'users');
        if ('start' in result) {
          return json(200, {
            start: result.start,
            limit: result.limit,
            length: result.slice.length,
            total: Math.min(matches.length, userSearchCap),
            users: result.slice.map(project),
          });
        }
        return json(200, result.slice.map(project));
      },
    },
    {
      method: 'GET',
      path: `${api}/users-by-email`,
      handler: async (request) => {
        const tenant = await authorize(context, request, ['read:users']);
        const email = request.query.get('email');
        if (!email)
          managementError(
            400,
            "Query validation error: 'Missing required property: email'.",
            'invalid_query_string',
          );
        const user = tenant.findByEmail(email);
        return json(200, user ? [toUserResponse(tenant, user)] : []);
      },
    },
    {
      method: 'GET',
      path: `${api}/users/{id}`,
      handler: async (request) => {
        const tenant = await authorize(context, request, ['read:users']);
        const user = requireUser(tenant, request.params.id);
        return json(
          200,
          projectFields(
            toUserResponse(tenant, user),
            request.query.get('fields'),
            request.query.get('include_fields'),
          ),
        );
      },
    },
    {
      method: 'PATCH',
      path: `${api}/users/{id}`,
      handler: async (request) => {
        const tenant = await authorize(context, request, ['update:users']);
        const user = requireUser(tenant, request.params.id);
        const body = (request.body ?? {}) as Record<string, unknown>;
        if (typeof body.email === 'string' && body.email.toLowerCase() !== user.email) {
          if (tenant.findByEmail(body.email)) {
            managementError(400, 'The specified new email already exists', 'auth0_idp_error');
          }
          user.email = body.email.toLowerCase();
        }
        if (typeof body.password === 'string') {
          if (passwordTooWeak(tenant, body.password)) {
            managementError(400, 'PasswordStrengthError: Password is too weak', 'invalid_body');
          }
          user.password = await hashBcrypt(body.password, tenant.settings.bcryptCost);
        }
        applyProfile(user, body);
        if (typeof body.blocked === 'boolean') user.blocked = body.blocked;
        user.updatedAt = new Date().toISOString();
        return json(200, toUserResponse(tenant, user));
      },
    },
    {
      method: 'DELETE',
      path: `${api}/users/{id}`,
      handler: async (request) => {
        const tenant = await authorize(context, request, ['delete:users']);
        // Auth0 answers 204 whether or not the user existed.
        tenant.deleteUser(request.params.id ?? '');
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      path: `${api}/users/{id}/roles`,
      handler: async (request) => {
        const tenant = await authorize(context, request, ['read:users', 'read:roles']);
        const user = requireUser(tenant, request.params.id);
        const roles = [...user.roles].map((id) => tenant.roles.get(id)).filter((role) => role !== undefined);
        const result = paginate(request, roles.map(toRoleResponse), 'roles');
        return json(
          200,
          'start' in result
            ? { start: result.start, limit: result.limit, total: result.total, roles: result.slice }
            : result.slice,
        );
      },
    },
    {
      method: 'POST',
      path: `${api}/users/{id}/roles`,
      handler: async (request) => {
        const tenant = await authorize(context, request, ['create:role_members', 'update:users']);
        const user = requireUser(tenant, request.params.id);
        const ids = ((request.body ?? {}) as { roles?: string[] }).roles ?? [];
        for (const id of ids)
          if (!tenant.roles.has(id)) managementError(404, 'The role does not exist.', 'inexistent_role');
        for (const id of ids) user.roles.add(id);
        return { status: 204 };
      },
    },
    {
      method: 'DELETE',
      path: `${api}/users/{id}/roles`,
      handler: async (request) => {
        const tenant = await authorize(context, request, ['delete:role_members', 'update:users']);
        const user = requireUser(tenant, request.params.id);
        for (const id of ((request.body ?? {}) as { roles?: string[] }).roles ?? []) user.roles.delete(id);
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      path: `${api}/roles`,
      handler: async (request) => {
        const tenant = await authorize(context, request, ['read:roles']);
        const filter = request.query.get('name_filter')?.toLowerCase();
        const roles = [...tenant.roles.values()]
          .filter((role) => !filter || role.name.toLowerCase().includes(filter))
          .map(toRoleResponse);
        const result = paginate(request, roles, 'roles');
        return json(
          200,
          'start' in result
            ? { start: result.start, limit: result.limit, total: result.total, roles: result.slice }
            : result.slice,
        );
      },
    },
    {
      method: 'POST',
      path: `${api}/roles`,
      handler: async (request) => {
        const tenant = await authorize(context, request, ['create:roles']);
        const body = (request.body ?? {}) as { name?: string; description?: string };
        if (!body.name)
          managementError(
            400,
            "Payload validation error: 'Missing required property: name'.",
            'invalid_body',
          );
        for (const role of tenant.roles.values()) {
          if (role.name === body.name) managementError(409, 'Role already exists.', 'role_already_exists');
        }
        const role = {
          id: `rol_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').slice(0, 16)}`,
          name: body.name,
          description: body.description ?? null,
        };
        tenant.roles.set(role.id, role);
        return json(200, toRoleResponse(role));
      },
    },
    {
      method: 'GET',
      path: `${api}/roles/{id}`,
      handler: async (request) => {
        const tenant = await authorize(context, request, ['read:roles']);
        const role = tenant.roles.get(request.params.id ?? '');
        if (!role) managementError(404, 'The role does not exist.', 'inexistent_role');
        return json(200, toRoleResponse(role));
      },
    },
    {
      method: 'DELETE',
      path: `${api}/roles/{id}`,
      handler: async (request) => {
        const tenant = await authorize(context, request, ['delete:roles']);
        const id = request.params.id ?? '';
        if (!tenant.roles.delete(id)) managementError(404, 'The role does not exist.', 'inexistent_role');
        for (const user of tenant.users.values()) user.roles.delete(id);
        return { status: 200 };
      },
    },
    {
      method: 'GET',
      path: `${api}/users/{id}/authentication-methods`,
      handler: async (request) => {
        const tenant = await authorize(context, request, ['read:authentication_methods']);
        const user = requireUser(tenant, request.params.id);
        const methods = user.authenticators.map(authenticationMethod);
        const result = paginate(request, methods, 'authenticators');
        return json(
          200,
          'start' in result
            ? { start: result.start, limit: result.limit, total: result.total, authenticators: result.slice }
            : result.slice,
        );
      },
    },
    {
      method: 'POST',
      path: `${api}/users/{id}/authentication-methods`,
      handler: async (request) => {
        const tenant = await authorize(context, request, ['create:authentication_methods']);
        const user = requireUser(tenant, request.params.id);
        const body = (request.body ?? {}) as {
          type?: string;
          name?: string;
          totp_secret?: string;
          phone_number?: string;
          email?: string;
        };
        const now = new Date().toISOString();
        let authenticator: Auth0Authenticator;
        if (body.type === 'totp') {
          if (!body.totp_secret || !/^[A-Z2-7]{16,}=*$/i.test(body.totp_secret)) {
            managementError(
              400,
              'totp_secret must be a base32 string of at least 16 characters',
              'invalid_body',
            );
          }
          if (user.authenticators.some((existing) => existing.type === 'totp' && existing.confirmed)) {
            managementError(
              409,
              'An authentication method of this type already exists.',
              'authentication_method_already_exists',
            );
          }
          authenticator = {
            id: tenant.newAuthenticatorId('totp'),
            type: 'totp',
            secret: body.totp_secret.toUpperCase(),
            name: body.name ?? null,
            confirmed: true,
            createdAt: now,
            enrolledAt: now,
          };
        } else if (body.type === 'phone' || body.type === 'email') {
          const value = body.type === 'phone' ? body.phone_number : body.email;
          if (!value)
            managementError(
              400,
              `${body.type === 'phone' ? 'phone_number' : 'email'} is required`,
              'invalid_body',
            );
          authenticator = {
            id: tenant.newAuthenticatorId(body.type),
            type: body.type,
            secret: value,
            name: body.name ?? null,
            confirmed: true,
            createdAt: now,
            enrolledAt: now,
          };
        } else {
          return managementError(
            400,
            `The idport fake does not create ${String(body.type)} methods`,
            'invalid_body',
          );
        }
        user.authenticators.push(authenticator);
        return json(201, {
          id: authenticator.id,
          type: authenticator.type,
          ...(authenticator.name ? { name: authenticator.name } : {}),
          ...(authenticator.type === 'phone' ? { phone_number: authenticator.secret } : {}),
          ...(authenticator.type === 'email' ? { email: authenticator.secret } : {}),
          created_at: authenticator.createdAt,
        });
      },
    },
    {
      method: 'DELETE',
      path: `${api}/users/{id}/authentication-methods`,
      handler: async (request) => {
        const tenant = await authorize(context, request, ['delete:authentication_methods']);
        const user = requireUser(tenant, request.params.id);
        user.authenticators.length = 0;
        return { status: 204 };
      },
    },
    {
      method: 'DELETE',
      path: `${api}/users/{id}/authentication-methods/{authentication_method_id}`,
      handler: async (request) => {
        const tenant = await authorize(context, request, ['delete:authentication_methods']);
        const user = requireUser(tenant, request.params.id);
        const index = user.authenticators.findIndex(
          (method) => method.id === request.params.authentication_method_id,
        );
        if (index < 0)
          managementError(
            404,
            'The authentication method does not exist.',
            'inexistent_authentication_method',
          );
        user.authenticators.splice(index, 1);
        // With no second factor left, the recovery code has nothing to recover.
        if (tenant.activeFactors(user).length === 0) {
          for (let at = user.authenticators.length - 1; at >= 0; at -= 1) {
            if (user.authenticators[at]?.type === 'recovery-code') user.authenticators.splice(at, 1);
          }
        }
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      path: `${api}/users/{id}/recovery-code-regeneration`,
      handler: async (request) => {
        const tenant = await authorize(context, request, ['update:users']);
        const user = requireUser(tenant, request.params.id);
        const code = newRecoveryCode();
        const existing = user.authenticators.find((method) => method.type === 'recovery-code');
        if (existing) existing.secret = code;
        else {
          const now = new Date().toISOString();
          user.authenticators.push({
            id: tenant.newAuthenticatorId('recovery-code'),
            type: 'recovery-code',
            secret: code,
            name: null,
            confirmed: true,
            createdAt: now,
            enrolledAt: now,
          });
        }
        return json(200, { recovery_code: code });
      },
    },
    {
      method: 'DELETE',
      path: `${api}/users/{user_id}/refresh-tokens`,
      handler: async (request) => {
        const tenant = await authorize(context, request, ['delete:refresh_tokens']);
        requireUser(tenant, request.params.user_id);
        tenant.revokeUserRefreshTokens(request.params.user_id ?? '');
        return { status: 202 };
      },
    },
    {
      method: 'DELETE',
      path: `${api}/users/{user_id}/sessions`,
      handler: async (request) => {
        const tenant = await authorize(context, request, ['delete:sessions']);
        requireUser(tenant, request.params.user_id);
        // Sessions end; refresh tokens bound to them are revoked with them.
        tenant.revokeUserRefreshTokens(request.params.user_id ?? '');
        return { status: 202 };
      },
    },
    {
      method: 'POST',
      path: `${api}/users/{id}/multifactor/actions/invalidate-remember-browser`,
      handler: async (request) => {
        const tenant = await authorize(context, request, ['update:users']);
        requireUser(tenant, request.params.id);
        return { status: 204 };
      },
    },
  ];
}

/** Applies the profile fields Auth0 accepts on create, update and import (null clears). */
export function applyProfile(user: Auth0User, body: Record<string, unknown>): void {
  const text = (value: unknown, current: string | null) =>
    value === null ? null : typeof value === 'string' ? value : current;
  user.givenName = text(body.given_name, user.givenName);
  user.familyName = text(body.family_name, user.familyName);
  user.name = text(body.name, user.name);
  user.nickname = text(body.nickname, user.nickname);
  user.picture = text(body.picture, user.picture);
  user.phoneNumber = text(body.phone_number, user.phoneNumber);
  if (typeof body.email_verified === 'boolean') user.emailVerified = body.email_verified;
  if (typeof body.blocked === 'boolean') user.blocked = body.blocked;
  if (body.user_metadata !== undefined) user.userMetadata = merge(user.userMetadata, body.user_metadata);
  if (body.app_metadata !== undefined) user.appMetadata = merge(user.appMetadata, body.app_metadata);
}
