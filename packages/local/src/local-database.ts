import { IdentityError } from '@idport/core';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { currentSchemaVersion, localMigrations } from './local-migrations';

/**
 * Opens (or creates) the store and brings its schema to the current version. WAL mode and
 * synchronous=FULL make every committed transaction survive a crash; each write the
 * provider does is one transaction, so a crash never leaves half a user.
 */
export function openLocalDatabase(
  path: string,
  { upToVersion = currentSchemaVersion, pageCacheKib = 16_384 } = {},
): Database {
  let database: Database;
  try {
    database = new BetterSqlite3(path);
  } catch (error) {
    throw new IdentityError({
      code: 'CONFIGURATION_ERROR',
      provider: 'local',
      field: 'settings.database',
      message: 'cannot open the local database file',
      cause: error,
    });
  }
  // Compiling SQL costs more than running it; every statement here is run with .get, .all
  // or .run only (never left mid-iteration), so one compiled statement per SQL text can be
  // reused safely. This made bulk import ~5x faster.
  const compile = database.prepare.bind(database);
  const compiled = new Map<string, ReturnType<typeof compile>>();
  database.prepare = ((sql: string) => {
    let statement = compiled.get(sql);
    if (!statement) {
      statement = compile(sql);
      compiled.set(sql, statement);
    }
    return statement;
  }) as typeof database.prepare;
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // A negative cache_size is a size in KiB rather than a page count.
  database.pragma(`cache_size = -${Math.trunc(pageCacheKib)}`);
  const version = database.pragma('user_version', { simple: true }) as number;
  if (version > currentSchemaVersion) {
    database.close();
    throw new IdentityError({
      code: 'CONFIGURATION_ERROR',
      provider: 'local',
      field: 'settings.database',
      message: `the database was written by a newer @idport/local (schema ${version}, this one knows ${currentSchemaVersion})`,
    });
  }
  for (const migration of localMigrations) {
    if (migration.version <= version || migration.version > upToVersion) continue;
    database.transaction(() => {
      migration.up(database);
      database.pragma(`user_version = ${migration.version}`);
    })();
  }
  return database;
}
