import { randomBytes } from 'node:crypto';
import { empty, type FakeRequest, type FakeRoute, json } from '../framework/fake-http';
import { encodeBase32 } from '../keycloak/keycloak-totp';
import { oktaError, oktaErrors } from './okta-error-bodies';
import { type OktaOrg, type OktaUserRecord, oktaId } from './okta-org';
import {
  checkPassword,
  type OktaPasswordHash,
  passwordPolicyFailures,
  storePassword,
  validateImportedHash,
} from './okta-passwords';
import { factorJson, groupJson, linkHeader, orgUrl, pageAfter, userJson } from './okta-representations';
import { compileSearch } from './okta-search';
import { verifyOktaTotp } from './okta-totp';

/** What the management routes need from the fake. */
export interface OktaManagementContext {
  org(): OktaOrg;
}

const now = () => new Date().toISOString();

/** The `okta.*` scopes a service-app token may hold for a call (read scopes for GET, manage otherwise). */
function requiredScopes(request: FakeRequest): string[] {
  const family = request.path.startsWith('/api/v1/groups') ? 'groups' : 'users';
  const write = request.method !== 'GET';
  return write ? [`okta.${family}.manage`] : [`okta.${family}.read`, `okta.${family}.manage`];
}

/** An admin API token (`SSWS`) or a service app's Bearer token with a scope the call needs. */
function requireApiToken(org: OktaOrg, request: FakeRequest): void {
  const header = request.headers.authorization ?? '';
  const ssws = /^SSWS\s+(.+)$/i.exec(header);
  if (ssws) {
    if (!org.settings.apiTokens.includes((ssws[1] as string).trim())) throw oktaErrors.invalidToken();
    return;
  }
  const bearer = /^(?:Bearer|DPoP)\s+(.+)$/i.exec(header);
  const grant = bearer ? org.managementTokens.get((bearer[1] as string).trim()) : undefined;
  if (!grant || grant.expiresAt < Date.now()) throw oktaErrors.invalidToken();
  const needed = requiredScopes(request);
  if (!needed.some((scope) => grant.scopes.includes(scope))) {
    throw oktaError(403, 'E0000006', 'You do not have permission to perform the requested action', [], {
      'www-authenticate': `Bearer error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", scope="${needed.join(' ')}"`,
    });
  }
}

function body(request: FakeRequest): Record<string, unknown> {
  return typeof request.body === 'object' && request.body !== null
    ? (request.body as Record<string, unknown>)
    : {};
}

function userOr404(org: OktaOrg, idOrLogin: string): OktaUserRecord {
  const user = org.findUser(idOrLogin);
  if (!user) throw oktaErrors.notFound('User', idOrLogin);
  return user;
}

function booleanQuery(request: FakeRequest, name: string, fallback: boolean): boolean {
  const value = request.query.get(name);
  return value === null ? fallback : value === 'true';
}

/** Applies a password value or hash from `credentials.password`; throws Okta's validation errors. */
function applyPassword(org: OktaOrg, user: OktaUserRecord, credentials: unknown, creating: boolean): void {
  const password = (credentials as { password?: { value?: unknown; hash?: OktaPasswordHash } } | undefined)
    ?.password;
  if (!password) return;
  if (password.hash) {
    if (!creating && user.status !== 'STAGED') {
      throw oktaErrors.validation('password', [
        'password: A hashed password can only be set on a STAGED user.',
      ]);
    }
    const causes = validateImportedHash(password.hash);
    if (causes.length > 0) throw oktaErrors.validation('password', causes);
    user.password = { kind: 'imported', hash: password.hash };
    user.passwordChanged = now();
    return;
  }
  if (typeof password.value === 'string') {
    const failures = passwordPolicyFailures(
      password.value,
      String(user.profile.login),
      org.settings.passwordMinLength ?? 8,
    );
    if (failures.length > 0) {
      throw oktaErrors.validation('password', [
        `password: Password requirements were not met. Password requirements: ${failures.join(', ')}.`,
      ]);
    }
    user.password = storePassword(password.value);
    user.passwordChanged = now();
  }
}

