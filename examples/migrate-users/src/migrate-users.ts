import { createIdentityProvider, type IdentityConfig } from '@idport/core';
import {
  createSqliteStateStore,
  type MigrationPlan,
  type MigrationResult,
  planMigration,
  runMigration,
  writeMigrationReport,
} from '@idport/migrate';
import mapUser from './user-mapping';

/** Options of {@link migrateUsers}. */
export interface MigrateUsersOptions {
  /** Source and target: the same configuration `createIdentityProvider` takes. */
  from: IdentityConfig;
  to: IdentityConfig;
  /** SQLite file recording the cursor and every user's outcome (resume by running again). */
  stateFile: string;
  /** Where the JSON report and the failure list (NDJSON) go. */
  reportFile: string;
  failureFile: string;
  /** Plan only: nothing is written to the target. */
  dryRun?: boolean;
  log?: (line: string) => void;
}

/**
 * What `idport migrate plan` + `idport migrate run` do, through the library: plan, then a
 * resumable run with the example's mapping, then the report files.
 */
export async function migrateUsers(
  options: MigrateUsersOptions,
): Promise<{ plan: MigrationPlan; result: MigrationResult | null; failures: number }> {
  const log = options.log ?? (() => {});
  const from = await createIdentityProvider(options.from);
  const to = await createIdentityProvider(options.to);
  try {
    const plan = await planMigration({ from, to, mapping: mapUser });
    log(
      `plan: ${plan.users} users, ${plan.keepPassword} keep their password, ${plan.factorsCross} TOTP factors cross`,
    );
    for (const warning of plan.warnings) log(`plan warning: ${warning}`);
    if (options.dryRun) return { plan, result: null, failures: 0 };

    const state = createSqliteStateStore(options.stateFile);
    try {
      const result = await runMigration({ from, to, state, mapping: mapUser, conflict: 'skip' });
      const { failures } = await writeMigrationReport({
        result,
        state,
        from: from.provider,
        to: to.provider,
        reportFile: options.reportFile,
        failureFile: options.failureFile,
      });
      log(`run ${result.runId}: ${JSON.stringify(result.counts)}${result.resumed ? ' (resumed)' : ''}`);
      return { plan, result, failures };
    } finally {
      state.close();
    }
  } finally {
    await from.close();
    await to.close();
  }
}
