#!/usr/bin/env node
// Prints what one verification costs per algorithm — at the vendors' defaults and at the
// worst parameters defaultHashLimits still accepts — as milliseconds and as a ratio to
// @idport/local's default scrypt (N = 2^17, r = 8, p = 1), measured in this same run.
// Run `pnpm build` first. Usage: node bench/verify-cost.mjs [rounds=5]
import { performance } from 'node:perf_hooks';
import { createPortableHash, verifyPortableHash } from '../dist/index.js';

const rounds = Number(process.argv[2] ?? 5);
const password = 'bench-Pa55word';
const signerKey = Buffer.alloc(64, 1);

const cases = [
  [
    'baseline: local default scrypt 2^17',
    { algorithm: 'scrypt', logN: 17, blockSize: 8, parallelization: 1 },
  ],
  [
    'Firebase scrypt (rounds 8, mem_cost 14)',
    { algorithm: 'firebase-scrypt', memoryCost: 14, rounds: 8, saltSeparator: Buffer.from([7]), signerKey },
  ],
  ['bcrypt cost 10 (Auth0, Okta examples)', { algorithm: 'bcrypt', version: '2b', cost: 10 }],
  ['bcrypt cost 12', { algorithm: 'bcrypt', version: '2b', cost: 12 }],
  [
    'argon2id m=7168 t=5 p=1 (Keycloak 24+)',
    { algorithm: 'argon2id', version: 19, memoryKib: 7168, iterations: 5, parallelism: 1 },
  ],
  [
    'argon2id m=19456 t=2 p=1 (OWASP)',
    { algorithm: 'argon2id', version: 19, memoryKib: 19456, iterations: 2, parallelism: 1 },
  ],
  [
    'PBKDF2-SHA256 27,500 × 64 B (Keycloak < 24)',
    { algorithm: 'pbkdf2-sha256', iterations: 27_500, hashLength: 64 },
  ],
  ['PBKDF2-SHA256 600,000 (OWASP)', { algorithm: 'pbkdf2-sha256', iterations: 600_000 }],
  ['PBKDF2-SHA512 210,000 (OWASP)', { algorithm: 'pbkdf2-sha512', iterations: 210_000 }],
  ['salted SHA-256', { algorithm: 'sha256', saltPosition: 'prefix' }],
  ['HMAC-SHA512', { algorithm: 'hmac-sha512', key: Buffer.from('key'), saltPosition: 'suffix' }],
  ['limit: scrypt 256 MiB (2^18, r=8)', { algorithm: 'scrypt', logN: 18, blockSize: 8, parallelization: 1 }],
  ['limit: bcrypt cost 14', { algorithm: 'bcrypt', version: '2b', cost: 14 }],
  [
    'limit: argon2id 256 MiB, t=4',
    { algorithm: 'argon2id', version: 19, memoryKib: 262_144, iterations: 4, parallelism: 1 },
  ],
  ['limit: PBKDF2-SHA512 2,000,000', { algorithm: 'pbkdf2-sha512', iterations: 2_000_000 }],
];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const results = [];
for (const [name, specification] of cases) {
  const hash = await createPortableHash(password, specification);
  const timings = [];
  for (let round = 0; round < rounds; round += 1) {
    const started = performance.now();
    const ok = await verifyPortableHash(password, hash);
    timings.push(performance.now() - started);
    if (!ok) throw new Error(`${name} did not verify`);
  }
  results.push([name, median(timings)]);
}
const baseline = results[0][1];
console.log(`verification cost, median of ${rounds}, Node ${process.version}`);
console.log('| case | ms | × local default scrypt |');
console.log('| --- | ---: | ---: |');
for (const [name, milliseconds] of results) {
  console.log(`| ${name} | ${milliseconds.toFixed(1)} | ${(milliseconds / baseline).toFixed(2)} |`);
}
