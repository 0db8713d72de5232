import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { MigrationStateStore } from './migration-state-store';
import type { MigrationResult } from './run-migration';

/**
 * Writes the JSON report and the failure file (NDJSON, one line per failed user with its
 * source id, email and reason — no password, hash or factor secret ever goes there).
 */
export async function writeMigrationReport(options: {
  result: MigrationResult;
  state: MigrationStateStore;
  from: string;
  to: string;
  reportFile: string;
  failureFile: string;
}): Promise<{ failures: number; passwordsLost: number }> {
  const failures = options.state.failures(options.result.runId);
  await new Promise<void>((resolve, reject) => {
    const stream = createWriteStream(options.failureFile);
    stream.on('error', reject);
    for (const failure of failures) {
      stream.write(
        `${JSON.stringify({
          sourceId: failure.sourceId,
          email: failure.email,
          status: failure.status,
          code: failure.status === 'failed' ? failure.errorCode : 'PASSWORD_NOT_IMPORTED',
          reason: failure.reason,
        })}\n`,
      );
    }
    stream.end(resolve);
  });
  const report = {
    runId: options.result.runId,
    from: options.from,
    to: options.to,
    resumed: options.result.resumed,
    completed: !options.result.aborted,
    counts: options.result.counts,
    processedThisRun: options.result.processedThisRun,
    elapsedSeconds: options.result.elapsedMs / 1000,
    usersPerSecond: Math.round(options.result.usersPerSecond),
    passwordsImported: options.result.passwordsImported,
    factorsImported: options.result.factorsImported,
    throttledResponses: options.result.throttled,
    failureFile: options.failureFile,
  };
  await writeFile(options.reportFile, `${JSON.stringify(report, null, 2)}\n`);
  return {
    failures: failures.filter((failure) => failure.status === 'failed').length,
    passwordsLost: failures.filter((failure) => failure.passwordLost).length,
  };
}

/** The human summary printed at the end of a run. */
export function formatMigrationResult(result: MigrationResult): string {
  const { counts } = result;
  return [
    `Migration ${result.runId}${result.resumed ? ' (resumed)' : ''}: ${result.aborted ? 'stopped' : 'finished'}`,
    `  created ${counts.created}, skipped ${counts.skipped}, updated ${counts.updated}, failed ${counts.failed}`,
    `  this run: ${result.processedThisRun} users in ${(result.elapsedMs / 1000).toFixed(1)} s (${Math.round(result.usersPerSecond)} users/s)`,
    `  passwords imported ${result.passwordsImported}, TOTP factors imported ${result.factorsImported}, throttled ${result.throttled} times`,
  ].join('\n');
}
