#!/usr/bin/env node
// Migration benchmarks, printed as figures and ratios measured in one run:
//   1. local → local with password hashes: users/s at 10k and 100k users, and peak RSS
//      (each size in its own process so the peaks do not mix), ratio 100k / 10k.
// Usage: node bench/migrate-benchmark.mjs [sizes...]   (default 10000 100000)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const worker = fileURLToPath(new URL('./local-to-local-worker.mjs', import.meta.url));
const sizes = process.argv.slice(2).map(Number);
if (sizes.length === 0) sizes.push(10_000, 100_000);

console.log(
  `load average before the run: ${loadavg()
    .map((value) => value.toFixed(1))
    .join(' ')} on this machine's cores`,
);
const results = [];
for (const size of sizes) {
  const directory = mkdtempSync(join(tmpdir(), 'idport-bench-'));
  const seed = spawnSync(process.execPath, [worker, String(size), directory, 'seed'], { encoding: 'utf8' });
  if (seed.status !== 0) {
    console.error(seed.stderr);
    process.exit(1);
  }
  const run = spawnSync(process.execPath, ['--expose-gc', worker, String(size), directory, 'migrate'], {
    encoding: 'utf8',
  });
  rmSync(directory, { recursive: true, force: true });
  if (run.status !== 0) {
    console.error(run.stderr);
    process.exit(1);
  }
  const figures = JSON.parse(run.stdout.trim().split('\n').at(-1));
  results.push(figures);
  console.log(
    `local → local, ${size} users with scrypt hashes: ${Math.round(figures.usersPerSecond)} users/s, migration peak RSS ${figures.peakRssMb.toFixed(0)} MB (baseline RSS before the run ${figures.baselineRssMb.toFixed(0)} MB), JS heap in use after the run and a GC ${figures.heapAfterGcMb.toFixed(1)} MB, created ${figures.created}, failed ${figures.failed}`,
  );
}
if (results.length >= 2) {
  const [small, large] = [results[0], results.at(-1)];
  console.log(
    `peak RSS ratio ${large.users} / ${small.users} users: ${(large.peakRssMb / small.peakRssMb).toFixed(2)} (target ≤ 1.25); JS heap after GC ratio: ${(large.heapAfterGcMb / small.heapAfterGcMb).toFixed(2)}; throughput ratio: ${(large.usersPerSecond / small.usersPerSecond).toFixed(2)}`,
  );
}
