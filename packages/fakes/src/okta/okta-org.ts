import { randomBytes } from 'node:crypto';
import { createSigningKey, type SigningKey } from '../framework/signing-keys';
import type { StoredPassword } from './okta-passwords';

/** An OAuth client of the fake org (an OIDC app with direct authentication grants). */
export interface OktaClientSettings {
  readonly clientId: string;
  /** Omit for a public client. */
  readonly clientSecret?: string;
  /** Grants the app may use (`password`, `refresh_token`, `http://auth0.com/oauth/grant-type/mfa-otp`...). */
  readonly grantTypes: readonly string[];
  /**
   * `rotate`: each refresh returns a new refresh token and reuse of a rotated one after
   * the grace period revokes the whole chain; `persistent`: the same token is kept.
   */
  readonly refreshTokenBehavior?: 'rotate' | 'persistent';
  /** Seconds a rotated refresh token keeps working (Okta: 0–60, default 30). The fake defaults to 0. */
  readonly refreshTokenGracePeriodSeconds?: number;
}

/** An API service app allowed to call the management API with OAuth 2.0 (private key JWT). */
export interface OktaServiceAppSettings {
  readonly clientId: string;
  /** Public JWK(s) of the app's key pair (`kid` matched when the assertion names one). */
  readonly publicKeys: readonly Record<string, unknown>[];
  /** Okta admin scopes granted to the app (`okta.users.manage`, `okta.groups.read`, ...). */
  readonly scopes: readonly string[];
}

/** Settings of the fake org. */
export interface OktaOrgSettings {
  /** API tokens accepted in `Authorization: SSWS <token>`. */
  readonly apiTokens: readonly string[];
  readonly clients: readonly OktaClientSettings[];
  /** Service apps for the management API (`/oauth2/v1/token` client_credentials with private key JWT). */
  readonly serviceApps?: readonly OktaServiceAppSettings[];
  /** Custom authorization servers (the `default` one always exists). */
  readonly authorizationServers?: readonly { readonly id: string; readonly audience: string }[];
  /** Minimum password length of the default policy (Okta: 8). */
  readonly passwordMinLength?: number;
  /** Failed password attempts before the user is LOCKED_OUT (Okta's default password policy: 10). 0 turns lockout off. */
  readonly lockoutAttempts?: number;
  /** Adds a `groups` claim with every group of the user to access and ID tokens (a claim a real org must configure). */
  readonly groupsClaim?: boolean;
  /** Access token lifetime in seconds (Okta default 3600). */
  readonly accessTokenLifetimeSeconds?: number;
}

/** A user as the fake stores it. */
export interface OktaUserRecord {
  id: string;
  status:
    | 'STAGED'
    | 'PROVISIONED'
    | 'ACTIVE'
    | 'RECOVERY'
    | 'PASSWORD_EXPIRED'
    | 'LOCKED_OUT'
    | 'SUSPENDED'
    | 'DEPROVISIONED';
  created: string;
  activated: string | null;
  statusChanged: string | null;
  lastLogin: string | null;
  lastUpdated: string;
  passwordChanged: string | null;
  profile: Record<string, unknown>;
  password: StoredPassword | null;
  /** Consecutive failed password attempts (reset by a success or an unlock). */
  failedAttempts: number;
  /** Monotonic order of creation, for stable listing. */
  sequence: number;
}

/** A factor as the fake stores it (TOTP only). */
export interface OktaFactorRecord {
  id: string;
  userId: string;
  factorType: 'token:software:totp';
  provider: 'OKTA' | 'GOOGLE';
  status: 'PENDING_ACTIVATION' | 'ACTIVE';
  /** Base32 shared secret. */
  secret: string;
  created: string;
  lastUpdated: string;
  /** Last accepted time step; Okta refuses a passcode twice. */
  lastStep: number;
}

export interface OktaGroupRecord {
  id: string;
  name: string;
  description: string | null;
  created: string;
  lastUpdated: string;
  lastMembershipUpdated: string;
  members: Set<string>;
  sequence: number;
}

/** A refresh token and the chain (family) it belongs to, for rotation and reuse detection. */
export interface RefreshTokenRecord {
  token: string;
  userId: string;
  clientId: string;
  authorizationServerId: string;
  scopes: string[];
  family: string;
  /** Set when rotated: the token stops working after the grace period. */
  rotatedAt: number | null;
  revoked: boolean;
}

