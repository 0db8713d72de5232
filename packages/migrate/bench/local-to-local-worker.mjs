// One benchmark size: `seed` fills a source SQLite file (its own process, so seeding
// memory does not count); `migrate` calls runMigration in this process, with Node's default
// heap, to an empty target and prints one JSON line. The peak RSS is the kernel's
// (getrusage), which covers the module loading before the run as the CLI's figure does.
// Usage: node local-to-local-worker.mjs <users> <directory> seed|migrate [pageCacheKib]
import { randomBytes, scryptSync } from 'node:crypto';
import { join } from 'node:path';
import { createPortableUser } from '@idport/core';
import { createLocalProvider } from '@idport/local';
import { createSqliteStateStore, runMigration } from '../dist/index.js';

const [size, directory, phase] = [Number(process.argv[2]), process.argv[3], process.argv[4]];
// Optional: the SQLite page cache of source and target, in KiB (default: the provider's).
const pageCacheKib = process.argv[5] ? { pageCacheKib: Number(process.argv[5]) } : {};
const fast = { passwordHashing: { logN: 10, blockSize: 8, parallelization: 1 }, ...pageCacheKib };
const salt = randomBytes(16);
const encode = (buffer) => buffer.toString('base64').replace(/=+$/, '');
const phc = `$scrypt$ln=10,r=8,p=1$${encode(salt)}$${encode(scryptSync('Seeded-Password-42!', salt, 32, { N: 1024, r: 8, p: 1 }))}`;

if (phase === 'seed') {
  const source = await createLocalProvider({ ...fast, database: join(directory, 'source.db') });
  for (let start = 0; start < size; start += 1000) {
    const users = [];
    for (let index = start; index < Math.min(size, start + 1000); index += 1) {
      users.push(
        createPortableUser({
          sourceId: `s-${index}`,
          email: `user-${index}@example.com`,
          emailVerified: true,
          givenName: `Given${index}`,
          familyName: 'Bench',
          attributes: { plan: 'pro' },
          passwordHash: { algorithm: 'scrypt', phc },
          mfaFactors: index % 10 === 0 ? [{ type: 'totp', secret: 'JBSWY3DPEHPK3PXP', label: null }] : [],
        }),
      );
    }
    await source.transfer.importUsers(users);
  }
  await source.close();
  process.exit(0);
}

const from = await createLocalProvider({ ...fast, database: join(directory, 'source.db') });
const to = await createLocalProvider({ ...fast, database: join(directory, 'target.db') });
const state = createSqliteStateStore(join(directory, 'state.db'));
globalThis.gc?.();
const baselineRss = process.memoryUsage().rss;
const result = await runMigration({ from, to, state, pageSize: 1000, batchSize: 1000 });
const peakRss = process.resourceUsage().maxRSS * 1024;
globalThis.gc?.();
const heapAfterGc = process.memoryUsage().heapUsed;
console.log(
  JSON.stringify({
    users: size,
    usersPerSecond: result.usersPerSecond,
    created: result.counts.created,
    failed: result.counts.failed,
    baselineRssMb: baselineRss / 2 ** 20,
    peakRssMb: peakRss / 2 ** 20,
    heapAfterGcMb: heapAfterGc / 2 ** 20,
  }),
);
await from.close();
await to.close();
state.close();
