import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collect } from '@idport/core';
import { createLocalProvider } from '@idport/local';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { seedLocalUsers } from '../__fixtures__/seed-local-users';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const packageDirectory = fileURLToPath(new URL('../..', import.meta.url));
const fast = { passwordHashing: { logN: 10, blockSize: 8, parallelization: 1 } };
const password = 'Seeded-Password-42!';

function idport(args: string[], cwd: string) {
  return spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env } });
}

function providerFile(directory: string, name: string, database: string): string {
  const file = join(directory, `${name}.json`);
  writeFileSync(file, JSON.stringify({ provider: 'local', settings: { database, ...fast } }));
  return file;
}

/** A source of `count` seeded users, an empty target, and the `migrate run` arguments between them. */
async function seededRun(count: number, extraArgs: string[]) {
  const directory = mkdtempSync(join(tmpdir(), 'idport-cli-'));
  const sourceDatabase = join(directory, 'source.db');
  const targetDatabase = join(directory, 'target.db');
  const statePath = join(directory, 'state.db');
  const source = await createLocalProvider({ ...fast, database: sourceDatabase });
  await seedLocalUsers(source, count, password);
  await source.close();
  const args = [
    'migrate',
    'run',
    '--from',
    providerFile(directory, 'from', sourceDatabase),
    '--to',
    providerFile(directory, 'to', targetDatabase),
    '--state',
    statePath,
    ...extraArgs,
    '--json',
  ];
  return { directory, targetDatabase, statePath, args };
}

/** Users with a final outcome in the state database, read while a run may be writing it. */
function finishedUsers(statePath: string): number {
  if (!existsSync(statePath)) return 0;
  try {
    const state = new BetterSqlite3(statePath, { readonly: true, fileMustExist: true });
    try {
      return (
        state.prepare("SELECT COUNT(*) AS count FROM users WHERE status <> 'pending'").get() as {
          count: number;
        }
      ).count;
    } finally {
      state.close();
    }
  } catch {
    return 0;
  }
}

/** The counts `idport migrate status` prints for the only run in the state database. */
function collectStatus(directory: string, statePath: string): Record<string, number> {
  const state = new BetterSqlite3(statePath, { readonly: true, fileMustExist: true });
  const runs = state.prepare('SELECT run_id FROM runs').all() as { run_id: string }[];
  state.close();
  expect(runs).toHaveLength(1);
  const status = idport(
    ['migrate', 'status', '--state', statePath, '--run-id', runs[0]?.run_id ?? '', '--json'],
    directory,
  );
  expect(status.status, status.stderr).toBe(0);
  return JSON.parse(status.stdout).counts;
}

