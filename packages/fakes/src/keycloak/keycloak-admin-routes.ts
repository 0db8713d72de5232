import { randomUUID } from 'node:crypto';
import { decodeJwt, jwtVerify } from 'jose';
import { empty, type FakeRequest, type FakeRoute, json } from '../framework/fake-http';
import { keycloakErrors } from './keycloak-error-bodies';
import {
  checkPasswordPolicy,
  hashPassword,
  parsePasswordPolicy,
  type StoredCredential,
} from './keycloak-passwords';
import type { KeycloakRealm, StoredUser } from './keycloak-realm';
import {
  toCredentialRepresentation,
  toGroupRepresentation,
  toRoleRepresentation,
  toSessionRepresentation,
  toUserRepresentation,
} from './keycloak-representations';

/** What the admin routes need from the fake. */
export interface KeycloakAdminContext {
  realm(name: string): KeycloakRealm | undefined;
  /** The issuer URL of a realm as clients see it (built from the Host header, as Keycloak does). */
  issuer(request: FakeRequest, realm: string): string;
}

type Permission = 'view-users' | 'manage-users' | 'manage-realm';

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function bool(query: URLSearchParams, name: string): boolean | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  return value === 'true';
}

function page<T>(items: T[], query: URLSearchParams, defaultMax: number): T[] {
  const first = Math.max(0, Number(query.get('first') ?? 0) || 0);
  const rawMax = query.get('max');
  const max = rawMax === null ? defaultMax : Number(rawMax);
  if (max < 0) return items.slice(first);
  return items.slice(first, first + max);
}

function location(request: FakeRequest, id: string): Record<string, string> {
  const host = request.headers.host ?? '127.0.0.1';
  return { location: `http://${host}${request.path.replace(/\/$/, '')}/${encodeURIComponent(id)}` };
}

