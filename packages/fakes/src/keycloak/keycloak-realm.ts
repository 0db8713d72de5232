import { randomBytes, randomUUID } from 'node:crypto';
import { createSigningKey, type SigningKey } from '../framework/signing-keys';
import type { StoredCredential } from './keycloak-passwords';

/** Realm settings the fake honours (names as in Keycloak's RealmRepresentation). */
export interface KeycloakRealmSettings {
  readonly realm: string;
  readonly enabled?: boolean;
  /** Users may sign in with their email (default true). */
  readonly loginWithEmailAllowed?: boolean;
  /** Usernames are the email (default false). */
  readonly registrationEmailAsUsername?: boolean;
  /** Default false: a second user with the same email is refused (409). */
  readonly duplicateEmailsAllowed?: boolean;
  /** Refresh-token rotation: a used refresh token stops working (default false). */
  readonly revokeRefreshToken?: boolean;
  /** Reuses allowed when `revokeRefreshToken` is on (default 0). */
  readonly refreshTokenMaxReuse?: number;
  /** Seconds (default 300). */
  readonly accessTokenLifespan?: number;
  /** Seconds a session lives without activity, bounding refresh tokens (default 1800). */
  readonly ssoSessionIdleTimeout?: number;
  /** Brute-force detection (default false) and its settings. */
  readonly bruteForceProtected?: boolean;
  readonly failureFactor?: number;
  readonly waitIncrementSeconds?: number;
  readonly maxFailureWaitSeconds?: number;
  readonly permanentLockout?: boolean;
  /** Keycloak password policy string, e.g. `length(8) and digits(1) and hashIterations(1000)`. */
  readonly passwordPolicy?: string;
  /** OTP policy (default TOTP, HmacSHA1, 6 digits, 30 s, look-around 1). */
  readonly otpPolicyAlgorithm?: string;
  readonly otpPolicyDigits?: number;
  readonly otpPolicyPeriod?: number;
  readonly otpPolicyLookAheadWindow?: number;
  /** Whether an OTP code may be used twice (Keycloak's "Reusable token", default false). */
  readonly otpPolicyCodeReusable?: boolean;
  readonly clients?: readonly KeycloakClientSettings[];
  /** Realm roles to create besides the built-in ones. */
  readonly roles?: readonly string[];
}

/** A client of the realm (names as in Keycloak's ClientRepresentation). */
export interface KeycloakClientSettings {
  readonly clientId: string;
  /** Confidential clients have a secret; public clients none. */
  readonly secret?: string;
  readonly publicClient?: boolean;
  /** Resource owner password grant allowed (default false, as in Keycloak). */
  readonly directAccessGrantsEnabled?: boolean;
  /** client_credentials allowed (service account). */
  readonly serviceAccountsEnabled?: boolean;
  /**
   * Roles of `realm-management` given to the service account (e.g. `manage-users`,
   * `view-users`, `manage-realm`), which the admin API checks.
   */
  readonly serviceAccountRealmManagementRoles?: readonly string[];
  /**
   * Claim name of a "Group Membership" protocol mapper (full path off) on this client, e.g.
   * `groups`. Keycloak puts no groups in tokens without such a mapper.
   */
  readonly groupMembershipClaim?: string;
}

/** A user as the fake stores it. */
export interface StoredUser {
  id: string;
  username: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  emailVerified: boolean;
  enabled: boolean;
  createdTimestamp: number;
  attributes: Record<string, string[]>;
  requiredActions: string[];
  credentials: StoredCredential[];
  groupIds: Set<string>;
  realmRoles: Set<string>;
  notBefore: number;
  serviceAccountClientId?: string;
}

export interface StoredGroup {
  id: string;
  name: string;
  description?: string;
  parentId: string | null;
  attributes: Record<string, string[]>;
  realmRoles: Set<string>;
}

export interface StoredRole {
  id: string;
  name: string;
  description?: string;
  composites: Set<string>;
  attributes: Record<string, string[]>;
}

export interface StoredClient {
  readonly id: string;
  readonly settings: KeycloakClientSettings;
  serviceAccountUserId: string | null;
}

/** A user session (`sid`), ended by logout, revocation or idle timeout. */
export interface UserSession {
  readonly id: string;
  readonly userId: string;
  readonly started: number;
  lastAccess: number;
  readonly clients: Set<string>;
  ipAddress: string;
}

/** What the realm remembers of an issued refresh token, for rotation and revocation. */
export interface RefreshTokenRecord {
  readonly sessionId: string;
  readonly clientId: string;
  uses: number;
  revoked: boolean;
}

/** Brute-force detector state of one user. */
export interface LoginFailures {
  numFailures: number;
  lastFailure: number;
  lastIPFailure: string;
  lockedUntil: number;
}

