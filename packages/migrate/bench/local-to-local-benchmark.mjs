// local → local with password hashes: users/s and peak RSS at each size, each run in its own
// process so the peaks do not mix, then each size's peak relative to the smallest (a third
// size shows whether the peak levels off). Three ways of running the same migration:
//   - the idport CLI as users run it (`idport migrate run`, its worker thread with the
//     default 1024 MiB heap limit), local providers with `pageCacheKib: 4096`;
//   - the same with the local provider's default 16 MiB page caches;
//   - runMigration called in a process of one's own with Node's default heap (about 4 GiB
//     on this machine), 4 MiB caches: the baseline the bounded heap is measured against.
// Each size is seeded once (local-to-local-worker.mjs seed); every run gets a fresh copy.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { temporaryDirectory } from './benchmark-cleanup.mjs';

const worker = fileURLToPath(new URL('./local-to-local-worker.mjs', import.meta.url));
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const peakReporter = fileURLToPath(new URL('./report-peak-rss.cjs', import.meta.url));

export const defaultLocalSizes = [10_000, 100_000, 200_000];
// The seeding's cheap scrypt cost, so that opening the providers costs nothing to speak of.
const fastHashing = { logN: 10, blockSize: 8, parallelization: 1 };

const ways = [
  { label: 'idport CLI, pageCacheKib 4096', cli: true, pageCacheKib: 4096 },
  { label: 'idport CLI, default 16 MiB page caches', cli: true, pageCacheKib: null },
  { label: 'runMigration in-process, Node default heap, pageCacheKib 4096', cli: false, pageCacheKib: 4096 },
];

function providerFile(directory, name, pageCacheKib) {
  const file = join(directory, `${name}.json`);
  const settings = {
    database: join(directory, `${name}.db`),
    passwordHashing: fastHashing,
    ...(pageCacheKib === null ? {} : { pageCacheKib }),
  };
  writeFileSync(file, JSON.stringify({ provider: 'local', settings }));
  return file;
}

function runCli(directory, pageCacheKib) {
  const peakFile = join(directory, 'peak-rss-kib');
  const run = spawnSync(
    process.execPath,
    [
      '--require',
      peakReporter,
      cli,
      'migrate',
      'run',
      '--from',
      providerFile(directory, 'source', pageCacheKib),
      '--to',
      providerFile(directory, 'target', pageCacheKib),
      '--state',
      join(directory, 'state.db'),
      '--page-size',
      '1000',
      '--batch-size',
      '1000',
      '--report',
      join(directory, 'report.json'),
      '--failures',
      join(directory, 'failures.ndjson'),
      '--json',
    ],
    { cwd: directory, encoding: 'utf8', env: { ...process.env, IDPORT_BENCH_PEAK_RSS_FILE: peakFile } },
  );
  if (run.status !== 0) throw new Error(`idport migrate run exited with ${run.status}:\n${run.stderr}`);
  const result = JSON.parse(run.stdout.trim().split('\n').at(-1));
  return {
    usersPerSecond: result.usersPerSecond,
    created: result.counts.created,
    failed: result.counts.failed,
    peakRssMb: Number(readFileSync(peakFile, 'utf8')) / 1024,
  };
}

function runInProcess(directory, pageCacheKib, size) {
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', worker, String(size), directory, 'migrate', String(pageCacheKib)],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`the in-process migration failed:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1));
}

function seed(size, directory) {
  const seeding = spawnSync(process.execPath, [worker, String(size), directory, 'seed'], {
    encoding: 'utf8',
  });
  if (seeding.status !== 0)
    throw new Error(`local → local seeding of ${size} users failed:\n${seeding.stderr}`);
}

export function runLocalToLocalBenchmark(sizes) {
  const results = new Map(ways.map((way) => [way.label, []]));
  for (const size of sizes) {
    const directory = temporaryDirectory('local');
    try {
      seed(size, directory.path);
      ways.forEach((way, index) => {
        const runDirectory = join(directory.path, `run-${index}`);
        mkdirSync(runDirectory);
        copyFileSync(join(directory.path, 'source.db'), join(runDirectory, 'source.db'));
        const figures = way.cli
          ? runCli(runDirectory, way.pageCacheKib)
          : runInProcess(runDirectory, way.pageCacheKib, size);
        results.get(way.label).push({ users: size, ...figures });
        console.log(
          `local → local (${way.label}), ${size} users with scrypt hashes: ${Math.round(figures.usersPerSecond)} users/s, peak RSS ${figures.peakRssMb.toFixed(0)} MB${figures.heapAfterGcMb === undefined ? '' : `, JS heap in use after the run and a GC ${figures.heapAfterGcMb.toFixed(1)} MB`}, created ${figures.created}, failed ${figures.failed}`,
        );
      });
    } finally {
      directory.remove();
    }
  }
  if (sizes.length < 2) return;
  for (const way of ways) {
    const [smallest, ...larger] = results.get(way.label);
    const relative = larger
      .map((figures) => `${figures.users}: ${(figures.peakRssMb / smallest.peakRssMb).toFixed(2)}`)
      .join(', ');
    const largest = results.get(way.label).at(-1);
    console.log(
      `local → local (${way.label}): peak RSS relative to ${smallest.users} users ${relative} (target for 100000 / 10000 ≤ 1.25); throughput ratio ${largest.users} / ${smallest.users} ${(largest.usersPerSecond / smallest.usersPerSecond).toFixed(2)}`,
    );
  }
}
