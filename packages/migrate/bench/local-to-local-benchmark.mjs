// local → local with password hashes: users/s at each size and peak RSS (each size in its own
// process so the peaks do not mix), with the provider's default SQLite page cache (16 MiB)
// and with a bounded one (4 MiB), then each size's peak relative to the smallest (a third
// size shows whether the peak levels off). The work itself is in local-to-local-worker.mjs.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { temporaryDirectory } from './benchmark-cleanup.mjs';

const worker = fileURLToPath(new URL('./local-to-local-worker.mjs', import.meta.url));

export const defaultLocalSizes = [10_000, 100_000, 200_000];

/** Page cache settings compared: the provider's default, and the one a migration worker would set. */
const cacheSettings = [
  { label: 'default 16 MiB page caches', pageCacheKib: null },
  { label: 'pageCacheKib 4096', pageCacheKib: 4096 },
];

function measureSize(size, pageCacheKib) {
  const directory = temporaryDirectory('local');
  const cacheArgument = pageCacheKib === null ? [] : [String(pageCacheKib)];
  let run;
  try {
    const seed = spawnSync(
      process.execPath,
      [worker, String(size), directory.path, 'seed', ...cacheArgument],
      {
        encoding: 'utf8',
      },
    );
    if (seed.status !== 0) throw new Error(`local → local seeding of ${size} users failed:\n${seed.stderr}`);
    run = spawnSync(
      process.execPath,
      ['--expose-gc', worker, String(size), directory.path, 'migrate', ...cacheArgument],
      { encoding: 'utf8' },
    );
  } finally {
    directory.remove();
  }
  if (run.status !== 0) throw new Error(`local → local migration of ${size} users failed:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1));
}

export function runLocalToLocalBenchmark(sizes) {
  for (const { label, pageCacheKib } of cacheSettings) {
    const results = [];
    for (const size of sizes) {
      const figures = measureSize(size, pageCacheKib);
      results.push(figures);
      console.log(
        `local → local (${label}), ${size} users with scrypt hashes: ${Math.round(figures.usersPerSecond)} users/s, migration peak RSS ${figures.peakRssMb.toFixed(0)} MB (baseline RSS before the run ${figures.baselineRssMb.toFixed(0)} MB), JS heap in use after the run and a GC ${figures.heapAfterGcMb.toFixed(1)} MB, created ${figures.created}, failed ${figures.failed}`,
      );
    }
    if (results.length < 2) continue;
    const [smallest, ...larger] = results;
    const relative = larger
      .map((figures) => `${figures.users}: ${(figures.peakRssMb / smallest.peakRssMb).toFixed(2)}`)
      .join(', ');
    const largest = results.at(-1);
    console.log(
      `local → local (${label}): peak RSS relative to ${smallest.users} users ${relative} (target for 100000 / 10000 ≤ 1.25); JS heap after GC ratio ${(largest.heapAfterGcMb / smallest.heapAfterGcMb).toFixed(2)}; throughput ratio ${(largest.usersPerSecond / smallest.usersPerSecond).toFixed(2)}`,
    );
  }
}
