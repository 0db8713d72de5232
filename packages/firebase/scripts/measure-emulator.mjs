// Measures the Firebase Auth emulator as a CI peer and the adapter's bulk import:
// emulator start time and memory, and importUsers (1000 users) against the baseline of
// 1000 sequential users.create calls, in the same run. Prints figures; asserts nothing.
// Usage: pnpm build && node scripts/measure-emulator.mjs
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const packageDirectory = resolve(import.meta.dirname, '..');
const { createFirebaseProvider } = await import(join(packageDirectory, 'dist', 'index.js'));

const freePort = () =>
  new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });

function groupRssMegabytes(pid) {
  try {
    const output = execFileSync('ps', ['-o', 'rss=', '-g', String(pid)], { encoding: 'utf8' });
    return Math.round(output.split('\n').reduce((sum, line) => sum + (Number(line.trim()) || 0), 0) / 1024);
  } catch {
    return Number.NaN;
  }
}

const ports = [await freePort(), await freePort(), await freePort()];
const directory = mkdtempSync(join(tmpdir(), 'idport-firebase-measure-'));
writeFileSync(
  join(directory, 'firebase.json'),
  JSON.stringify({
    emulators: {
      auth: { host: '127.0.0.1', port: ports[0] },
      hub: { host: '127.0.0.1', port: ports[1] },
      logging: { host: '127.0.0.1', port: ports[2] },
      ui: { enabled: false },
    },
  }),
);
const host = `127.0.0.1:${ports[0]}`;
const startedAt = performance.now();
const child = spawn(
  join(packageDirectory, 'node_modules', '.bin', 'firebase'),
  ['emulators:start', '--only', 'auth', '--project', 'demo-test'],
  {
    cwd: directory,
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, CI: 'true', NO_UPDATE_NOTIFIER: '1' },
  },
);

async function stop() {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // Already stopped.
  }
  rmSync(directory, { recursive: true, force: true });
}

try {
  for (;;) {
    if (performance.now() - startedAt > 90_000) throw new Error('emulator not ready after 90 s');
    try {
      const response = await fetch(`http://${host}/`);
      if ((await response.text()).includes('"ready": true')) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((wait) => setTimeout(wait, 100));
  }
  const startMs = performance.now() - startedAt;
  const idleRss = groupRssMegabytes(child.pid);

  const provider = createFirebaseProvider({ projectId: 'demo-test', emulatorHost: host });
  const reset = () => fetch(`http://${host}/emulator/v1/projects/demo-test/accounts`, { method: 'DELETE' });
  const count = 1000;

  await reset();
  let begin = performance.now();
  for (let index = 0; index < count; index += 1) {
    await provider.users.create({
      email: `sequential-${index}@example.com`,
      password: 'Correct-Horse-9-Battery!',
    });
  }
  const sequentialMs = performance.now() - begin;

  await reset();
  const users = Array.from({ length: count }, (_, index) => ({
    sourceId: `import-${index}`,
    email: `import-${index}@example.com`,
    emailVerified: true,
    phoneNumber: null,
    givenName: null,
    familyName: null,
    displayName: null,
    enabled: true,
    createdAt: null,
    attributes: {},
    groups: [],
    passwordHash: { algorithm: 'bcrypt', phc: `$2b$10$${'a'.repeat(53)}` },
    mfaFactors: [],
  }));
  begin = performance.now();
  const outcomes = await provider.transfer.importUsers(users);
  const importMs = performance.now() - begin;
  const created = outcomes.filter((outcome) => outcome.status === 'created').length;
  const busyRss = groupRssMegabytes(child.pid);
  await provider.close();

  console.log(`Firebase Auth emulator (firebase-tools 15.34.2), ${new Date().toISOString()}`);
  console.log(`  start to ready:              ${(startMs / 1000).toFixed(1)} s`);
  console.log(`  memory (process group RSS):  ${idleRss} MB idle, ${busyRss} MB after 2000 users`);
  console.log(`  ${count} sequential users.create: ${(sequentialMs / 1000).toFixed(2)} s (baseline)`);
  console.log(
    `  transfer.importUsers(${count}):  ${importMs.toFixed(0)} ms (${created} created; includes 20 getUsers look-ups for conflicts)`,
  );
  console.log(`  import is ${(sequentialMs / importMs).toFixed(0)}x faster than sequential creates`);
} finally {
  await stop();
}
