/** Where one user of a migration run stands. */
export type MigrationUserStatus = 'pending' | 'created' | 'skipped' | 'updated' | 'failed';

/** The recorded outcome for one source user. */
export interface MigrationUserRecord {
  readonly sourceId: string;
  readonly email: string | null;
  readonly status: MigrationUserStatus;
  readonly targetId: string | null;
  /** IdentityError code or engine reason (`INVALID_INPUT`, `DUPLICATE_EMAIL_IN_SOURCE`, ...). */
  readonly errorCode: string | null;
  /** Human-readable reason, never a secret. */
  readonly reason: string | null;
  readonly passwordImported: boolean;
  readonly factorsImported: number;
  /** The source had a password hash the target could not take: the user must reset it. */
  readonly passwordLost: boolean;
  /** When the user was first sent to the target (null until sent). */
  readonly firstSentAt: Date | null;
}

/** Counts of a run by status. */
export type MigrationCounts = Record<MigrationUserStatus, number>;

/**
 * The durable memory of a migration: the source cursor and every user's outcome. Writes
 * that belong together (the users about to be sent; a page's outcomes and the cursor after
 * it) are one atomic call each, so a run killed at any instant resumes without resending or losing
 * anyone. Behind an interface so a shared database can back a multi-worker run.
 */
export interface MigrationStateStore {
  /** Opens (or creates) the run and returns the cursor to resume from (null: the beginning). */
  beginRun(
    runId: string,
    description: { from: string; to: string },
  ): { cursor: string | null; resumed: boolean };
  /** Records, for the given source ids, the stored record if any. */
  lookup(runId: string, sourceIds: readonly string[]): Map<string, MigrationUserRecord>;
  /** Marks users as about to be sent (keeps the first time each was sent). */
  markPending(runId: string, users: readonly { sourceId: string; email: string | null }[], at: Date): void;
  /**
   * Stores final outcomes atomically. With `cursor` (a string, or null for the end of the
   * source), the run's cursor moves past the page in the same transaction: the cursor never
   * passes a user without an outcome, and no outcome is kept without the page it ends.
   */
  recordOutcomes(runId: string, records: readonly MigrationUserRecord[], cursor?: string | null): void;
  /** For each given email (lowercased), the source id of a user created or in flight with it in this run. */
  ownersOfEmails(runId: string, emails: readonly string[]): Map<string, string>;
  completeRun(runId: string, at: Date): void;
  counts(runId: string): MigrationCounts;
  /** Users needing attention, in order: every failed user, and created users whose password did not cross. */
  failures(runId: string): MigrationUserRecord[];
  close(): void;
}