describe('idport CLI', () => {
  it('prints help for every command and uses exit code 2 for usage errors', () => {
    for (const args of [
      ['--help'],
      ['migrate', 'plan', '--help'],
      ['migrate', 'run', '--help'],
      ['migrate', 'status', '--help'],
    ]) {
      const result = idport(args, packageDirectory);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('idport');
    }
    expect(idport(['migrate', 'fly'], packageDirectory).status).toBe(2);
    expect(idport(['migrate', 'run', '--bogus'], packageDirectory).status).toBe(2);
    const missing = idport(['migrate', 'run', '--to', 'x.json'], packageDirectory);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--from is required');
  });

  it('refuses a bad provider file with exit code 2, naming the field without its value', () => {
    const directory = mkdtempSync(join(tmpdir(), 'idport-cli-'));
    const bad = join(directory, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        provider: 'local',
        settings: { database: ':memory:', issuer: 42, secretThing: 'canary-7781' },
      }),
    );
    const result = idport(['migrate', 'plan', '--from', bad, '--to', bad], packageDirectory);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('CONFIGURATION_ERROR');
    expect(result.stderr + result.stdout).not.toContain('canary-7781');
  });

  it('resumes after SIGKILL at five random points with every user exactly once', {
    timeout: 240_000,
  }, async () => {
    const { directory, targetDatabase, statePath, args } = await seededRun(3000, [
      '--page-size',
      '100',
      '--batch-size',
      '20',
    ]);
    // Kill points are chosen by progress, not by time, so they land mid-run on a fast
    // machine as on a slow one: each run is killed once the state database records a
    // random number of finished users beyond what the previous runs reached.
    const finished = () => finishedUsers(statePath);
    const targets = Array.from({ length: 5 }, () => 100 + Math.floor(Math.random() * 2700)).sort(
      (a, b) => a - b,
    );
    let kills = 0;
    for (const target of targets) {
      const child = spawn(process.execPath, [cli, ...args], { cwd: directory, stdio: 'ignore' });
      let exited = false;
      const exit = new Promise<void>((resolve) =>
        child.on('exit', () => {
          exited = true;
          resolve();
        }),
      );
      while (!exited && finished() < target) await new Promise((resolve) => setTimeout(resolve, 5));
      if (!exited) {
        child.kill('SIGKILL');
        kills += 1;
      }
      await exit;
    }
    const final = spawnSync(process.execPath, [cli, ...args], { cwd: directory, encoding: 'utf8' });
    expect(final.status, final.stderr).toBe(0);
    expect(kills).toBeGreaterThan(0);

    const target = await createLocalProvider({ ...fast, database: targetDatabase });
    const users = await collect(target.users.list({ pageSize: 1000 }));
    const emails = users.map((user) => user.email);
    expect(users).toHaveLength(3000);
    expect(new Set(emails).size).toBe(3000);
    expect((await target.auth.signIn({ email: 'user-2999@example.com', password })).status).toBe(
      'authenticated',
    );
    await target.close();
    const report = JSON.parse(readFileSync(join(directory, 'migration-report.json'), 'utf8'));
    expect(report.counts).toMatchObject({ created: 3000, failed: 0, pending: 0 });
    expect(readFileSync(join(directory, 'migration-failures.ndjson'), 'utf8')).toBe('');
  });

  it('stops after the current page on Ctrl-C with exit code 130, and the next run finishes', {
    timeout: 120_000,
  }, async () => {
    const { directory, statePath, args } = await seededRun(3000, ['--page-size', '50', '--batch-size', '10']);
    // The signal reaches the launcher thread; the command runs in its worker thread.
    const child = spawn(process.execPath, [cli, ...args], { cwd: directory, stdio: 'ignore' });
    const exitCode = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let exited = false;
    child.on('exit', () => {
      exited = true;
    });
    while (!exited && finishedUsers(statePath) < 300) await new Promise((resolve) => setTimeout(resolve, 5));
    child.kill('SIGINT');
    expect(await exitCode).toBe(130);
    const stoppedAt = collectStatus(directory, statePath);
    expect(stoppedAt.pending).toBe(0);
    expect(stoppedAt.created).toBeGreaterThan(0);
    expect(stoppedAt.created).toBeLessThan(3000);

    const final = idport(args, directory);
    expect(final.status, final.stderr).toBe(0);
    expect(collectStatus(directory, statePath)).toMatchObject({ created: 3000, failed: 0, pending: 0 });
  });

  it('stops with exit code 1 when a command reaches its heap limit, and the saved state resumes', {
    timeout: 120_000,
  }, async () => {
    const { directory, statePath, args } = await seededRun(400, ['--page-size', '50']);
    // A mapping that keeps about 1 MB per user from the 100th user on: with a 128 MiB
    // heap the run cannot finish, whatever the machine.
    const hog = join(directory, 'hog-mapping.mjs');
    writeFileSync(
      hog,
      `const kept = []; let seen = 0;
export default function map(user) {
  seen += 1;
  if (seen > 100) kept.push(new Array(131072).fill(seen));
  return user;
}
`,
    );
    const stopped = spawnSync(process.execPath, [cli, ...args, '--mapping', hog], {
      cwd: directory,
      encoding: 'utf8',
      env: { ...process.env, IDPORT_HEAP_LIMIT_MIB: '128' },
    });
    expect(stopped.status, stopped.stderr).toBe(1);
    expect(stopped.stderr).toContain('used its whole heap (128 MiB)');
    const partial = collectStatus(directory, statePath);
    expect(partial.created).toBeGreaterThanOrEqual(100);
    expect(partial.created).toBeLessThan(400);

    const resumed = idport(args, directory);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(collectStatus(directory, statePath)).toMatchObject({ created: 400, failed: 0, pending: 0 });
  });

  it('plans without writing and prints JSON on request', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'idport-cli-'));
    const sourceDatabase = join(directory, 'source.db');
    const source = await createLocalProvider({ ...fast, database: sourceDatabase });
    await seedLocalUsers(source, 30, password);
    await source.close();
    const targetDatabase = join(directory, 'target.db');
    const result = idport(
      [
        'migrate',
        'plan',
        '--from',
        providerFile(directory, 'from', sourceDatabase),
        '--to',
        providerFile(directory, 'to', targetDatabase),
        '--json',
      ],
      directory,
    );
    expect(result.status, result.stderr).toBe(0);
    const plan = JSON.parse(result.stdout);
    expect(plan).toMatchObject({ users: 30, keepPassword: 30, factorsCross: 2, conflicts: 0 });
    expect(result.stdout).not.toContain(password);
    const target = await createLocalProvider({ ...fast, database: targetDatabase });
    expect(await collect(target.users.list())).toHaveLength(0);
    await target.close();
  });
});
