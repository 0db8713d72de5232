import type { LocalContext } from './local-context';
import { digest } from './random-token';

/**
 * Failed-attempt counting keyed by the hash of the email typed, whether or not an account
 * has it: unknown emails lock exactly like known ones, so lockout reveals nothing.
 */
export class SignInLockout {
  constructor(private readonly context: LocalContext) {}

  private key(email: string): string {
    return digest(`sign-in:${email.trim().toLowerCase()}`);
  }

  /** Seconds until the identifier may try again, or 0. */
  secondsLocked(email: string): number {
    const row = this.context.database
      .prepare('SELECT locked_until FROM sign_in_attempts WHERE identifier_hash = ?')
      .get(this.key(email)) as { locked_until: number } | undefined;
    const remaining = (row?.locked_until ?? 0) - this.context.now().getTime();
    return remaining > 0 ? Math.ceil(remaining / 1000) : 0;
  }

  recordFailure(email: string): void {
    const { maxFailedAttempts, lockSeconds } = this.context.options.lockout;
    const now = this.context.now().getTime();
    const key = this.key(email);
    this.context.database.transaction(() => {
      const row = this.context.database
        .prepare('SELECT failed_attempts, locked_until FROM sign_in_attempts WHERE identifier_hash = ?')
        .get(key) as { failed_attempts: number; locked_until: number } | undefined;
      // A lock that has run out starts a fresh count.
      const previous =
        row && row.locked_until !== 0 && row.locked_until <= now ? 0 : (row?.failed_attempts ?? 0);
      const attempts = previous + 1;
      const lockedUntil = attempts >= maxFailedAttempts ? now + lockSeconds * 1000 : 0;
      this.context.database
        .prepare(
          `INSERT INTO sign_in_attempts (identifier_hash, failed_attempts, locked_until, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT(identifier_hash) DO UPDATE SET failed_attempts = excluded.failed_attempts,
             locked_until = excluded.locked_until, updated_at = excluded.updated_at`,
        )
        .run(key, lockedUntil ? 0 : attempts, lockedUntil, now);
    })();
  }

  recordSuccess(email: string): void {
    this.context.database
      .prepare('DELETE FROM sign_in_attempts WHERE identifier_hash = ?')
      .run(this.key(email));
  }
}
