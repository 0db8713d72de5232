import type { ProviderCapabilities } from '../capabilities/provider-capabilities';
import type { PageIterable } from '../pagination/page-iterable';
import type { CreateGroupInput, Group } from './group';
import type { ConfirmedEnrollment, MfaFactor, MfaSubject, TotpEnrollment } from './mfa-factor';
import type { ExportUsersOptions, ImportOutcome, ImportUsersOptions, PortableUser } from './portable-user';
import type {
  CompleteMfaInput,
  CompleteNewPasswordInput,
  SignInInput,
  SignInResult,
  SignUpInput,
  SignUpResult,
} from './sign-in-result';
import type { TokenSet } from './token-set';
import type { CreateUserInput, ListUsersOptions, UpdateUserInput, User } from './user';
import type { VerifiedToken, VerifyIdTokenOptions } from './verified-token';

/** Sign-in, MFA completion, refresh and sign-out. */
export interface AuthOperations {
  /** Checks a password. Normal outcomes (MFA needed, new password needed) are values. */
  signIn(input: SignInInput): Promise<SignInResult>;
  /** Answers the challenge of an `mfa_required` result. */
  completeMfa(input: CompleteMfaInput): Promise<SignInResult>;
  /** Answers a `new_password_required` result. */
  completeNewPassword(input: CompleteNewPasswordInput): Promise<SignInResult>;
  /** Exchanges a refresh token for new tokens. */
  refresh(input: { refreshToken: string }): Promise<TokenSet>;
  /** Revokes one refresh (or, where supported, access) token. */
  revoke(input: { token: string }): Promise<void>;
  /** Ends every session of a user: their refresh tokens stop working. */
  signOut(input: { userId: string }): Promise<void>;
  /** Self-service registration. */
  signUp(input: SignUpInput): Promise<SignUpResult>;
  /** Confirms a registration with the code the user received. */
  confirmSignUp(input: { email: string; code: string }): Promise<void>;
}

/** Second-factor management. */
export interface MfaOperations {
  listFactors(subject: MfaSubject): Promise<MfaFactor[]>;
  /** Starts TOTP enrollment: the factor stays unconfirmed until `confirmEnrollment`. */
  enrollTotp(input: MfaSubject & { label?: string }): Promise<TotpEnrollment>;
  confirmEnrollment(input: MfaSubject & { factorId: string; code: string }): Promise<ConfirmedEnrollment>;
  removeFactor(input: MfaSubject & { factorId: string }): Promise<void>;
  /** Replaces the user's recovery codes with new ones, shown once. */
  generateRecoveryCodes(subject: MfaSubject): Promise<string[]>;
}

/** User management. */
export interface UserOperations {
  create(input: CreateUserInput): Promise<User>;
  /** Throws USER_NOT_FOUND when there is no such user. */
  get(userId: string): Promise<User>;
  /** Null when there is no such user (an admin lookup, not exposed to end users). */
  findByEmail(email: string): Promise<User | null>;
  update(userId: string, input: UpdateUserInput): Promise<User>;
  setPassword(userId: string, password: string, options?: { temporary?: boolean }): Promise<void>;
  disable(userId: string): Promise<void>;
  enable(userId: string): Promise<void>;
  delete(userId: string): Promise<void>;
  /** Every user, page by page, resumable from a cursor. */
  list(options?: ListUsersOptions): PageIterable<User>;
}

/** Groups (or the vendor's stand-in: roles, custom claims). */
export interface GroupOperations {
  list(options?: { pageSize?: number; cursor?: string }): PageIterable<Group>;
  create(input: CreateGroupInput): Promise<Group>;
  delete(groupId: string): Promise<void>;
  addMember(input: { groupId: string; userId: string }): Promise<void>;
  removeMember(input: { groupId: string; userId: string }): Promise<void>;
  listForUser(userId: string): Promise<Group[]>;
}

/** Local token verification. */
export interface TokenOperations {
  verifyAccessToken(token: string): Promise<VerifiedToken>;
  verifyIdToken(token: string, options?: VerifyIdTokenOptions): Promise<VerifiedToken>;
}

/** Bulk movement of users, for migrations. */
export interface TransferOperations {
  exportUsers(options?: ExportUsersOptions): PageIterable<PortableUser>;
  importUsers(users: readonly PortableUser[], options?: ImportUsersOptions): Promise<ImportOutcome[]>;
}

/**
 * The port every adapter implements. Undeclared operations (see `capabilities`) throw
 * UnsupportedOperationError.
 */
export interface IdentityProvider {
  /** Version of this interface the adapter implements; lets core adapt older adapters. */
  readonly specificationVersion: 'v1';
  /** Provider id: `local`, `firebase`, `cognito`, `keycloak`, `auth0`, `okta`, or a custom one. */
  readonly provider: string;
  readonly capabilities: ProviderCapabilities;
  readonly auth: AuthOperations;
  readonly mfa: MfaOperations;
  readonly users: UserOperations;
  readonly groups: GroupOperations;
  readonly tokens: TokenOperations;
  readonly transfer: TransferOperations;
  /** Releases connections, timers and files. Idempotent. */
  close(): Promise<void>;
}

/** The operations of one group, by group name. */
export interface OperationGroups {
  auth: AuthOperations;
  mfa: MfaOperations;
  users: UserOperations;
  groups: GroupOperations;
  tokens: TokenOperations;
  transfer: TransferOperations;
}