function validateProfile(profile: Record<string, unknown>, org: OktaOrg, selfId: string | null): void {
  const causes: string[] = [];
  const login = profile.login;
  if (typeof login !== 'string' || login.length === 0) causes.push('login: The field cannot be left blank');
  if (typeof profile.email !== 'string' || profile.email.length === 0)
    causes.push('email: The field cannot be left blank');
  else if (!/^[^@\s]+@[^@\s]+$/.test(profile.email)) causes.push('email: Does not match required pattern');
  if (typeof login === 'string' && login.length > 0) {
    const existing = org.logins.get(login.toLowerCase());
    if (existing && existing !== selfId)
      causes.push('login: An object with this field already exists in the current organization');
  }
  if (causes.length > 0) {
    const field = causes.map((cause) => cause.split(':')[0]).join(', ');
    throw oktaErrors.validation(field, causes);
  }
}

function setStatus(user: OktaUserRecord, status: OktaUserRecord['status']): void {
  user.status = status;
  user.statusChanged = now();
  user.lastUpdated = user.statusChanged;
}

/** Okta's management API routes the fake serves: users, lifecycle, factors, groups, sessions. */
export function oktaManagementRoutes(context: OktaManagementContext): FakeRoute[] {
  const guarded = (route: FakeRoute): FakeRoute => ({
    ...route,
    handler: (request) => {
      requireApiToken(context.org(), request);
      return route.handler(request);
    },
  });

  const routes: FakeRoute[] = [
    {
      method: 'POST',
      path: '/api/v1/users',
      handler: (request) => {
        const org = context.org();
        const input = body(request);
        const profile = { ...((input.profile as Record<string, unknown> | undefined) ?? {}) };
        validateProfile(profile, org, null);
        const timestamp = now();
        const user: OktaUserRecord = {
          id: oktaId('00u'),
          status: 'STAGED',
          created: timestamp,
          activated: null,
          statusChanged: null,
          lastLogin: null,
          lastUpdated: timestamp,
          passwordChanged: null,
          profile,
          password: null,
          failedAttempts: 0,
          sequence: org.nextSequence(),
        };
        applyPassword(org, user, input.credentials, true);
        if (booleanQuery(request, 'activate', true)) {
          // Without a password Okta sends an activation email and the user waits in PROVISIONED.
          user.status = user.password ? 'ACTIVE' : 'PROVISIONED';
          user.activated = timestamp;
          user.statusChanged = timestamp;
        }
        if (request.query.get('nextLogin') === 'changePassword' && user.password)
          user.status = 'PASSWORD_EXPIRED';
        org.users.set(user.id, user);
        org.logins.set(String(profile.login).toLowerCase(), user.id);
        for (const groupId of (input.groupIds as string[] | undefined) ?? [])
          org.groups.get(groupId)?.members.add(user.id);
        return json(200, userJson(orgUrl(request), user));
      },
    },
    {
      method: 'GET',
      path: '/api/v1/users',
      handler: (request) => {
        const org = context.org();
        const expression = request.query.get('search') ?? request.query.get('filter');
        const q = request.query.get('q')?.toLowerCase();
        let users = [...org.users.values()].sort((a, b) => a.sequence - b.sequence);
        if (expression) {
          const predicate = compileSearch(expression);
          users = users.filter(predicate);
        } else {
          // Without a search, Okta leaves DEPROVISIONED users out of the list.
          users = users.filter((user) => user.status !== 'DEPROVISIONED');
        }
        if (q) {
          users = users.filter((user) =>
            ['firstName', 'lastName', 'email'].some((field) =>
              String(user.profile[field] ?? '')
                .toLowerCase()
                .startsWith(q),
            ),
          );
        }
        const requested = Number(request.query.get('limit') ?? (q ? 10 : 200));
        const limit = Math.min(200, Math.max(1, Number.isFinite(requested) ? requested : 200));
        const { page, nextAfter } = pageAfter(users, request.query.get('after'), limit);
        const base = orgUrl(request);
        return json(
          200,
          page.map((user) => userJson(base, user)),
          { link: linkHeader(base, '/api/v1/users', request.query, nextAfter) },
        );
      },
    },
    {
      method: 'GET',
      path: '/api/v1/users/{id}',
      handler: (request) =>
        json(200, userJson(orgUrl(request), userOr404(context.org(), request.params.id as string))),
    },
    ...(['POST', 'PUT'] as const).map(
      (method): FakeRoute => ({
        method,
        path: '/api/v1/users/{id}',
        handler: (request) => {
          const org = context.org();
          const user = userOr404(org, request.params.id as string);
          const input = body(request);
          const incoming = (input.profile as Record<string, unknown> | undefined) ?? undefined;
          // POST is a partial update (profile properties merged); PUT replaces the profile.
          const profile = incoming
            ? method === 'POST'
              ? { ...user.profile, ...incoming }
              : { ...incoming }
            : user.profile;
          for (const [key, value] of Object.entries(profile)) if (value === undefined) delete profile[key];
          validateProfile(profile, org, user.id);
          const draft: OktaUserRecord = { ...user, profile };
          applyPassword(org, draft, input.credentials, false);
          const oldLogin = String(user.profile.login).toLowerCase();
          Object.assign(user, draft, { lastUpdated: now() });
          const newLogin = String(user.profile.login).toLowerCase();
          if (oldLogin !== newLogin) {
            org.logins.delete(oldLogin);
            org.logins.set(newLogin, user.id);
          }
          return json(200, userJson(orgUrl(request), user));
        },
      }),
    ),
    {
      method: 'DELETE',
      path: '/api/v1/users/{id}',
      handler: (request) => {
        const org = context.org();
        const user = userOr404(org, request.params.id as string);
        // The first DELETE deactivates; only a DEPROVISIONED user is deleted for good.
        if (user.status !== 'DEPROVISIONED') {
          setStatus(user, 'DEPROVISIONED');
          org.revokeTokensOf(user.id);
        } else {
          org.removeUser(user.id);
        }
        return empty(204);
      },
    },
    {
      method: 'POST',
      path: '/api/v1/users/{id}/lifecycle/activate',
      handler: (request) => {
        const org = context.org();
        const user = userOr404(org, request.params.id as string);
        if (user.status === 'ACTIVE')
          throw oktaError(403, 'E0000016', 'Activation failed because the user is already active');
        setStatus(user, user.password ? 'ACTIVE' : 'PROVISIONED');
        user.activated = user.statusChanged;
        if (booleanQuery(request, 'sendEmail', true)) return json(200, {});
        const token = randomBytes(15).toString('base64url');
        return json(200, { activationToken: token, activationUrl: `${orgUrl(request)}/welcome/${token}` });
      },
    },
    {
      method: 'POST',
      path: '/api/v1/users/{id}/lifecycle/reactivate',
      handler: (request) => {
        const org = context.org();
        const user = userOr404(org, request.params.id as string);
        if (user.status !== 'PROVISIONED')
          throw oktaError(403, 'E0000038', "This operation is not allowed in the user's current status.");
        const token = randomBytes(15).toString('base64url');
        return json(200, { activationToken: token, activationUrl: `${orgUrl(request)}/welcome/${token}` });
      },
    },
    {
      method: 'POST',
      path: '/api/v1/users/{id}/lifecycle/deactivate',
      handler: (request) => {
        const org = context.org();
        const user = userOr404(org, request.params.id as string);
        if (user.status !== 'DEPROVISIONED') {
          setStatus(user, 'DEPROVISIONED');
          org.revokeTokensOf(user.id);
        }
        return empty(200);
      },
    },
    {
      method: 'POST',
      path: '/api/v1/users/{id}/lifecycle/suspend',
      handler: (request) => {
        const org = context.org();
        const user = userOr404(org, request.params.id as string);
        if (user.status !== 'ACTIVE')
          throw oktaError(400, 'E0000001', 'Api validation failed: status', [
            'Cannot suspend a user that is not active',
          ]);
        setStatus(user, 'SUSPENDED');
        org.revokeTokensOf(user.id);
        return empty(200);
      },
    },
    {
      method: 'POST',
      path: '/api/v1/users/{id}/lifecycle/unsuspend',
      handler: (request) => {
        const user = userOr404(context.org(), request.params.id as string);
        if (user.status !== 'SUSPENDED')
          throw oktaError(400, 'E0000001', 'Api validation failed: status', [
            'Cannot unsuspend a user that is not suspended',
          ]);
        setStatus(user, 'ACTIVE');
        return empty(200);
      },
    },
    {
      method: 'POST',
      path: '/api/v1/users/{id}/lifecycle/unlock',
      handler: (request) => {
        const user = userOr404(context.org(), request.params.id as string);
        if (user.status !== 'LOCKED_OUT')
          throw oktaError(403, 'E0000032', 'Unlock is not allowed for this user.');
        setStatus(user, 'ACTIVE');
        user.failedAttempts = 0;
        return empty(200);
      },
    },
    {
      method: 'POST',
      path: '/api/v1/users/{id}/lifecycle/expire_password',
      handler: (request) => {
        const user = userOr404(context.org(), request.params.id as string);
        if (user.status !== 'ACTIVE' && user.status !== 'PASSWORD_EXPIRED') {
          throw oktaError(403, 'E0000038', "This operation is not allowed in the user's current status.");
        }
        setStatus(user, 'PASSWORD_EXPIRED');
        return json(200, userJson(orgUrl(request), user));
      },
    },
    {
      method: 'DELETE',
      path: '/api/v1/users/{userId}/sessions',
      handler: (request) => {
        const org = context.org();
        const user = userOr404(org, request.params.userId as string);
        for (const [token, session] of org.sessionTokens)
          if (session.userId === user.id) org.sessionTokens.delete(token);
        if (booleanQuery(request, 'oauthTokens', false)) org.revokeTokensOf(user.id);
        return empty(204);
      },
    },
    {
      method: 'GET',
      path: '/api/v1/users/{id}/groups',
      handler: (request) => {
        const org = context.org();
        const user = userOr404(org, request.params.id as string);
        const base = orgUrl(request);
        return json(
          200,
          org.groupsOf(user.id).map((group) => groupJson(base, group)),
        );
      },
    },
    // Factors
    {
      method: 'GET',
      path: '/api/v1/users/{userId}/factors',
      handler: (request) => {
        const org = context.org();
        const user = userOr404(org, request.params.userId as string);
        const base = orgUrl(request);
        return json(
          200,
          org.factorsOf(user.id).map((factor) => factorJson(base, factor, String(user.profile.login))),
        );
      },
    },
    {
      method: 'POST',
      path: '/api/v1/users/{userId}/factors',
      handler: (request) => {
        const org = context.org();
        const user = userOr404(org, request.params.userId as string);
        const input = body(request);
        if (input.factorType !== 'token:software:totp') {
          throw oktaErrors.validation('factorType', [
            'factorType: The fake supports token:software:totp only',
          ]);
        }
        const provider = input.provider === 'GOOGLE' ? 'GOOGLE' : 'OKTA';
        if (
          org.factorsOf(user.id).some((factor) => factor.provider === provider && factor.status === 'ACTIVE')
        ) {
          throw oktaError(400, 'E0000001', 'Api validation failed: factorEnrollRequest', [
            'There is an existing verified factor. A new factor cannot be enrolled.',
          ]);
        }
        // A pending enrollment of the same kind is replaced, as Okta does on re-enroll.
        for (const [id, factor] of org.factors) {
          if (factor.userId === user.id && factor.provider === provider) org.factors.delete(id);
        }
        const timestamp = now();
        const factor = {
          id: oktaId('uft'),
          userId: user.id,
          factorType: 'token:software:totp' as const,
          provider: provider as 'OKTA' | 'GOOGLE',
          status: 'PENDING_ACTIVATION' as const,
          secret: encodeBase32(randomBytes(20)),
          created: timestamp,
          lastUpdated: timestamp,
          lastStep: -1,
        };
        org.factors.set(factor.id, factor);
        return json(200, factorJson(orgUrl(request), factor, String(user.profile.login), true));
      },
    },
    {
      method: 'GET',
      path: '/api/v1/users/{userId}/factors/{factorId}',
      handler: (request) => {
        const org = context.org();
        const user = userOr404(org, request.params.userId as string);
        const factor = org.factors.get(request.params.factorId as string);
        if (!factor || factor.userId !== user.id)
          throw oktaErrors.notFound('UserFactor', request.params.factorId as string);
        return json(200, factorJson(orgUrl(request), factor, String(user.profile.login)));
      },
    },
    {
      method: 'DELETE',
      path: '/api/v1/users/{userId}/factors/{factorId}',
      handler: (request) => {
        const org = context.org();
        const user = userOr404(org, request.params.userId as string);
        const factor = org.factors.get(request.params.factorId as string);
        if (!factor || factor.userId !== user.id)
          throw oktaErrors.notFound('UserFactor', request.params.factorId as string);
        org.factors.delete(factor.id);
        return empty(204);
      },
    },
    {
      method: 'POST',
      path: '/api/v1/users/{userId}/factors/{factorId}/lifecycle/activate',
      handler: (request) => {
        const org = context.org();
        const user = userOr404(org, request.params.userId as string);
        const factor = org.factors.get(request.params.factorId as string);
        if (!factor || factor.userId !== user.id)
          throw oktaErrors.notFound('UserFactor', request.params.factorId as string);
        if (factor.status !== 'PENDING_ACTIVATION') {
          throw oktaError(400, 'E0000001', 'Api validation failed: factor', ['Factor is already active']);
        }
        const passCode = String(body(request).passCode ?? '');
        if (!verifyOktaTotp(factor, passCode)) throw oktaErrors.invalidPasscode();
        factor.status = 'ACTIVE';
        factor.lastUpdated = now();
        return json(200, factorJson(orgUrl(request), factor, String(user.profile.login)));
      },
    },
    {
      method: 'POST',
      path: '/api/v1/users/{userId}/factors/{factorId}/verify',
      handler: (request) => {
        const org = context.org();
        const user = userOr404(org, request.params.userId as string);
        const factor = org.factors.get(request.params.factorId as string);
        if (!factor || factor.userId !== user.id || factor.status !== 'ACTIVE') {
          throw oktaErrors.notFound('UserFactor', request.params.factorId as string);
        }
        if (!verifyOktaTotp(factor, String(body(request).passCode ?? ''))) throw oktaErrors.invalidPasscode();
        return json(200, { factorResult: 'SUCCESS' });
      },
    },
    // Groups
    {
      method: 'POST',
      path: '/api/v1/groups',
      handler: (request) => {
        const org = context.org();
        const profile = (body(request).profile as Record<string, unknown> | undefined) ?? {};
        const name = profile.name;
        if (typeof name !== 'string' || name.length === 0)
          throw oktaErrors.validation('name', ['name: The field cannot be left blank']);
        if ([...org.groups.values()].some((group) => group.name.toLowerCase() === name.toLowerCase())) {
          throw oktaErrors.validation('name', [
            'name: An object with this field already exists in the current organization',
          ]);
        }
        const timestamp = now();
        const group = {
          id: oktaId('00g'),
          name,
          description: typeof profile.description === 'string' ? profile.description : null,
          created: timestamp,
          lastUpdated: timestamp,
          lastMembershipUpdated: timestamp,
          members: new Set<string>(),
          sequence: org.nextSequence(),
        };
        org.groups.set(group.id, group);
        return json(200, groupJson(orgUrl(request), group));
      },
    },
    {
      method: 'GET',
      path: '/api/v1/groups',
      handler: (request) => {
        const org = context.org();
        const q = request.query.get('q')?.toLowerCase();
        let groups = [...org.groups.values()].sort((a, b) => a.sequence - b.sequence);
        if (q) groups = groups.filter((group) => group.name.toLowerCase().startsWith(q));
        const search = request.query.get('search');
        if (search) {
          const match = /^profile\.name eq "(.*)"$/.exec(search.trim());
          if (!match) throw oktaError(400, 'E0000031', 'Invalid search criteria.');
          groups = groups.filter((group) => group.name.toLowerCase() === (match[1] as string).toLowerCase());
        }
        const limit = Math.min(10000, Math.max(1, Number(request.query.get('limit') ?? 10000) || 10000));
        const { page, nextAfter } = pageAfter(groups, request.query.get('after'), limit);
        const base = orgUrl(request);
        return json(
          200,
          page.map((group) => groupJson(base, group)),
          { link: linkHeader(base, '/api/v1/groups', request.query, nextAfter) },
        );
      },
    },
    {
      method: 'GET',
      path: '/api/v1/groups/{groupId}',
      handler: (request) => {
        const group = context.org().groups.get(request.params.groupId as string);
        if (!group) throw oktaErrors.notFound('UserGroup', request.params.groupId as string);
        return json(200, groupJson(orgUrl(request), group));
      },
    },
    {
      method: 'DELETE',
      path: '/api/v1/groups/{groupId}',
      handler: (request) => {
        const org = context.org();
        if (!org.groups.delete(request.params.groupId as string)) {
          throw oktaErrors.notFound('UserGroup', request.params.groupId as string);
        }
        return empty(204);
      },
    },
    {
      method: 'GET',
      path: '/api/v1/groups/{groupId}/users',
      handler: (request) => {
        const org = context.org();
        const group = org.groups.get(request.params.groupId as string);
        if (!group) throw oktaErrors.notFound('UserGroup', request.params.groupId as string);
        const users = [...group.members]
          .map((id) => org.users.get(id))
          .filter((user): user is OktaUserRecord => user !== undefined)
          .sort((a, b) => a.sequence - b.sequence);
        const limit = Math.min(1000, Math.max(1, Number(request.query.get('limit') ?? 1000) || 1000));
        const { page, nextAfter } = pageAfter(users, request.query.get('after'), limit);
        const base = orgUrl(request);
        return json(
          200,
          page.map((user) => userJson(base, user)),
          { link: linkHeader(base, `/api/v1/groups/${group.id}/users`, request.query, nextAfter) },
        );
      },
    },
    ...(['PUT', 'DELETE'] as const).map(
      (method): FakeRoute => ({
        method,
        path: '/api/v1/groups/{groupId}/users/{userId}',
        handler: (request) => {
          const org = context.org();
          const group = org.groups.get(request.params.groupId as string);
          if (!group) throw oktaErrors.notFound('UserGroup', request.params.groupId as string);
          const user = org.users.get(request.params.userId as string);
          if (!user) throw oktaErrors.notFound('User', request.params.userId as string);
          if (method === 'PUT') group.members.add(user.id);
          else group.members.delete(user.id);
          group.lastMembershipUpdated = now();
          return empty(204);
        },
      }),
    ),
  ];
  return routes.map(guarded);
}

export { checkPassword };
