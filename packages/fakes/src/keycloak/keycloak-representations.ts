import type { KeycloakRealm, StoredGroup, StoredRole, StoredUser, UserSession } from './keycloak-realm';

/** Keycloak's UserRepresentation of a stored user, as GET /users returns it (no credentials). */
export function toUserRepresentation(user: StoredUser, brief = false): Record<string, unknown> {
  const representation: Record<string, unknown> = {
    id: user.id,
    username: user.username,
  };
  if (user.firstName !== undefined) representation.firstName = user.firstName;
  if (user.lastName !== undefined) representation.lastName = user.lastName;
  if (user.email !== undefined) representation.email = user.email;
  representation.emailVerified = user.emailVerified;
  if (!brief && Object.keys(user.attributes).length > 0)
    representation.attributes = structuredClone(user.attributes);
  representation.createdTimestamp = user.createdTimestamp;
  representation.enabled = user.enabled;
  if (brief) return representation;
  representation.totp = user.credentials.some((credential) => credential.type === 'otp');
  if (user.serviceAccountClientId) representation.serviceAccountClientId = user.serviceAccountClientId;
  representation.disableableCredentialTypes = user.credentials.some((credential) => credential.type === 'otp')
    ? ['otp']
    : [];
  representation.requiredActions = [...user.requiredActions];
  representation.notBefore = user.notBefore;
  representation.access = {
    manageGroupMembership: true,
    view: true,
    mapRoles: true,
    impersonate: false,
    manage: true,
  };
  return representation;
}

export function toGroupRepresentation(
  realm: KeycloakRealm,
  group: StoredGroup,
  brief = true,
): Record<string, unknown> {
  const children = [...realm.groups.values()].filter((candidate) => candidate.parentId === group.id);
  const representation: Record<string, unknown> = {
    id: group.id,
    name: group.name,
  };
  if (group.description !== undefined) representation.description = group.description;
  representation.path = realm.groupPath(group);
  if (group.parentId) representation.parentId = group.parentId;
  representation.subGroupCount = children.length;
  representation.subGroups = [];
  if (!brief) {
    representation.attributes = structuredClone(group.attributes);
    representation.realmRoles = [...group.realmRoles];
    representation.clientRoles = {};
  }
  representation.access = {
    view: true,
    viewMembers: true,
    manageMembers: true,
    manage: true,
    manageMembership: true,
  };
  return representation;
}

export function toRoleRepresentation(
  realm: KeycloakRealm,
  role: StoredRole,
  brief = false,
): Record<string, unknown> {
  const representation: Record<string, unknown> = {
    id: role.id,
    name: role.name,
  };
  if (role.description !== undefined) representation.description = role.description;
  representation.composite = role.composites.size > 0;
  representation.clientRole = false;
  representation.containerId = realm.id;
  if (!brief) representation.attributes = structuredClone(role.attributes);
  return representation;
}

export function toSessionRepresentation(realm: KeycloakRealm, session: UserSession): Record<string, unknown> {
  const user = realm.users.get(session.userId);
  const clients: Record<string, string> = {};
  for (const clientId of session.clients) {
    const client = realm.clients.get(clientId);
    if (client) clients[client.id] = clientId;
  }
  return {
    id: session.id,
    username: user?.username ?? '',
    userId: session.userId,
    ipAddress: session.ipAddress,
    start: session.started,
    lastAccess: session.lastAccess,
    rememberMe: false,
    clients,
    transientUser: false,
  };
}

/** The credential as GET /users/{id}/credentials shows it: Keycloak never returns `secretData`. */
export function toCredentialRepresentation(credential: {
  id: string;
  type: string;
  userLabel?: string;
  createdDate: number;
  credentialData: string;
  priority: number;
}): Record<string, unknown> {
  const representation: Record<string, unknown> = { id: credential.id, type: credential.type };
  if (credential.userLabel !== undefined) representation.userLabel = credential.userLabel;
  representation.createdDate = credential.createdDate;
  representation.credentialData = credential.credentialData;
  representation.priority = credential.priority;
  return representation;
}
