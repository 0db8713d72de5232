import type { MfaFactorType } from '../port/mfa-factor';
import type { PasswordHashAlgorithm } from '../port/portable-user';
import type { OperationName } from './operation-name';

/** A documented vendor rate limit, used by the retry helper and migration planner. */
export interface RateLimitRule {
  /** Which calls it covers, in the vendor's words (`/api/v1/users`, `AdminCreateUser`). */
  readonly scope: string;
  readonly requests: number;
  readonly perSeconds: number;
  /** Where the figure comes from. */
  readonly source: string;
  /**
   * Port operations of which each call is one request this rule counts. The migration
   * engine paces its calls to the target by the strictest rule naming the operation it
   * calls. An operation that fans one call out into several vendor requests is left out:
   * its adapter paces those requests itself.
   */
  readonly operations?: readonly OperationName[];
}

/**
 * What an adapter supports. The contract suite tests every declared operation and checks
 * that every undeclared one throws UnsupportedOperationError, so the manifest cannot lie.
 */
export interface ProviderCapabilities {
  /** Operations that work. Anything not listed throws UnsupportedOperationError. */
  readonly operations: readonly OperationName[];
  /** Second-factor types users can sign in with. */
  readonly mfaFactorTypes: readonly MfaFactorType[];
  readonly limits: {
    /** Largest page `users.list` accepts. */
    readonly maxPageSize: number;
    /** Largest batch `transfer.importUsers` sends in one vendor call. */
    readonly maxImportBatch: number;
  };
  readonly passwordHashes: {
    /** Algorithms `transfer.importUsers` can store so the old password keeps working. */
    readonly importable: readonly PasswordHashAlgorithm[];
    /** Algorithms `transfer.exportUsers` can read out (empty when the vendor never exports hashes). */
    readonly exportable: readonly PasswordHashAlgorithm[];
  };
  /** Whether exported users carry their TOTP secrets, and imports accept them. */
  readonly totpSecrets: { readonly exportable: boolean; readonly importable: boolean };
  /** How the port's groups map onto the vendor (`groups`, `roles`, `custom-claims`). */
  readonly groupModel: 'groups' | 'roles' | 'custom-claims';
  /** Whether `auth.refresh` returns a new refresh token and refuses the old one. */
  readonly refreshTokenRotation: boolean;
  readonly rateLimits: readonly RateLimitRule[];
}

/** Whether the manifest declares an operation. */
export function supportsOperation(capabilities: ProviderCapabilities, operation: OperationName): boolean {
  return capabilities.operations.includes(operation);
}
