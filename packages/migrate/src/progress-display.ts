import type { MigrationProgress } from './migration-progress';

/** Where progress goes: a terminal (rewritten line) or anything else (plain lines). */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * Progress for people: one rewritten line on a terminal, a plain line every few seconds
 * otherwise (CI logs), both with rate and, when the total is known, an ETA.
 */
export function createProgressDisplay(stream: ProgressStream, intervalMs = 5000) {
  let lastPrinted = 0;
  const describe = (progress: MigrationProgress) => {
    const rate = Math.round(progress.usersPerSecond);
    const eta =
      progress.total && rate > 0
        ? `, ETA ${Math.max(0, Math.round((progress.total - progress.seen) / rate))} s`
        : '';
    return `migrated ${progress.processed} (created ${progress.created}, skipped ${progress.skipped}, failed ${progress.failed}) at ${rate} users/s${eta}, concurrency ${progress.concurrency}`;
  };
  return {
    update(progress: MigrationProgress) {
      if (stream.isTTY) {
        stream.write(`\r${describe(progress)}\u001b[K`);
      } else if (Date.now() - lastPrinted >= intervalMs) {
        lastPrinted = Date.now();
        stream.write(`${describe(progress)}\n`);
      }
    },
    finish() {
      if (stream.isTTY) stream.write('\n');
    },
  };
}
