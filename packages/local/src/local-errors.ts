import { IdentityError, type IdentityErrorCode } from '@idport/core';

/** Builds an IdentityError attributed to the embedded provider. */
export function localError(code: IdentityErrorCode, message: string, field?: string): IdentityError {
  return new IdentityError({ code, provider: 'local', message, field });
}

/**
 * Maps what SQLite can throw to IdentityError. A unique-constraint failure means a
 * concurrent writer won a race the prior lookup could not see; anything else is a fault of
 * the store, reported without the SQL (which could hold user data).
 */
export function mapLocalError(error: unknown): IdentityError {
  if (IdentityError.isInstance(error)) return error;
  const code = (error as { code?: unknown })?.code;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new IdentityError({
      code: 'USER_ALREADY_EXISTS',
      provider: 'local',
      message: 'The user already exists',
    });
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new IdentityError({
      code: 'PROVIDER_UNAVAILABLE',
      provider: 'local',
      message: 'The local database is busy',
      cause: error,
    });
  }
  return new IdentityError({
    code: 'PROVIDER_ERROR',
    provider: 'local',
    message: 'The local database failed',
    cause: error,
  });
}