/** Admin REST routes of the Keycloak fake, realm-scoped as in Keycloak 26. */
export function keycloakAdminRoutes(context: KeycloakAdminContext): FakeRoute[] {
  const base = '/admin/realms/{realm}';

  /** Checks the bearer token and the permission; returns the target realm. */
  const authorize = async (request: FakeRequest, permission: Permission): Promise<KeycloakRealm> => {
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!token) throw keycloakErrors.unauthorized();
    let issuerRealm: KeycloakRealm | undefined;
    try {
      const claims = decodeJwt(token);
      const realmName = decodeURIComponent(String(claims.iss ?? '').split('/realms/')[1] ?? '');
      issuerRealm = context.realm(realmName);
    } catch {
      throw keycloakErrors.unauthorized();
    }
    if (!issuerRealm) throw keycloakErrors.unauthorized();
    let claims: Record<string, unknown>;
    try {
      const { payload } = await jwtVerify(token, issuerRealm.signingKey.publicKey, {
        issuer: context.issuer(request, issuerRealm.name),
        algorithms: ['RS256'],
      });
      claims = payload as Record<string, unknown>;
    } catch {
      throw keycloakErrors.unauthorized();
    }
    if (claims.typ !== 'Bearer' || issuerRealm.revokedAccessTokens.has(String(claims.jti))) {
      throw keycloakErrors.unauthorized();
    }
    const target = context.realm(request.params.realm ?? '');
    const realmRoles = ((claims.realm_access as { roles?: string[] } | undefined)?.roles ?? []) as string[];
    if (issuerRealm.name === 'master' && realmRoles.includes('admin')) {
      if (!target) throw keycloakErrors.realmNotFound();
      return target;
    }
    if (!target || target !== issuerRealm) throw keycloakErrors.forbidden();
    const managementRoles =
      (claims.resource_access as Record<string, { roles?: string[] }> | undefined)?.['realm-management']
        ?.roles ?? [];
    const granted =
      managementRoles.includes('realm-admin') ||
      managementRoles.includes(permission) ||
      (permission === 'view-users' && managementRoles.includes('manage-users'));
    if (!granted) throw keycloakErrors.forbidden();
    return target;
  };

  const userOf = (realm: KeycloakRealm, request: FakeRequest): StoredUser => {
    const user = realm.users.get(request.params['user-id'] ?? '');
    if (!user) throw keycloakErrors.notFound('User');
    return user;
  };

  /** Validates a user representation the way Keycloak's user profile does (the parts the fake models). */
  const validateProfile = (
    realm: KeycloakRealm,
    representation: Record<string, unknown>,
    existing?: StoredUser,
  ) => {
    const email = asString(representation.email);
    if (email !== undefined && email !== '' && !emailPattern.test(email)) {
      throw keycloakErrors.fieldError('email', 'error-invalid-email', ['email', email]);
    }
    if (email && !realm.settings.duplicateEmailsAllowed) {
      const owner = realm.findByEmail(email);
      if (owner && owner !== existing) throw keycloakErrors.conflict('User exists with same email');
    }
  };

  /** Applies `credentials` of a representation: plain passwords (policy-checked) or stored hashes/OTP. */
  const applyCredentials = async (realm: KeycloakRealm, user: StoredUser, credentials: unknown) => {
    if (!Array.isArray(credentials)) return;
    const policy = parsePasswordPolicy(realm.settings.passwordPolicy);
    for (const raw of credentials as Record<string, unknown>[]) {
      const type = asString(raw.type) ?? 'password';
      const value = asString(raw.value);
      if (value !== undefined) {
        if (type !== 'password') continue;
        const violation = checkPasswordPolicy(policy, value, user);
        if (violation) throw keycloakErrors.badRequest('Password policy not met');
        await setPassword(realm, user, value, raw.temporary === true);
        continue;
      }
      const secretData = asString(raw.secretData);
      const credentialData = asString(raw.credentialData);
      if (secretData === undefined || credentialData === undefined) continue;
      if (type === 'password')
        user.credentials = user.credentials.filter((credential) => credential.type !== 'password');
      const stored: StoredCredential = {
        id: randomUUID(),
        type,
        createdDate: typeof raw.createdDate === 'number' ? raw.createdDate : Date.now(),
        secretData,
        credentialData,
        priority: typeof raw.priority === 'number' ? raw.priority : (user.credentials.length + 1) * 10,
      };
      const label = asString(raw.userLabel);
      if (label !== undefined) stored.userLabel = label;
      user.credentials.push(stored);
    }
  };

  const setPassword = async (
    realm: KeycloakRealm,
    user: StoredUser,
    password: string,
    temporary: boolean,
  ) => {
    const policy = parsePasswordPolicy(realm.settings.passwordPolicy);
    const hashed = await hashPassword(password, policy.hash);
    const previous = user.credentials.find((credential) => credential.type === 'password');
    user.credentials = user.credentials.filter((credential) => credential.type !== 'password');
    user.credentials.unshift({
      id: previous?.id ?? randomUUID(),
      type: 'password',
      createdDate: Date.now(),
      ...hashed,
      priority: 10,
    });
    if (temporary) {
      if (!user.requiredActions.includes('UPDATE_PASSWORD')) user.requiredActions.push('UPDATE_PASSWORD');
    } else {
      user.requiredActions = user.requiredActions.filter((action) => action !== 'UPDATE_PASSWORD');
    }
  };

  const applyProfile = (user: StoredUser, representation: Record<string, unknown>) => {
    for (const field of ['email', 'firstName', 'lastName'] as const) {
      if (field in representation) {
        const value = asString(representation[field]);
        if (value === undefined || value === '') delete user[field];
        else user[field] = field === 'email' ? value.toLowerCase() : value;
      }
    }
    if (typeof representation.emailVerified === 'boolean') user.emailVerified = representation.emailVerified;
    if (typeof representation.enabled === 'boolean') user.enabled = representation.enabled;
    if (representation.attributes && typeof representation.attributes === 'object') {
      const attributes: Record<string, string[]> = {};
      for (const [key, value] of Object.entries(representation.attributes as Record<string, unknown>)) {
        attributes[key] = Array.isArray(value) ? value.map(String) : [String(value)];
      }
      user.attributes = attributes;
    }
    if (Array.isArray(representation.requiredActions)) {
      user.requiredActions = (representation.requiredActions as unknown[]).map(String);
    }
  };

  /** Keycloak's user search: `search` over username/email/names, or per-field filters (`exact`). */
  const filterUsers = (realm: KeycloakRealm, query: URLSearchParams): StoredUser[] => {
    let users = realm.people();
    const search = query.get('search');
    const exact = bool(query, 'exact') === true;
    const contains = (value: string | undefined, wanted: string) =>
      value !== undefined &&
      (exact
        ? value.toLowerCase() === wanted.toLowerCase()
        : value.toLowerCase().includes(wanted.toLowerCase()));
    if (search !== null && search !== '' && search !== '*') {
      const term = search.replace(/^\*|\*$/g, '');
      users = users.filter(
        (user) =>
          user.id === search ||
          [user.username, user.email, user.firstName, user.lastName].some((value) => contains(value, term)),
      );
    }
    for (const field of ['username', 'email', 'firstName', 'lastName'] as const) {
      const wanted = query.get(field);
      if (wanted !== null) users = users.filter((user) => contains(user[field], wanted));
    }
    const enabled = bool(query, 'enabled');
    if (enabled !== undefined) users = users.filter((user) => user.enabled === enabled);
    const emailVerified = bool(query, 'emailVerified');
    if (emailVerified !== undefined) users = users.filter((user) => user.emailVerified === emailVerified);
    const attributeQuery = query.get('q');
    if (attributeQuery) {
      for (const pair of attributeQuery.split(' ')) {
        const [key, ...rest] = pair.split(':');
        const value = rest.join(':');
        if (key) users = users.filter((user) => user.attributes[key]?.includes(value));
      }
    }
    return users.sort((left, right) => left.username.localeCompare(right.username));
  };

  const createUser = async (realm: KeycloakRealm, representation: Record<string, unknown>, id?: string) => {
    let username = asString(representation.username);
    if (realm.settings.registrationEmailAsUsername) username = asString(representation.email) ?? username;
    if (!username) throw keycloakErrors.fieldError('username', 'error-user-attribute-required', ['username']);
    if (realm.findByUsername(username)) throw keycloakErrors.conflict('User exists with same username');
    validateProfile(realm, representation);
    const user = realm.newUser(username);
    if (id) user.id = id;
    applyProfile(user, representation);
    if (typeof representation.createdTimestamp === 'number')
      user.createdTimestamp = representation.createdTimestamp;
    await applyCredentials(realm, user, representation.credentials);
    return user;
  };

  const routes: FakeRoute[] = [
    {
      method: 'GET',
      path: `${base}/users`,
      handler: async (request) => {
        const realm = await authorize(request, 'view-users');
        const brief = bool(request.query, 'briefRepresentation') === true;
        const users = page(filterUsers(realm, request.query), request.query, 100);
        return json(
          200,
          users.map((user) => toUserRepresentation(user, brief)),
        );
      },
    },
    {
      method: 'GET',
      path: `${base}/users/count`,
      handler: async (request) => {
        const realm = await authorize(request, 'view-users');
        return json(200, filterUsers(realm, request.query).length);
      },
    },
    {
      method: 'POST',
      path: `${base}/users`,
      handler: async (request) => {
        const realm = await authorize(request, 'manage-users');
        const representation = (request.body ?? {}) as Record<string, unknown>;
        const user = await createUser(realm, representation);
        realm.users.set(user.id, user);
        for (const path of Array.isArray(representation.groups) ? (representation.groups as string[]) : []) {
          const group = realm.findGroupByPath(path.startsWith('/') ? path : `/${path}`);
          if (group) user.groupIds.add(group.id);
        }
        return empty(201, location(request, user.id));
      },
    },
    {
      method: 'GET',
      path: `${base}/users/{user-id}`,
      handler: async (request) => {
        const realm = await authorize(request, 'view-users');
        return json(200, toUserRepresentation(userOf(realm, request)));
      },
    },
    {
      method: 'PUT',
      path: `${base}/users/{user-id}`,
      handler: async (request) => {
        const realm = await authorize(request, 'manage-users');
        const user = userOf(realm, request);
        const representation = (request.body ?? {}) as Record<string, unknown>;
        const username = asString(representation.username);
        if (username !== undefined && username.toLowerCase() !== user.username) {
          // Keycloak's default user profile makes username read-only unless editUsernameAllowed.
          throw keycloakErrors.fieldError('username', 'error-user-attribute-read-only', ['username']);
        }
        validateProfile(realm, representation, user);
        const wasEnabled = user.enabled;
        applyProfile(user, representation);
        if (!wasEnabled && user.enabled) realm.loginFailures.delete(user.id);
        await applyCredentials(realm, user, representation.credentials);
        return empty();
      },
    },
    {
      method: 'DELETE',
      path: `${base}/users/{user-id}`,
      handler: async (request) => {
        const realm = await authorize(request, 'manage-users');
        const user = userOf(realm, request);
        realm.endSessionsOf(user.id);
        realm.users.delete(user.id);
        realm.loginFailures.delete(user.id);
        return empty();
      },
    },
    {
      method: 'PUT',
      path: `${base}/users/{user-id}/reset-password`,
      handler: async (request) => {
        const realm = await authorize(request, 'manage-users');
        const user = userOf(realm, request);
        const credential = (request.body ?? {}) as Record<string, unknown>;
        const value = asString(credential.value);
        if (!value) throw keycloakErrors.oauth(400, 'missing credential value', 'missing credential value');
        const violation = checkPasswordPolicy(
          parsePasswordPolicy(realm.settings.passwordPolicy),
          value,
          user,
        );
        if (violation) throw keycloakErrors.oauth(400, violation.messageKey, violation.message);
        await setPassword(realm, user, value, credential.temporary !== false);
        return empty();
      },
    },
    {
      method: 'GET',
      path: `${base}/users/{user-id}/credentials`,
      handler: async (request) => {
        const realm = await authorize(request, 'view-users');
        const user = userOf(realm, request);
        return json(200, user.credentials.map(toCredentialRepresentation));
      },
    },
    {
      method: 'DELETE',
      path: `${base}/users/{user-id}/credentials/{credentialId}`,
      handler: async (request) => {
        const realm = await authorize(request, 'manage-users');
        const user = userOf(realm, request);
        const before = user.credentials.length;
        user.credentials = user.credentials.filter(
          (credential) => credential.id !== request.params.credentialId,
        );
        if (user.credentials.length === before) throw keycloakErrors.notFound('Credential');
        return empty();
      },
    },
    {
      method: 'GET',
      path: `${base}/users/{user-id}/groups`,
      handler: async (request) => {
        const realm = await authorize(request, 'view-users');
        const user = userOf(realm, request);
        const search = request.query.get('search')?.toLowerCase();
        const groups = [...user.groupIds]
          .map((id) => realm.groups.get(id))
          .filter((group) => group !== undefined)
          .filter((group) => !search || group.name.toLowerCase().includes(search))
          .sort((left, right) => left.name.localeCompare(right.name));
        return json(
          200,
          page(groups, request.query, 100).map((group) => toGroupRepresentation(realm, group)),
        );
      },
    },
    {
      method: 'PUT',
      path: `${base}/users/{user-id}/groups/{groupId}`,
      handler: async (request) => {
        const realm = await authorize(request, 'manage-users');
        const user = userOf(realm, request);
        const group = realm.groups.get(request.params.groupId ?? '');
        if (!group) throw keycloakErrors.notFound('Group');
        user.groupIds.add(group.id);
        return empty();
      },
    },
    {
      method: 'DELETE',
      path: `${base}/users/{user-id}/groups/{groupId}`,
      handler: async (request) => {
        const realm = await authorize(request, 'manage-users');
        const user = userOf(realm, request);
        const group = realm.groups.get(request.params.groupId ?? '');
        if (!group) throw keycloakErrors.notFound('Group');
        user.groupIds.delete(group.id);
        return empty();
      },
    },
    {
      method: 'GET',
      path: `${base}/users/{user-id}/role-mappings`,
      handler: async (request) => {
        const realm = await authorize(request, 'view-users');
        const user = userOf(realm, request);
        const roles = [...user.realmRoles]
          .map((name) => realm.roles.get(name))
          .filter((role) => role !== undefined);
        return json(200, { realmMappings: roles.map((role) => toRoleRepresentation(realm, role, true)) });
      },
    },
    {
      method: 'GET',
      path: `${base}/users/{user-id}/role-mappings/realm`,
      handler: async (request) => {
        const realm = await authorize(request, 'view-users');
        const user = userOf(realm, request);
        const roles = [...user.realmRoles]
          .map((name) => realm.roles.get(name))
          .filter((role) => role !== undefined);
        return json(
          200,
          roles.map((role) => toRoleRepresentation(realm, role, true)),
        );
      },
    },
    ...(['POST', 'DELETE'] as const).map(
      (method): FakeRoute => ({
        method,
        path: `${base}/users/{user-id}/role-mappings/realm`,
        handler: async (request) => {
          const realm = await authorize(request, 'manage-users');
          const user = userOf(realm, request);
          const wanted = Array.isArray(request.body) ? (request.body as Record<string, unknown>[]) : [];
          const names = wanted.map((role) => {
            const byName = realm.roles.get(asString(role.name) ?? '');
            const byId = [...realm.roles.values()].find((candidate) => candidate.id === role.id);
            const found = byName ?? byId;
            if (!found) throw keycloakErrors.notFound('Role');
            return found.name;
          });
          for (const name of names) {
            if (method === 'POST') user.realmRoles.add(name);
            else user.realmRoles.delete(name);
          }
          return empty();
        },
      }),
    ),
    {
      method: 'POST',
      path: `${base}/users/{user-id}/logout`,
      handler: async (request) => {
        const realm = await authorize(request, 'manage-users');
        const user = userOf(realm, request);
        realm.endSessionsOf(user.id);
        return empty();
      },
    },
    {
      method: 'GET',
      path: `${base}/users/{user-id}/sessions`,
      handler: async (request) => {
        const realm = await authorize(request, 'view-users');
        const user = userOf(realm, request);
        const sessions = [...realm.sessions.values()].filter((session) => session.userId === user.id);
        return json(
          200,
          sessions.map((session) => toSessionRepresentation(realm, session)),
        );
      },
    },
    {
      method: 'GET',
      path: `${base}/attack-detection/brute-force/users/{userId}`,
      handler: async (request) => {
        const realm = await authorize(request, 'view-users');
        const failures = realm.loginFailures.get(request.params.userId ?? '');
        return json(200, {
          numFailures: failures?.numFailures ?? 0,
          disabled: failures !== undefined && failures.lockedUntil > Date.now(),
          lastIPFailure: failures?.lastIPFailure ?? 'n/a',
          lastFailure: failures?.lastFailure ?? 0,
        });
      },
    },
    {
      method: 'DELETE',
      path: `${base}/attack-detection/brute-force/users/{userId}`,
      handler: async (request) => {
        const realm = await authorize(request, 'manage-users');
        realm.loginFailures.delete(request.params.userId ?? '');
        return empty();
      },
    },
    // Groups
    {
      method: 'GET',
      path: `${base}/groups`,
      handler: async (request) => {
        const realm = await authorize(request, 'view-users');
        const search = request.query.get('search');
        const exact = bool(request.query, 'exact') === true;
        let groups = [...realm.groups.values()].filter((group) => group.parentId === null);
        if (search) {
          groups = groups.filter((group) =>
            exact ? group.name === search : group.name.toLowerCase().includes(search.toLowerCase()),
          );
        }
        groups.sort((left, right) => left.name.localeCompare(right.name));
        const brief = bool(request.query, 'briefRepresentation') !== false;
        return json(
          200,
          page(groups, request.query, 100).map((group) => toGroupRepresentation(realm, group, brief)),
        );
      },
    },
    {
      method: 'GET',
      path: `${base}/groups/count`,
      handler: async (request) => {
        const realm = await authorize(request, 'view-users');
        const search = request.query.get('search')?.toLowerCase();
        const top = bool(request.query, 'top') === true;
        const count = [...realm.groups.values()].filter(
          (group) =>
            (!top || group.parentId === null) && (!search || group.name.toLowerCase().includes(search)),
        ).length;
        return json(200, { count });
      },
    },
    {
      method: 'POST',
      path: `${base}/groups`,
      handler: async (request) => {
        const realm = await authorize(request, 'manage-users');
        const representation = (request.body ?? {}) as Record<string, unknown>;
        const name = asString(representation.name)?.trim();
        if (!name) throw keycloakErrors.badRequest('Group name is missing');
        if ([...realm.groups.values()].some((group) => group.parentId === null && group.name === name)) {
          throw keycloakErrors.conflict(`Top level group named '${name}' already exists.`);
        }
        const group = {
          id: randomUUID(),
          name,
          parentId: null,
          attributes: (representation.attributes as Record<string, string[]> | undefined) ?? {},
          realmRoles: new Set<string>(),
          ...(asString(representation.description) === undefined
            ? {}
            : { description: asString(representation.description) as string }),
        };
        realm.groups.set(group.id, group);
        return empty(201, location(request, group.id));
      },
    },
    {
      method: 'GET',
      path: `${base}/groups/{group-id}`,
      handler: async (request) => {
        const realm = await authorize(request, 'view-users');
        const group = realm.groups.get(request.params['group-id'] ?? '');
        if (!group) throw keycloakErrors.notFound('Could not find group by id');
        return json(200, toGroupRepresentation(realm, group, false));
      },
    },
    {
      method: 'PUT',
      path: `${base}/groups/{group-id}`,
      handler: async (request) => {
        const realm = await authorize(request, 'manage-users');
        const group = realm.groups.get(request.params['group-id'] ?? '');
        if (!group) throw keycloakErrors.notFound('Could not find group by id');
        const representation = (request.body ?? {}) as Record<string, unknown>;
        const name = asString(representation.name);
        if (name !== undefined) {
          const clash = [...realm.groups.values()].some(
            (other) => other !== group && other.parentId === group.parentId && other.name === name,
          );
          if (clash) throw keycloakErrors.conflict(`Sibling group named '${name}' already exists.`);
          group.name = name;
        }
        const description = asString(representation.description);
        if (description !== undefined) group.description = description;
        if (representation.attributes && typeof representation.attributes === 'object') {
          group.attributes = representation.attributes as Record<string, string[]>;
        }
        return empty();
      },
    },
    {
      method: 'DELETE',
      path: `${base}/groups/{group-id}`,
      handler: async (request) => {
        const realm = await authorize(request, 'manage-users');
        const group = realm.groups.get(request.params['group-id'] ?? '');
        if (!group) throw keycloakErrors.notFound('Could not find group by id');
        const removed = new Set<string>([group.id]);
        let grew = true;
        while (grew) {
          grew = false;
          for (const candidate of realm.groups.values()) {
            if (candidate.parentId && removed.has(candidate.parentId) && !removed.has(candidate.id)) {
              removed.add(candidate.id);
              grew = true;
            }
          }
        }
        for (const id of removed) realm.groups.delete(id);
        for (const user of realm.users.values()) for (const id of removed) user.groupIds.delete(id);
        return empty();
      },
    },
    {
      method: 'GET',
      path: `${base}/groups/{group-id}/members`,
      handler: async (request) => {
        const realm = await authorize(request, 'view-users');
        const group = realm.groups.get(request.params['group-id'] ?? '');
        if (!group) throw keycloakErrors.notFound('Could not find group by id');
        const members = realm
          .people()
          .filter((user) => user.groupIds.has(group.id))
          .sort((left, right) => left.username.localeCompare(right.username));
        const brief = bool(request.query, 'briefRepresentation') === true;
        return json(
          200,
          page(members, request.query, 100).map((user) => toUserRepresentation(user, brief)),
        );
      },
    },
    // Realm roles
    {
      method: 'GET',
      path: `${base}/roles`,
      handler: async (request) => {
        const realm = await authorize(request, 'view-users');
        const search = request.query.get('search')?.toLowerCase();
        const roles = [...realm.roles.values()]
          .filter((role) => !search || role.name.toLowerCase().includes(search))
          .sort((left, right) => left.name.localeCompare(right.name));
        const brief = bool(request.query, 'briefRepresentation') !== false;
        return json(
          200,
          page(roles, request.query, 100).map((role) => toRoleRepresentation(realm, role, brief)),
        );
      },
    },
    {
      method: 'POST',
      path: `${base}/roles`,
      handler: async (request) => {
        const realm = await authorize(request, 'manage-realm');
        const representation = (request.body ?? {}) as Record<string, unknown>;
        const name = asString(representation.name);
        if (!name) throw keycloakErrors.badRequest('Role name is missing');
        if (realm.roles.has(name)) throw keycloakErrors.conflict(`Role with name ${name} already exists`);
        realm.addRole(name, [], asString(representation.description));
        return empty(201, location(request, name));
      },
    },
    {
      method: 'GET',
      path: `${base}/roles/{role-name}`,
      handler: async (request) => {
        const realm = await authorize(request, 'view-users');
        const role = realm.roles.get(request.params['role-name'] ?? '');
        if (!role) throw keycloakErrors.notFound('Could not find role');
        return json(200, toRoleRepresentation(realm, role));
      },
    },
    {
      method: 'DELETE',
      path: `${base}/roles/{role-name}`,
      handler: async (request) => {
        const realm = await authorize(request, 'manage-realm');
        const name = request.params['role-name'] ?? '';
        if (!realm.roles.has(name)) throw keycloakErrors.notFound('Could not find role');
        if (name === realm.defaultRoleName)
          throw keycloakErrors.badRequest('You cannot delete a default role');
        realm.roles.delete(name);
        for (const user of realm.users.values()) user.realmRoles.delete(name);
        for (const role of realm.roles.values()) role.composites.delete(name);
        return empty();
      },
    },
    {
      method: 'GET',
      path: `${base}/roles/{role-name}/users`,
      handler: async (request) => {
        const realm = await authorize(request, 'view-users');
        const name = request.params['role-name'] ?? '';
        if (!realm.roles.has(name)) throw keycloakErrors.notFound('Could not find role');
        const users = realm
          .people()
          .filter((user) => user.realmRoles.has(name))
          .sort((left, right) => left.username.localeCompare(right.username));
        const brief = bool(request.query, 'briefRepresentation') === true;
        return json(
          200,
          page(users, request.query, 100).map((user) => toUserRepresentation(user, brief)),
        );
      },
    },
    // Partial import (users, groups and realm roles).
    {
      method: 'POST',
      path: `${base}/partialImport`,
      handler: async (request) => {
        const realm = await authorize(request, 'manage-realm');
        const body = (request.body ?? {}) as Record<string, unknown>;
        const policy = asString(body.ifResourceExists) ?? 'FAIL';
        if (!['FAIL', 'SKIP', 'OVERWRITE'].includes(policy))
          throw keycloakErrors.badRequest('Invalid ifResourceExists');
        const results: Record<string, unknown>[] = [];
        const counts = { added: 0, skipped: 0, overwritten: 0 };
        // Keycloak imports in one transaction: a FAIL conflict rolls back the whole import.
        const pendingRoles: string[] = [];
        const realmRoles = (
          (body.roles as { realm?: Record<string, unknown>[] } | undefined)?.realm ?? []
        ).map((role) => role);
        for (const role of realmRoles) {
          const name = asString(role.name) ?? '';
          if (realm.roles.has(name)) {
            if (policy === 'FAIL') throw keycloakErrors.conflict(`Realm role '${name}' already exists.`);
            if (policy === 'SKIP') {
              counts.skipped += 1;
              results.push({
                action: 'SKIPPED',
                resourceType: 'REALM_ROLE',
                resourceName: name,
                id: realm.roles.get(name)?.id,
              });
              continue;
            }
          }
          pendingRoles.push(name);
        }
        const users = Array.isArray(body.users) ? (body.users as Record<string, unknown>[]) : [];
        const planned: { representation: Record<string, unknown>; existing: StoredUser | undefined }[] = [];
        for (const representation of users) {
          const username = asString(representation.username) ?? '';
          const email = asString(representation.email);
          const existing =
            realm.findByUsername(username) ??
            (email && !realm.settings.duplicateEmailsAllowed ? realm.findByEmail(email) : undefined);
          if (existing && policy === 'FAIL')
            throw keycloakErrors.conflict(`User '${username}' already exists.`);
          planned.push({ representation, existing });
        }
        for (const name of pendingRoles) {
          const existed = realm.roles.has(name);
          const role = realm.addRole(name);
          counts[existed ? 'overwritten' : 'added'] += 1;
          results.push({
            action: existed ? 'OVERWRITTEN' : 'ADDED',
            resourceType: 'REALM_ROLE',
            resourceName: name,
            id: role.id,
          });
        }
        for (const { representation, existing } of planned) {
          const username = (asString(representation.username) ?? '').toLowerCase();
          if (existing && policy === 'SKIP') {
            counts.skipped += 1;
            results.push({
              action: 'SKIPPED',
              resourceType: 'USER',
              resourceName: username,
              id: existing.id,
            });
            continue;
          }
          if (existing) {
            realm.endSessionsOf(existing.id);
            realm.users.delete(existing.id);
          }
          const user = await createUser(realm, representation, asString(representation.id));
          for (const path of Array.isArray(representation.groups)
            ? (representation.groups as string[])
            : []) {
            const group = realm.findGroupByPath(path.startsWith('/') ? path : `/${path}`);
            if (group) user.groupIds.add(group.id);
          }
          for (const name of Array.isArray(representation.realmRoles)
            ? (representation.realmRoles as string[])
            : []) {
            if (realm.roles.has(name)) user.realmRoles.add(name);
          }
          realm.users.set(user.id, user);
          counts[existing ? 'overwritten' : 'added'] += 1;
          results.push({
            action: existing ? 'OVERWRITTEN' : 'ADDED',
            resourceType: 'USER',
            resourceName: user.username,
            id: user.id,
          });
        }
        return json(200, { ...counts, results });
      },
    },
  ];
  return routes;
}
