import { createRequire } from 'node:module';
import {
  createIdentityProvider,
  createPortableUser,
  type IdentityConfig,
  type PasswordHashAlgorithm,
  type PortableUser,
} from '@idport/core';
import { Secret, TOTP } from 'otpauth';
// Reused from the repository's hash package (not a dependency of this example): hashes in
// legacy schemes, as a system the users came from before `local` would have stored them.
import { createPortableHash } from '../../../../packages/password-hashes/src/create-portable-hash';

/** The password every seeded user has. Never printed. */
export const originalPassword = 'Analytical-Engine-1843';
/** A password nobody has, for the "a wrong password does not sign in" checks. */
export const wrongPassword = 'Difference-Engine-1822';

/** One user put in the local source, and what the test knows about them. */
export interface SeededSourceUser {
  readonly sourceId: string;
  /** As exported (the invalid one included). */
  readonly email: string;
  /** The algorithm of the stored hash, null for a user without a password. */
  readonly passwordAlgorithm: PasswordHashAlgorithm | null;
  /** Base32 secret of a confirmed TOTP factor, null without one. Never printed. */
  readonly totpSecret: string | null;
  /** Why the migration must refuse this user, null for a good one. */
  readonly invalidField: string | null;
  /** An account with this email is made at the target before the migration (a conflict). */
  readonly existsAtTarget: boolean;
}

/** The next step's code: the current one may have confirmed the enrollment, and no verifier takes a code twice. */
export const totpCode = (secret: string) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + 30_000 });

function importedUser(email: string, passwordHash: PortableUser['passwordHash']): PortableUser {
  return createPortableUser({
    sourceId: `legacy-${email}`,
    email,
    emailVerified: true,
    givenName: email.split('@')[0] ?? null,
    passwordHash,
  });
}

/** The email stored for the user with bad data: not an address at all. */
export const invalidEmail = 'margaret.at.example.com';

/**
 * A row rewritten behind the provider's back, the way rows of an old system (or a script
 * writing to the database) look: `local` validates every email it is given, so its API
 * cannot make one. better-sqlite3 is `@idport/local`'s own driver; only `users.email` of
 * one row is touched.
 */
function corruptEmail(databaseFile: string, userId: string): void {
  const require = createRequire(import.meta.url);
  const localEntry = require.resolve('@idport/local');
  type Database = {
    prepare(sql: string): { run(...values: unknown[]): { changes: number } };
    close(): void;
  };
  const BetterSqlite3 = createRequire(localEntry)('better-sqlite3') as new (file: string) => Database;
  const database = new BetterSqlite3(databaseFile);
  try {
    const { changes } = database.prepare('UPDATE users SET email = ? WHERE id = ?').run(invalidEmail, userId);
    if (changes !== 1) throw new Error(`expected to rewrite one row, rewrote ${changes}`);
  } finally {
    database.close();
  }
}

/**
 * Fills a `local` provider on `databaseFile` with seven users: Ada (local's own scrypt, and a
 * TOTP factor) and Grace (scrypt); Linus (bcrypt) and Barbara (pbkdf2-sha256), imported
 * from an older system; Alan, without a password; Edsger (scrypt), whose email is already
 * taken at the target; and Margaret (scrypt), whose stored email is not an email.
 */
export async function seedPairSource(
  config: IdentityConfig,
  databaseFile: string,
): Promise<SeededSourceUser[]> {
  const source = await createIdentityProvider(config);
  const seeded: SeededSourceUser[] = [];
  let adaTotpSecret: string | null = null;
  const add = (user: Pick<SeededSourceUser, 'sourceId' | 'email' | 'passwordAlgorithm'>) =>
    seeded.push({ ...user, totpSecret: null, invalidField: null, existsAtTarget: false });
  try {
    for (const email of [
      'ada@example.com',
      'grace@example.com',
      'edsger@example.com',
      'margaret@example.com',
    ]) {
      const user = await source.users.create({ email, password: originalPassword, emailVerified: true });
      add({ sourceId: user.id, email, passwordAlgorithm: 'scrypt' });
    }
    const alan = await source.users.create({ email: 'alan@example.com', emailVerified: true });
    add({ sourceId: alan.id, email: 'alan@example.com', passwordAlgorithm: null });

    const legacy = [
      importedUser(
        'linus@example.com',
        await createPortableHash(originalPassword, { algorithm: 'bcrypt', version: '2b', cost: 10 }),
      ),
      importedUser(
        'barbara@example.com',
        await createPortableHash(originalPassword, { algorithm: 'pbkdf2-sha256', iterations: 27_500 }),
      ),
    ];
    const outcomes = await source.transfer.importUsers(legacy);
    for (const [index, outcome] of outcomes.entries()) {
      const user = legacy[index];
      if (
        !user?.passwordHash ||
        outcome.status !== 'created' ||
        !outcome.userId ||
        !outcome.passwordImported
      ) {
        throw new Error(`seeding ${user?.email} failed: ${outcome.status}`);
      }
      add({ sourceId: outcome.userId, email: user.email, passwordAlgorithm: user.passwordHash.algorithm });
    }

    // Ada enrolls an authenticator app at the old provider, as she would have in the old app.
    const signedIn = await source.auth.signIn({ email: 'ada@example.com', password: originalPassword });
    if (signedIn.status !== 'authenticated') throw new Error(`seeding ada: ${signedIn.status}`);
    const subject = { userId: signedIn.user.id, accessToken: signedIn.tokens.accessToken };
    const enrollment = await source.mfa.enrollTotp({ ...subject, label: 'phone' });
    await source.mfa.confirmEnrollment({
      ...subject,
      factorId: enrollment.factorId,
      code: new TOTP({ secret: Secret.fromBase32(enrollment.secret) }).generate(),
    });
    adaTotpSecret = enrollment.secret;
  } finally {
    await source.close();
  }

  const margaret = seeded.find((user) => user.email === 'margaret@example.com');
  if (!margaret) throw new Error('margaret was not seeded');
  corruptEmail(databaseFile, margaret.sourceId);
  return seeded.map((user): SeededSourceUser => {
    if (user === margaret) return { ...user, email: invalidEmail, invalidField: 'email' };
    if (user.email === 'ada@example.com') return { ...user, totpSecret: adaTotpSecret };
    if (user.email === 'edsger@example.com') return { ...user, existsAtTarget: true };
    return user;
  });
}
