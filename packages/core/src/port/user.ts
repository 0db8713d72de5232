/** A value of a custom user attribute. */
export type AttributeValue = string | number | boolean | null;

/** A user as every adapter returns it. Vendor-specific fields stay in `raw`. */
export interface User {
  /** The provider's stable id for the user (Cognito `sub`, Auth0 `user_id`, Okta id, ...). */
  readonly id: string;
  readonly email: string | null;
  readonly emailVerified: boolean;
  readonly phoneNumber: string | null;
  readonly givenName: string | null;
  readonly familyName: string | null;
  readonly displayName: string | null;
  /** False when the account is disabled (blocked, suspended, deactivated). */
  readonly enabled: boolean;
  readonly createdAt: Date | null;
  readonly updatedAt: Date | null;
  /** Custom attributes, keyed without vendor prefixes (`custom:` is stripped for Cognito). */
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  /** The vendor's own object, for escape hatches. Never holds a password hash. */
  readonly raw: unknown;
}

/** Input of `users.create`. */
export interface CreateUserInput {
  email: string;
  /** Omit to create a user who cannot sign in with a password until one is set. */
  password?: string;
  emailVerified?: boolean;
  phoneNumber?: string;
  givenName?: string;
  familyName?: string;
  displayName?: string;
  attributes?: Record<string, AttributeValue>;
  /** Vendor knobs, validated by that adapter: `{ cognito: { messageAction: 'SUPPRESS' } }`. */
  providerOptions?: Record<string, Record<string, unknown>>;
}

/** Input of `users.update`: only the given fields change; `null` clears a field. */
export interface UpdateUserInput {
  email?: string;
  emailVerified?: boolean;
  phoneNumber?: string | null;
  givenName?: string | null;
  familyName?: string | null;
  displayName?: string | null;
  attributes?: Record<string, AttributeValue>;
  providerOptions?: Record<string, Record<string, unknown>>;
}

/** Options of `users.list`. */
export interface ListUsersOptions {
  /** Users per page, capped by `capabilities.limits.maxPageSize`. */
  pageSize?: number;
  /** Resume after the page that returned this cursor. */
  cursor?: string;
}
