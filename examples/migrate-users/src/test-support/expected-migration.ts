import { type IdentityProvider, type PasswordHashAlgorithm, supportsOperation } from '@idport/core';

/** What the test put at the source for one user, independent of any manifest. */
export interface SourceUserFacts {
  readonly email: string;
  /**
   * The stored hash's algorithm; `vendor default` when a vendor hashed the password itself
   * (which algorithm depends on its settings); null for a user without a password.
   */
  readonly storedAlgorithm: PasswordHashAlgorithm | 'vendor default' | null;
  readonly enrolledTotp: boolean;
  /** The field the migration must refuse the user for, null for a good user. */
  readonly invalidField: string | null;
  readonly existsAtTarget: boolean;
}

/** What should become of one user, read off the two manifests. */
export interface ExpectedUserOutcome {
  readonly email: string;
  readonly status: 'created' | 'skipped' | 'failed';
  /** The password hash reaches the target and the target can verify it. */
  readonly passwordCrosses: boolean;
  /** The user had a hash at the source that the target could not take: a reset is needed. */
  readonly passwordLost: boolean;
  readonly factorCrosses: boolean;
}

/** The parts of `MigrationPlan` the manifests decide. */
export interface ExpectedPlan {
  readonly users: number;
  readonly keepPassword: number;
  readonly needPasswordReset: Record<string, number>;
  readonly factorsCross: number;
  readonly factorsReEnroll: Record<string, number>;
  readonly conflicts: number;
  readonly invalid: Record<string, number>;
  readonly bulkImport: boolean;
}

const increment = (record: Record<string, number>, key: string) => {
  record[key] = (record[key] ?? 0) + 1;
};

/**
 * The plan and every user's outcome as the manifests of `from` and `to` say they must be
 * (`capabilities.operations`, `passwordHashes`, `totpSecrets`, `mfaFactorTypes`), given what
 * the test stored at the source. Reasons are the ones `planMigration` documents.
 */
export function expectedMigration(
  from: IdentityProvider,
  to: IdentityProvider,
  users: readonly SourceUserFacts[],
): { plan: ExpectedPlan; outcomes: ExpectedUserOutcome[] } {
  const source = from.capabilities;
  const target = to.capabilities;
  const exports = supportsOperation(source, 'transfer.exportUsers');
  const exportsHashes = exports && source.passwordHashes.exportable.length > 0;
  const bulkImport = supportsOperation(target, 'transfer.importUsers');
  const looksUp = supportsOperation(target, 'users.findByEmail');
  const plan = {
    users: 0,
    keepPassword: 0,
    needPasswordReset: {} as Record<string, number>,
    factorsCross: 0,
    factorsReEnroll: {} as Record<string, number>,
    conflicts: 0,
    invalid: {} as Record<string, number>,
    bulkImport,
  };
  const outcomes: ExpectedUserOutcome[] = [];

  for (const user of users) {
    plan.users += 1;
    if (user.invalidField) {
      increment(plan.invalid, `invalid ${user.invalidField}`);
      outcomes.push({
        email: user.email,
        status: 'failed',
        passwordCrosses: false,
        passwordLost: false,
        factorCrosses: false,
      });
      continue;
    }
    const stored = user.storedAlgorithm;
    if (stored === 'vendor default' && exportsHashes) {
      // Whatever the vendor chose is one of its exportable algorithms: the outcome is only
      // predictable when the target imports every one of them.
      const unimportable = source.passwordHashes.exportable.filter(
        (algorithm) => !target.passwordHashes.importable.includes(algorithm),
      );
      if (unimportable.length > 0) {
        throw new Error(`cannot predict: ${to.provider} does not import ${unimportable.join(', ')}`);
      }
    }
    const exportedAlgorithm =
      exportsHashes &&
      stored !== null &&
      (stored === 'vendor default' || source.passwordHashes.exportable.includes(stored))
        ? stored
        : null;
    let keepsPassword = false;
    if (exportedAlgorithm === null) {
      increment(
        plan.needPasswordReset,
        exportsHashes ? 'no password at the source' : `${from.provider} does not export hashes`,
      );
    } else if (!bulkImport) {
      increment(plan.needPasswordReset, `${to.provider} has no bulk import`);
    } else if (
      exportedAlgorithm === 'vendor default' ||
      target.passwordHashes.importable.includes(exportedAlgorithm)
    ) {
      keepsPassword = true;
      plan.keepPassword += 1;
    } else {
      increment(plan.needPasswordReset, `${to.provider} cannot import ${exportedAlgorithm} hashes`);
    }

    const factorExported = user.enrolledTotp && exports && source.totpSecrets.exportable;
    let factorCrosses = false;
    if (factorExported && target.totpSecrets.importable) {
      factorCrosses = true;
      plan.factorsCross += 1;
    } else if (factorExported) {
      increment(plan.factorsReEnroll, `${to.provider} does not import TOTP secrets`);
    } else if (!source.totpSecrets.exportable && source.mfaFactorTypes.length > 0) {
      increment(
        plan.factorsReEnroll,
        `${from.provider} does not export TOTP secrets: any of these users with an authenticator app re-enrolls`,
      );
    }

    const conflict = user.existsAtTarget && looksUp;
    if (conflict) plan.conflicts += 1;
    outcomes.push({
      email: user.email,
      // An email already at the target is left alone (conflict 'skip'): never a second account.
      status: user.existsAtTarget ? 'skipped' : 'created',
      passwordCrosses: keepsPassword && !user.existsAtTarget,
      passwordLost: exportedAlgorithm !== null && !keepsPassword && !user.existsAtTarget,
      factorCrosses: factorCrosses && !user.existsAtTarget,
    });
  }
  return { plan, outcomes };
}
