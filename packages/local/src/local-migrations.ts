import type { Database } from 'better-sqlite3';

/**
 * Schema versions, oldest first. A file written by an older version is brought forward
 * one step at a time inside a transaction, so a crash mid-upgrade leaves the old schema.
 * Never edit a released step: add a new one.
 */
export const localMigrations: readonly { version: number; up: (database: Database) => void }[] = [
  {
    version: 1,
    up: (database) => {
      database.exec(`
        CREATE TABLE users (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          id TEXT NOT NULL UNIQUE,
          email TEXT NOT NULL UNIQUE COLLATE NOCASE,
          email_verified INTEGER NOT NULL DEFAULT 0,
          phone_number TEXT,
          given_name TEXT,
          family_name TEXT,
          display_name TEXT,
          attributes TEXT NOT NULL DEFAULT '{}',
          enabled INTEGER NOT NULL DEFAULT 1,
          confirmed INTEGER NOT NULL DEFAULT 1,
          password_hash TEXT,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        );
        CREATE TABLE groups (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          id TEXT NOT NULL UNIQUE,
          name TEXT NOT NULL UNIQUE COLLATE NOCASE,
          description TEXT,
          created_at INTEGER NOT NULL
        );
        CREATE TABLE group_members (
          group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
          user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          PRIMARY KEY (group_id, user_id)
        );
        CREATE TABLE mfa_factors (
          id TEXT PRIMARY KEY,
          user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          type TEXT NOT NULL,
          label TEXT,
          secret TEXT NOT NULL,
          confirmed INTEGER NOT NULL DEFAULT 0,
          last_used_step INTEGER NOT NULL DEFAULT 0,
          created_at INTEGER NOT NULL
        );
        CREATE TABLE sessions (
          id TEXT PRIMARY KEY,
          user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          created_at INTEGER NOT NULL,
          revoked_at INTEGER
        );
        CREATE TABLE refresh_tokens (
          token_hash TEXT PRIMARY KEY,
          session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
          expires_at INTEGER NOT NULL,
          used_at INTEGER
        );
        CREATE TABLE signing_keys (
          kid TEXT PRIMARY KEY,
          private_jwk TEXT NOT NULL,
          public_jwk TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          retired_at INTEGER
        );
        CREATE TABLE mfa_challenges (
          token_hash TEXT PRIMARY KEY,
          user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          kind TEXT NOT NULL,
          expires_at INTEGER NOT NULL,
          failed_attempts INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE confirmation_codes (
          user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
          code_hash TEXT NOT NULL,
          expires_at INTEGER NOT NULL,
          failed_attempts INTEGER NOT NULL DEFAULT 0
        );
      `);
    },
  },
  {
    // Version 2 added lockout that also covers unknown emails (so lockout cannot reveal
    // which emails exist), single-use recovery codes, and forced password change.
    version: 2,
    up: (database) => {
      database.exec(`
        CREATE TABLE sign_in_attempts (
          identifier_hash TEXT PRIMARY KEY,
          failed_attempts INTEGER NOT NULL,
          locked_until INTEGER NOT NULL DEFAULT 0,
          updated_at INTEGER NOT NULL
        );
        CREATE TABLE recovery_codes (
          user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          code_hash TEXT NOT NULL,
          used_at INTEGER,
          PRIMARY KEY (user_id, code_hash)
        );
        ALTER TABLE users ADD COLUMN password_change_required INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX sessions_by_user ON sessions(user_id);
        CREATE INDEX refresh_tokens_by_session ON refresh_tokens(session_id);
      `);
    },
  },
  {
    // Version 3 indexes the per-user lookups of factors and memberships: without them an
    // export (two lookups per user) scanned both tables for every user.
    version: 3,
    up: (database) => {
      database.exec(`
        CREATE INDEX mfa_factors_by_user ON mfa_factors(user_id);
        CREATE INDEX group_members_by_user ON group_members(user_id);
      `);
    },
  },
];

/** The schema version this build writes. */
export const currentSchemaVersion = localMigrations[localMigrations.length - 1]?.version ?? 0;
