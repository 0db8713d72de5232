#!/usr/bin/env node
// Migration benchmarks, printed as figures and ratios measured in one run:
//   1. local → local with password hashes: users/s at 10k, 100k and 200k users, and peak RSS
//      (each size in its own process so the peaks do not mix), ratios to 10k; with the
//      default and with a bounded SQLite page cache.
//   2. local → Firebase Auth emulator: runMigration's batched import vs a naive loop of
//      sequential users.create over the same 5,000 users, users/s and the ratio.
//   3. local → Okta fake at its default budget (600 user creates/min): achieved users/min,
//      ratio to the budget, 429s answered and surfaced, users present at the target.
// Usage: node bench/migrate-benchmark.mjs [local] [firebase] [okta] [sizes...]
//          [--firebase-users N] [--okta-users N]
//   No part named: all three. Bare numbers are the local → local sizes (default 10000 100000 200000).
//   Defaults: --firebase-users 5000, --okta-users 1200 (about two minutes at the budget).
// Exit code: 0 when every count checked is right, 1 otherwise or on an error, 2 on bad arguments.
import { loadavg } from 'node:os';
import { defaultFirebaseUsers, runFirebaseEmulatorBenchmark } from './firebase-emulator-benchmark.mjs';
import { defaultLocalSizes, runLocalToLocalBenchmark } from './local-to-local-benchmark.mjs';
import { defaultOktaUsers, runOktaFakeBenchmark } from './okta-fake-benchmark.mjs';

const partNames = ['local', 'firebase', 'okta'];
const usage =
  'usage: node bench/migrate-benchmark.mjs [local] [firebase] [okta] [sizes...] [--firebase-users N] [--okta-users N]';

function readArguments(words) {
  const parts = new Set();
  const sizes = [];
  const counts = { firebase: defaultFirebaseUsers, okta: defaultOktaUsers };
  const positiveInteger = (text, what) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`${what} must be a positive integer, not "${text}"`);
    return value;
  };
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index];
    const option = /^--(firebase|okta)-users(?:=(.*))?$/.exec(word);
    if (option) {
      const [, part, inline] = option;
      if (inline === undefined) index += 1;
      counts[part] = positiveInteger(inline ?? words[index], `--${part}-users`);
    } else if (partNames.includes(word)) {
      parts.add(word);
    } else if (/^\d+$/.test(word)) {
      sizes.push(positiveInteger(word, 'a local → local size'));
    } else {
      throw new Error(`unknown argument "${word}"`);
    }
  }
  return {
    parts: parts.size === 0 ? new Set(partNames) : parts,
    sizes: sizes.length === 0 ? defaultLocalSizes : sizes,
    counts,
  };
}

let settings;
try {
  settings = readArguments(process.argv.slice(2));
} catch (error) {
  console.error(`${error.message}\n${usage}`);
  process.exit(2);
}

console.log(
  `load average before the run: ${loadavg()
    .map((value) => value.toFixed(1))
    .join(' ')} on this machine's cores`,
);
let healthy = true;
try {
  if (settings.parts.has('local')) runLocalToLocalBenchmark(settings.sizes);
  if (settings.parts.has('firebase')) {
    healthy = (await runFirebaseEmulatorBenchmark({ userCount: settings.counts.firebase })) && healthy;
  }
  if (settings.parts.has('okta')) {
    healthy = (await runOktaFakeBenchmark({ userCount: settings.counts.okta })) && healthy;
  }
} catch (error) {
  // The stack only: a vendor error's fields (request, response) are not for a log.
  console.error(error instanceof Error ? error.stack : `benchmark failed: ${String(error)}`);
  healthy = false;
}
console.log(
  `load average after the run: ${loadavg()
    .map((value) => value.toFixed(1))
    .join(' ')}`,
);
if (!healthy) console.log('some counts were not as expected: see the lines marked WRONG or the error above');
process.exitCode = healthy ? 0 : 1;
