import type { MfaFactorType } from './mfa-factor';
import type { TokenSet } from './token-set';
import type { User } from './user';

/** What the vendor needs to continue a sign-in. Opaque: pass it back unchanged. */
export interface Challenge {
  /** Serialized vendor state (mfa_token, stateToken, Session, mfaPendingCredential, ...). */
  readonly session: string;
  readonly expiresAt: Date | null;
}

/** A factor the user can answer an MFA challenge with. */
export interface ChallengeFactor {
  readonly id: string;
  readonly type: MfaFactorType;
  readonly label: string | null;
}

/** Sign-in finished: tokens issued. */
export interface AuthenticatedResult {
  readonly status: 'authenticated';
  readonly tokens: TokenSet;
  readonly user: User;
}

/** The password was right; a second factor is needed (`auth.completeMfa`). */
export interface MfaRequiredResult {
  readonly status: 'mfa_required';
  readonly challenge: Challenge;
  readonly factors: readonly ChallengeFactor[];
}

/** The password was right but must be changed first (`auth.completeNewPassword`). */
export interface NewPasswordRequiredResult {
  readonly status: 'new_password_required';
  readonly challenge: Challenge;
}

/** Outcome of a sign-in step. Normal outcomes are values; failures throw IdentityError. */
export type SignInResult = AuthenticatedResult | MfaRequiredResult | NewPasswordRequiredResult;

/** Input of `auth.signIn`. */
export interface SignInInput {
  email: string;
  password: string;
  /** Scopes to request, where the vendor takes them. */
  scopes?: string[];
  providerOptions?: Record<string, Record<string, unknown>>;
}

/** Input of `auth.completeMfa`. */
export interface CompleteMfaInput {
  challenge: Challenge;
  /** The factor answered; defaults to the only or first TOTP factor. */
  factorId?: string;
  /** The one-time code, or a recovery code. */
  code: string;
}

/** Input of `auth.completeNewPassword`. */
export interface CompleteNewPasswordInput {
  challenge: Challenge;
  newPassword: string;
}

/** Input of `auth.signUp`. */
export interface SignUpInput {
  email: string;
  password: string;
  givenName?: string;
  familyName?: string;
  displayName?: string;
}

/** Result of `auth.signUp`. */
export interface SignUpResult {
  readonly user: User;
  /** True when the user must confirm with a code (`auth.confirmSignUp`) before signing in. */
  readonly confirmationRequired: boolean;
}
