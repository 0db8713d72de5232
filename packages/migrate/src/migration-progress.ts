/** A snapshot of a running migration, for progress displays. */
export interface MigrationProgress {
  /** Users with a final outcome in this run (resumed runs count from their restart). */
  readonly processed: number;
  readonly created: number;
  readonly skipped: number;
  readonly updated: number;
  readonly failed: number;
  /** Source users seen so far in this run. */
  readonly seen: number;
  /** Total source users when known (from a plan), else null. */
  readonly total: number | null;
  readonly elapsedMs: number;
  readonly usersPerSecond: number;
  /** Current in-flight limit after 429 adaptation. */
  readonly concurrency: number;
  readonly throttled: number;
}
