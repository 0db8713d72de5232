import BetterSqlite3 from 'better-sqlite3';
import type {
  MigrationCounts,
  MigrationStateStore,
  MigrationUserRecord,
  MigrationUserStatus,
} from './migration-state-store';

interface UserRow {
  source_id: string;
  email: string | null;
  status: MigrationUserStatus;
  target_id: string | null;
  error_code: string | null;
  reason: string | null;
  password_imported: number;
  factors_imported: number;
  password_lost: number;
  first_sent_at: number | null;
}

function toRecord(row: UserRow): MigrationUserRecord {
  return {
    sourceId: row.source_id,
    email: row.email,
    status: row.status,
    targetId: row.target_id,
    errorCode: row.error_code,
    reason: row.reason,
    passwordImported: row.password_imported === 1,
    factorsImported: row.factors_imported,
    passwordLost: row.password_lost === 1,
    firstSentAt: row.first_sent_at === null ? null : new Date(row.first_sent_at),
  };
}

/**
 * The default state store: one SQLite file (WAL, synchronous=FULL), so every recorded
 * outcome survives `kill -9`.
 */
export function createSqliteStateStore(path: string): MigrationStateStore {
  const database = new BetterSqlite3(path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  // Writes append and reads look up one page of ids: a 2 MiB cache serves that as well as
  // better-sqlite3's 16 MiB default, which would otherwise fill up as the run grows.
  database.pragma('cache_size = -2048');
  database.exec(`
    CREATE TABLE IF NOT EXISTS runs (
      run_id TEXT PRIMARY KEY,
      source TEXT NOT NULL,
      target TEXT NOT NULL,
      cursor TEXT,
      started_at INTEGER NOT NULL,
      completed_at INTEGER
    );
    CREATE TABLE IF NOT EXISTS users (
      run_id TEXT NOT NULL,
      source_id TEXT NOT NULL,
      email TEXT COLLATE NOCASE,
      status TEXT NOT NULL,
      target_id TEXT,
      error_code TEXT,
      reason TEXT,
      password_imported INTEGER NOT NULL DEFAULT 0,
      factors_imported INTEGER NOT NULL DEFAULT 0,
      password_lost INTEGER NOT NULL DEFAULT 0,
      first_sent_at INTEGER,
      PRIMARY KEY (run_id, source_id)
    );
    -- Without the status: an outcome then rewrites only the row, not also an index entry
    -- (the status is checked on the few rows an email finds). Replaces users_by_email.
    DROP INDEX IF EXISTS users_by_email;
    CREATE INDEX IF NOT EXISTS users_by_run_and_email ON users(run_id, email);
  `);
  const statements = {
    run: database.prepare('SELECT * FROM runs WHERE run_id = ?'),
    insertRun: database.prepare('INSERT INTO runs (run_id, source, target, started_at) VALUES (?, ?, ?, ?)'),
    users: database.prepare(
      'SELECT * FROM users WHERE run_id = ? AND source_id IN (SELECT value FROM json_each(?))',
    ),
    pending: database.prepare(
      `INSERT INTO users (run_id, source_id, email, status, first_sent_at) VALUES (?, ?, ?, 'pending', ?)
       ON CONFLICT(run_id, source_id) DO UPDATE SET status = 'pending'
       WHERE users.status = 'pending'`,
    ),
    outcome: database.prepare(
      `INSERT INTO users (run_id, source_id, email, status, target_id, error_code, reason, password_imported, factors_imported, password_lost, first_sent_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(run_id, source_id) DO UPDATE SET status = excluded.status, target_id = excluded.target_id,
         error_code = excluded.error_code, reason = excluded.reason, password_imported = excluded.password_imported,
         factors_imported = excluded.factors_imported, password_lost = excluded.password_lost, email = excluded.email`,
    ),
    cursor: database.prepare('UPDATE runs SET cursor = ? WHERE run_id = ?'),
    owners: database.prepare(
      `SELECT lower(email) AS email, source_id FROM users
       WHERE run_id = ? AND status IN ('created', 'pending') AND email IN (SELECT value FROM json_each(?))`,
    ),
    complete: database.prepare('UPDATE runs SET completed_at = ? WHERE run_id = ?'),
    counts: database.prepare('SELECT status, COUNT(*) AS count FROM users WHERE run_id = ? GROUP BY status'),
    failures: database.prepare(
      "SELECT * FROM users WHERE run_id = ? AND (status = 'failed' OR password_lost = 1) ORDER BY rowid",
    ),
  };

  return {
    beginRun(runId, description) {
      const existing = statements.run.get(runId) as { cursor: string | null } | undefined;
      if (existing) return { cursor: existing.cursor, resumed: true };
      statements.insertRun.run(runId, description.from, description.to, Date.now());
      return { cursor: null, resumed: false };
    },
    lookup(runId, sourceIds) {
      // One query per page, not per user: ids travel as one JSON array parameter.
      const rows = statements.users.all(runId, JSON.stringify(sourceIds)) as UserRow[];
      return new Map(rows.map((row) => [row.source_id, toRecord(row)]));
    },
    markPending(runId, users, at) {
      database.transaction(() => {
        for (const user of users) statements.pending.run(runId, user.sourceId, user.email, at.getTime());
      })();
    },
    recordOutcomes(runId, records, cursor) {
      database.transaction(() => {
        if (cursor !== undefined) statements.cursor.run(cursor, runId);
        for (const record of records) {
          // Positional parameters: binding a named object per row cost more than the insert.
          statements.outcome.run(
            runId,
            record.sourceId,
            record.email,
            record.status,
            record.targetId,
            record.errorCode,
            record.reason,
            record.passwordImported ? 1 : 0,
            record.factorsImported,
            record.passwordLost ? 1 : 0,
            record.firstSentAt?.getTime() ?? null,
          );
        }
      })();
    },
    ownersOfEmails(runId, emails) {
      const rows = statements.owners.all(runId, JSON.stringify(emails)) as {
        email: string;
        source_id: string;
      }[];
      return new Map(rows.map((row) => [row.email, row.source_id]));
    },
    completeRun(runId, at) {
      statements.complete.run(at.getTime(), runId);
    },
    counts(runId) {
      const counts: MigrationCounts = { pending: 0, created: 0, skipped: 0, updated: 0, failed: 0 };
      for (const row of statements.counts.all(runId) as { status: MigrationUserStatus; count: number }[]) {
        counts[row.status] = row.count;
      }
      return counts;
    },
    failures(runId) {
      return (statements.failures.all(runId) as UserRow[]).map(toRecord);
    },
    close() {
      database.close();
    },
  };
}
