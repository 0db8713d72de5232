// A local (SQLite) source of users carrying a portable password hash that every target of
// these benchmarks can import: PBKDF2-SHA256 (Firebase's PBKDF2_SHA256, Okta's PBKDF2 with
// SHA256_HMAC, which needs at least 4096 iterations).
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { createPortableUser } from '@idport/core';
import { createLocalProvider } from '@idport/local';

const importBatchSize = 1000;
const iterations = 10_000;
// The source's own hashing is not what is measured: the floor cost keeps opening it cheap.
export const fastLocalSettings = { passwordHashing: { logN: 10, blockSize: 8, parallelization: 1 } };

const encode = (buffer) => buffer.toString('base64').replace(/=+$/, '');

/** One PHC string for all users: deriving thousands of hashes would only slow the seeding. */
function portablePasswordHash() {
  const salt = randomBytes(16);
  const derived = pbkdf2Sync(randomBytes(24).toString('base64'), salt, iterations, 32, 'sha256');
  return {
    algorithm: 'pbkdf2-sha256',
    phc: `$pbkdf2-sha256$i=${iterations}$${encode(salt)}$${encode(derived)}`,
  };
}

/** The emails of the seeded users, in seeding order. */
export function seededEmails(prefix, count) {
  return Array.from({ length: count }, (_, index) => `${prefix}-${index}@example.com`);
}

/** Opens (creates) the SQLite source at `database` and fills it with `count` users. */
export async function seedLocalSource({ database, count, prefix }) {
  const source = await createLocalProvider({ ...fastLocalSettings, database });
  const passwordHash = portablePasswordHash();
  const emails = seededEmails(prefix, count);
  try {
    for (let start = 0; start < count; start += importBatchSize) {
      const users = [];
      for (let index = start; index < Math.min(count, start + importBatchSize); index += 1) {
        users.push(
          createPortableUser({
            sourceId: `${prefix}-${index}`,
            email: emails[index],
            emailVerified: true,
            givenName: `Given${index}`,
            familyName: 'Bench',
            attributes: { plan: 'pro' },
            passwordHash,
          }),
        );
      }
      const outcomes = await source.transfer.importUsers(users);
      const refused = outcomes.filter((outcome) => outcome.status !== 'created' || !outcome.passwordImported);
      if (refused.length > 0) {
        throw new Error(`seeding the local source: ${refused.length} users not created with their hash`);
      }
    }
  } catch (error) {
    await source.close();
    throw error;
  }
  return source;
}
