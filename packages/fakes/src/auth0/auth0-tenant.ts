import { randomBytes, randomUUID } from 'node:crypto';
import { createSigningKey, type SigningKey } from '../framework/signing-keys';
import type { StoredPassword } from './auth0-password-hashes';

/** An application (client) of the tenant. */
export interface Auth0ApplicationSettings {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Grant types enabled on the application (Auth0: Application → Advanced → Grant Types). */
  readonly grantTypes: readonly string[];
  /** For machine-to-machine applications: the Management API scopes granted to it. */
  readonly managementScopes?: readonly string[];
}

/** What the fake tenant looks like. */
export interface Auth0TenantSettings {
  /** The tenant domain, as the SDKs are configured (`idport-test.eu.auth0.com`); tokens carry `https://{domain}/`. */
  readonly domain: string;
  /** The database connection (Auth0's default directory). */
  readonly connection: { readonly id: string; readonly name: string };
  readonly applications: readonly Auth0ApplicationSettings[];
  /** Audience of the API the app requests access tokens for (Auth0: Applications → APIs). */
  readonly apiAudience: string;
  /**
   * Custom claim a post-login Action adds with the user's role names. Auth0 puts no roles in
   * tokens by default; the README's tenant setup installs that Action. Null: no claim.
   */
  readonly rolesClaim: string | null;
  /** Minimum length of Auth0's "fair" password policy (default 8), plus three of four character classes. */
  readonly passwordMinLength: number;
  /** bcrypt cost for passwords the fake hashes. Auth0 uses 10; tests may lower it. */
  readonly bcryptCost: number;
  /** Access token lifetime in seconds (Auth0 default 86400). */
  readonly accessTokenLifetime: number;
  /** Whether refresh tokens rotate (Auth0 "Refresh Token Rotation", with reuse detection). Default true. */
  readonly rotateRefreshTokens: boolean;
}

/** A second factor of a user (Auth0 "authentication method" / MFA API "authenticator"). */
export interface Auth0Authenticator {
  readonly id: string;
  readonly type: 'totp' | 'recovery-code' | 'phone' | 'email';
  /** Base32 secret (totp), the code (recovery-code), or the phone number / email. */
  secret: string;
  name: string | null;
  /** False while an `/mfa/associate` enrollment waits for its first code. */
  confirmed: boolean;
  readonly createdAt: string;
  enrolledAt: string | null;
}

/** A user of the database connection. */
export interface Auth0User {
  readonly userId: string;
  email: string;
  emailVerified: boolean;
  givenName: string | null;
  familyName: string | null;
  name: string | null;
  nickname: string | null;
  phoneNumber: string | null;
  picture: string | null;
  userMetadata: Record<string, unknown>;
  appMetadata: Record<string, unknown>;
  blocked: boolean;
  readonly createdAt: string;
  updatedAt: string;
  lastLogin: string | null;
  loginsCount: number;
  password: StoredPassword | null;
  readonly roles: Set<string>;
  readonly authenticators: Auth0Authenticator[];
  /** Highest TOTP time step already used, so a code cannot be replayed. */
  lastTotpStep: number;
  /** Monotonic insertion order, for stable listing when timestamps tie. */
  readonly sequence: number;
}

/** A role (the port's groups). */
export interface Auth0Role {
  readonly id: string;
  name: string;
  description: string | null;
}

/** One rotating refresh token; tokens of one sign-in share a family. */
export interface Auth0RefreshToken {
  readonly token: string;
  readonly family: string;
  readonly userId: string;
  readonly clientId: string;
  readonly scope: string;
  readonly audience: string;
  /** Set when the token was exchanged (rotation): a second use is reuse and revokes the family. */
  used: boolean;
}

/** The pending state of a sign-in waiting for its second factor. */
export interface Auth0MfaTransaction {
  readonly mfaToken: string;
  readonly userId: string;
  readonly clientId: string;
  readonly scope: string;
  readonly audience: string;
  readonly expiresAt: number;
}

/** A bulk import or export job. */
export interface Auth0Job {
  readonly id: string;
  readonly type: 'users_import' | 'users_export';
  status: 'pending' | 'processing' | 'completed' | 'failed';
  readonly createdAt: string;
  readonly connectionId: string;
  readonly connection: string;
  readonly upsert?: boolean;
  readonly externalId?: string;
  readonly format?: 'json' | 'csv';
  readonly fields?: readonly { name: string; export_as?: string }[];
  readonly limit?: number;
  summary?: { failed: number; updated: number; inserted: number; total: number };
  errors?: { user: Record<string, unknown>; errors: { code: string; message: string; path?: string }[] }[];
  /** Gzipped export file. */
  file?: Buffer;
}

