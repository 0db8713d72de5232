import type { IdentityProvider } from '@idport/core';
import type { ContractTestId } from './contract-test-ids';

/**
 * Direct access to the peer behind the adapter, used to read what a real user would
 * receive out of band and to check side effects without going through the adapter under
 * test (the role of Auth.js's "db backdoor").
 */
export interface ContractBackdoor {
  /** The latest sign-up confirmation code sent to this email. Needed when `auth.confirmSignUp` is declared. */
  readSignUpCode?(email: string): Promise<string>;
  /** Deletes a user straight at the peer; cleanup falls back to it when the adapter cannot. */
  deleteUser?(userId: string): Promise<void>;
  /**
   * Prepares a user for TOTP enrollment where the vendor requires more than an account
   * (a verified email for Firebase, for example). Called after `users.create`.
   */
  prepareForMfa?(userId: string): Promise<void>;
}

/**
 * Known, documented differences of a local peer from the real vendor. Each one switches
 * off the assertions it would break and is listed in the adapter's README.
 */
export interface PeerQuirks {
  /** Refresh tokens keep working after `auth.revoke` / `auth.signOut` (Firebase emulator, cognito-local). */
  revokeDoesNotStopRefresh: boolean;
  /** Disabled users can still sign in with their password (cognito-local). */
  disabledUsersCanSignIn: boolean;
  /** The peer enforces no password policy, so WEAK_PASSWORD is never raised (cognito-local). */
  noPasswordPolicy: boolean;
  /** Imported password hashes are stored but never verified (Firebase emulator). */
  importedHashesNotVerified: boolean;
  /** `users.list` ignores page size and returns everything in one page (cognito-local). */
  listIgnoresPageSize: boolean;
  /** The same TOTP code is accepted twice within its window. */
  totpReplayAllowed: boolean;
  /** Access tokens carry no group claim unless the tenant is configured for it. */
  groupsNotInTokens: boolean;
  /** `tokens.verifyAccessToken` also accepts ID tokens (vendors whose tokens carry no `token_use`/`typ`). */
  idTokenAcceptedAsAccessToken: boolean;
}

/** Options of {@link runIdentityProviderContract}. */
export interface ContractOptions {
  /** Shown in the test names, e.g. `local (:memory:)` or `cognito (cognito-local)`. */
  name: string;
  /** Returns a ready provider. Called once per behaviour group; closed after it. */
  createProvider: () => Promise<IdentityProvider>;
  backdoor?: ContractBackdoor;
  quirks?: Partial<PeerQuirks>;
  /** Tests to skip, each with the reason, typed so a misspelt id fails to compile. */
  skip?: Partial<Record<ContractTestId, string>>;
  /** Re-run every group through `withRetry` as well (default true). */
  throughRetry?: boolean;
  /** Password that satisfies the peer's policy; the suite derives others from it. Default `Correct-Horse-9-Battery!`. */
  password?: string;
  /** Prefix of every email the suite creates, so a shared tenant can be cleaned. Default `idport-contract`. */
  emailPrefix?: string;
}
