#!/usr/bin/env node
// Measures whether a failed sign-in takes the same time for an unknown email as for a
// known email with a wrong password (the timing side of "no user enumeration"), with the
// successful sign-in as the baseline. Prints medians and ratios; asserts nothing.
import { createLocalProvider } from '../dist/index.js';

const rounds = Number(process.argv[2] ?? 30);
const logN = Number(process.argv[3] ?? 15);
const provider = await createLocalProvider({
  passwordHashing: { logN, blockSize: 8, parallelization: 1 },
  lockout: { maxFailedAttempts: 100, lockSeconds: 1 },
});
const password = 'Correct-Horse-9-Battery!';
await provider.users.create({ email: 'known@example.com', password });

async function time(action) {
  const samples = [];
  for (let round = 0; round < rounds; round += 1) {
    const started = process.hrtime.bigint();
    await action(round).catch(() => undefined);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return samples;
}

const percentile = (samples, fraction) =>
  samples[Math.min(samples.length - 1, Math.floor(samples.length * fraction))];
const describe = (samples) =>
  ['p10', 'p50', 'p90', 'p99']
    .map((label) => `${label} ${percentile(samples, Number(label.slice(1)) / 100).toFixed(1)}`)
    .join(', ');

// Each case uses its own identifiers so lockout never interferes.
const success = await time(() => provider.auth.signIn({ email: 'known@example.com', password }));
const wrongPassword = await time(() =>
  provider.auth.signIn({ email: 'known@example.com', password: 'Wrong-Pass-123' }),
);
const unknownEmail = await time((round) =>
  provider.auth.signIn({ email: `nobody-${round}@example.com`, password }),
);
await provider.close();

const median = (samples) => percentile(samples, 0.5);
console.log(`sign-in timing, scrypt N=2^${logN}, ${rounds} rounds each, milliseconds`);
console.log(`successful sign-in (baseline): ${describe(success)}`);
console.log(
  `known email, wrong password:   ${describe(wrongPassword)} (median ${(median(wrongPassword) / median(success)).toFixed(2)}x baseline)`,
);
console.log(
  `unknown email:                 ${describe(unknownEmail)} (median ${(median(unknownEmail) / median(success)).toFixed(2)}x baseline)`,
);
console.log(
  `unknown / wrong-password median ratio: ${(median(unknownEmail) / median(wrongPassword)).toFixed(2)}`,
);