/** One realm's whole state. */
export class KeycloakRealm {
  readonly id: string = randomUUID();
  readonly name: string;
  settings: KeycloakRealmSettings;
  readonly users = new Map<string, StoredUser>();
  readonly groups = new Map<string, StoredGroup>();
  readonly roles = new Map<string, StoredRole>();
  readonly clients = new Map<string, StoredClient>();
  readonly sessions = new Map<string, UserSession>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  /** `jti`s of access tokens revoked through /revoke. */
  readonly revokedAccessTokens = new Set<string>();
  readonly loginFailures = new Map<string, LoginFailures>();
  /** Last accepted TOTP time step per OTP credential id, so a code cannot be replayed. */
  readonly usedOtpSteps = new Map<string, number>();
  readonly signingKey: SigningKey;
  /** Keycloak signs refresh tokens with a realm HMAC key (HS512), not the RSA key. */
  readonly refreshTokenKey: Uint8Array = randomBytes(64);

  private constructor(settings: KeycloakRealmSettings, signingKey: SigningKey) {
    this.name = settings.realm;
    this.settings = settings;
    this.signingKey = signingKey;
    const defaultRole = `default-roles-${settings.realm}`;
    for (const name of ['offline_access', 'uma_authorization', ...(settings.roles ?? [])]) this.addRole(name);
    this.addRole(defaultRole, ['offline_access', 'uma_authorization']);
    for (const client of settings.clients ?? []) this.addClient(client);
  }

  /** Creates a realm; pass the key of a previous instance to keep the JWKS stable across resets. */
  static async create(settings: KeycloakRealmSettings, signingKey?: SigningKey): Promise<KeycloakRealm> {
    return new KeycloakRealm(settings, signingKey ?? (await createSigningKey()));
  }

  get defaultRoleName(): string {
    return `default-roles-${this.name}`;
  }

  addRole(name: string, composites: readonly string[] = [], description?: string): StoredRole {
    const role: StoredRole = { id: randomUUID(), name, composites: new Set(composites), attributes: {} };
    if (description !== undefined) role.description = description;
    this.roles.set(name, role);
    return role;
  }

  addClient(settings: KeycloakClientSettings): StoredClient {
    const client: StoredClient = { id: randomUUID(), settings, serviceAccountUserId: null };
    if (settings.serviceAccountsEnabled) {
      const user = this.newUser(`service-account-${settings.clientId}`);
      user.serviceAccountClientId = settings.clientId;
      this.users.set(user.id, user);
      client.serviceAccountUserId = user.id;
    }
    this.clients.set(settings.clientId, client);
    return client;
  }

  /** A new user record (not yet stored), with the realm's default role. */
  newUser(username: string): StoredUser {
    return {
      id: randomUUID(),
      username: username.toLowerCase(),
      emailVerified: false,
      enabled: true,
      createdTimestamp: Date.now(),
      attributes: {},
      requiredActions: [],
      credentials: [],
      groupIds: new Set(),
      realmRoles: new Set([this.defaultRoleName]),
      notBefore: 0,
    };
  }

  /** Realm users that are people (service-account users are hidden from listings, as in Keycloak). */
  people(): StoredUser[] {
    return [...this.users.values()].filter((user) => user.serviceAccountClientId === undefined);
  }

  findByUsername(username: string): StoredUser | undefined {
    const wanted = username.toLowerCase();
    return [...this.users.values()].find((user) => user.username === wanted);
  }

  findByEmail(email: string): StoredUser | undefined {
    const wanted = email.toLowerCase();
    return this.people().find((user) => user.email?.toLowerCase() === wanted);
  }

  /** Every realm role a user holds, composites expanded. */
  effectiveRoles(roleNames: Iterable<string>): string[] {
    const result = new Set<string>();
    const visit = (name: string) => {
      if (result.has(name)) return;
      const role = this.roles.get(name);
      if (!role) return;
      result.add(name);
      for (const composite of role.composites) visit(composite);
    };
    for (const name of roleNames) visit(name);
    return [...result];
  }

  groupPath(group: StoredGroup): string {
    const names: string[] = [];
    let current: StoredGroup | undefined = group;
    while (current) {
      names.unshift(current.name);
      current = current.parentId ? this.groups.get(current.parentId) : undefined;
    }
    return `/${names.join('/')}`;
  }

  findGroupByPath(path: string): StoredGroup | undefined {
    return [...this.groups.values()].find((group) => this.groupPath(group) === path);
  }

  /** Ends a session and every refresh token issued in it. */
  endSession(sessionId: string): void {
    this.sessions.delete(sessionId);
    for (const [jti, record] of this.refreshTokens) {
      if (record.sessionId === sessionId) this.refreshTokens.delete(jti);
    }
  }

  endSessionsOf(userId: string): void {
    for (const session of [...this.sessions.values()]) {
      if (session.userId === userId) this.endSession(session.id);
    }
  }
}