/** A pending MFA step (direct auth `mfa_token` or authn `stateToken`). */
export interface MfaTransaction {
  token: string;
  userId: string;
  expiresAt: number;
  clientId?: string;
  authorizationServerId?: string;
  scopes?: string[];
  kind: 'direct' | 'authn';
  /** authn only: MFA_REQUIRED, PASSWORD_EXPIRED. */
  authnStatus?: 'MFA_REQUIRED' | 'PASSWORD_EXPIRED';
}

const idAlphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** An Okta-style id: a three-character prefix (`00u` users, `00g` groups, `uft` TOTP factors) and 17 characters. */
export function oktaId(prefix: string): string {
  return prefix + [...randomBytes(17)].map((byte) => idAlphabet[byte % idAlphabet.length]).join('');
}

export function opaqueToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** The state of one fake Okta org. */
export class OktaOrg {
  readonly users = new Map<string, OktaUserRecord>();
  /** Lower-cased login → user id. */
  readonly logins = new Map<string, string>();
  readonly groups = new Map<string, OktaGroupRecord>();
  readonly factors = new Map<string, OktaFactorRecord>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  readonly transactions = new Map<string, MfaTransaction>();
  /** One-time session tokens from `/api/v1/authn` SUCCESS. */
  readonly sessionTokens = new Map<string, { userId: string; expiresAt: number }>();
  /** Management access tokens issued to service apps: token → granted scopes and expiry. */
  readonly managementTokens = new Map<string, { clientId: string; scopes: string[]; expiresAt: number }>();
  #sequence = 0;

  private constructor(
    readonly settings: OktaOrgSettings,
    readonly signingKey: SigningKey,
  ) {}

  static async create(settings: OktaOrgSettings, key?: SigningKey): Promise<OktaOrg> {
    return new OktaOrg(settings, key ?? (await createSigningKey()));
  }

  nextSequence(): number {
    this.#sequence += 1;
    return this.#sequence;
  }

  /** A user by id or login (Okta accepts both in `/api/v1/users/{id}`). */
  findUser(idOrLogin: string): OktaUserRecord | undefined {
    const byId = this.users.get(idOrLogin);
    if (byId) return byId;
    const id = this.logins.get(idOrLogin.toLowerCase());
    return id ? this.users.get(id) : undefined;
  }

  client(clientId: string): OktaClientSettings | undefined {
    return this.settings.clients.find((client) => client.clientId === clientId);
  }

  audience(authorizationServerId: string): string | undefined {
    if (authorizationServerId === 'default') {
      return (
        this.settings.authorizationServers?.find((server) => server.id === 'default')?.audience ??
        'api://default'
      );
    }
    return this.settings.authorizationServers?.find((server) => server.id === authorizationServerId)
      ?.audience;
  }

  factorsOf(userId: string): OktaFactorRecord[] {
    return [...this.factors.values()].filter((factor) => factor.userId === userId);
  }

  activeFactorsOf(userId: string): OktaFactorRecord[] {
    return this.factorsOf(userId).filter((factor) => factor.status === 'ACTIVE');
  }

  groupsOf(userId: string): OktaGroupRecord[] {
    return [...this.groups.values()]
      .filter((group) => group.members.has(userId))
      .sort((a, b) => a.sequence - b.sequence);
  }

  /**
   * Checks a password for sign-in and counts failures: at `lockoutAttempts` consecutive
   * failures an ACTIVE user becomes LOCKED_OUT (unlocked by the unlock lifecycle call).
   */
  recordPasswordAttempt(user: OktaUserRecord, ok: boolean): void {
    if (ok) {
      user.failedAttempts = 0;
      return;
    }
    user.failedAttempts += 1;
    const limit = this.settings.lockoutAttempts ?? 10;
    if (limit > 0 && user.failedAttempts >= limit && user.status === 'ACTIVE') {
      user.status = 'LOCKED_OUT';
      user.statusChanged = new Date().toISOString();
      user.lastUpdated = user.statusChanged;
    }
  }

  /** Revokes every refresh token of a user (sessions cleared with `oauthTokens=true`, deactivation). */
  revokeTokensOf(userId: string): void {
    for (const record of this.refreshTokens.values()) if (record.userId === userId) record.revoked = true;
  }

  removeUser(userId: string): void {
    const user = this.users.get(userId);
    if (!user) return;
    this.users.delete(userId);
    this.logins.delete(String(user.profile.login).toLowerCase());
    for (const group of this.groups.values()) group.members.delete(userId);
    for (const [id, factor] of this.factors) if (factor.userId === userId) this.factors.delete(id);
    this.revokeTokensOf(userId);
  }
}