/** Everything a tenant holds. Plain maps: the fake is in-memory and single-process. */
export class Auth0Tenant {
  readonly users = new Map<string, Auth0User>();
  readonly roles = new Map<string, Auth0Role>();
  readonly refreshTokens = new Map<string, Auth0RefreshToken>();
  readonly revokedFamilies = new Set<string>();
  readonly mfaTransactions = new Map<string, Auth0MfaTransaction>();
  readonly jobs = new Map<string, Auth0Job>();
  #sequence = 0;

  private constructor(
    readonly settings: Auth0TenantSettings,
    readonly signingKey: SigningKey,
  ) {}

  static async create(settings: Auth0TenantSettings, signingKey?: SigningKey): Promise<Auth0Tenant> {
    return new Auth0Tenant(
      settings,
      signingKey ?? (await createSigningKey(randomBytes(16).toString('base64url'))),
    );
  }

  get issuer(): string {
    return `https://${this.settings.domain}/`;
  }

  get managementAudience(): string {
    return `https://${this.settings.domain}/api/v2/`;
  }

  application(clientId: string | undefined): Auth0ApplicationSettings | undefined {
    return this.settings.applications.find((application) => application.clientId === clientId);
  }

  findByEmail(email: string): Auth0User | undefined {
    const wanted = email.toLowerCase();
    for (const user of this.users.values()) if (user.email === wanted) return user;
    return undefined;
  }

  /** A new user id as Auth0 makes them for database connections: `auth0|` + 24 hex characters. */
  newUserId(): string {
    return `auth0|${randomBytes(12).toString('hex')}`;
  }

  newUser(userId: string, email: string): Auth0User {
    const now = new Date().toISOString();
    this.#sequence += 1;
    return {
      userId,
      email: email.toLowerCase(),
      emailVerified: false,
      givenName: null,
      familyName: null,
      name: null,
      nickname: null,
      phoneNumber: null,
      picture: null,
      userMetadata: {},
      appMetadata: {},
      blocked: false,
      createdAt: now,
      updatedAt: now,
      lastLogin: null,
      loginsCount: 0,
      password: null,
      roles: new Set(),
      authenticators: [],
      lastTotpStep: -1,
      sequence: this.#sequence,
    };
  }

  newAuthenticatorId(type: Auth0Authenticator['type']): string {
    const prefix = { totp: 'totp', 'recovery-code': 'recovery-code', phone: 'sms', email: 'email' }[type];
    return `${prefix}|dev_${randomBytes(12).toString('base64url')}`;
  }

  /** Confirmed second factors that make sign-in ask for MFA (recovery codes alone do not). */
  activeFactors(user: Auth0User): Auth0Authenticator[] {
    return user.authenticators.filter(
      (authenticator) => authenticator.confirmed && authenticator.type !== 'recovery-code',
    );
  }

  /** Revokes every refresh token of a user (and, for a client, only that client's). */
  revokeUserRefreshTokens(userId: string, clientId?: string): void {
    for (const token of this.refreshTokens.values()) {
      if (token.userId === userId && (clientId === undefined || token.clientId === clientId)) {
        this.revokedFamilies.add(token.family);
      }
    }
  }

  newRefreshToken(
    fields: Omit<Auth0RefreshToken, 'token' | 'used' | 'family'> & { family?: string },
  ): Auth0RefreshToken {
    const token: Auth0RefreshToken = {
      token: `v1.${randomBytes(48).toString('base64url')}`,
      family: fields.family ?? randomUUID(),
      userId: fields.userId,
      clientId: fields.clientId,
      scope: fields.scope,
      audience: fields.audience,
      used: false,
    };
    this.refreshTokens.set(token.token, token);
    return token;
  }

  deleteUser(userId: string): void {
    this.users.delete(userId);
    this.revokeUserRefreshTokens(userId);
  }
}

/** A recovery code as Auth0 issues them: 24 upper-case letters and digits. */
export function newRecoveryCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(24);
  return [...bytes].map((byte) => alphabet[byte % alphabet.length]).join('');
}
