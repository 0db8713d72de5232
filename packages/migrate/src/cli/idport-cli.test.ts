import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collect } from '@idport/core';
import { createLocalProvider } from '@idport/local';
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
    const directory = mkdtempSync(join(tmpdir(), 'idport-cli-'));
    const sourceDatabase = join(directory, 'source.db');
    const targetDatabase = join(directory, 'target.db');
    const source = await createLocalProvider({ ...fast, database: sourceDatabase });
    await seedLocalUsers(source, 3000, password);
    await source.close();
    const args = [
      'migrate',
      'run',
      '--from',
      providerFile(directory, 'from', sourceDatabase),
      '--to',
      providerFile(directory, 'to', targetDatabase),
      '--state',
      join(directory, 'state.db'),
      '--page-size',
      '100',
      '--batch-size',
      '20',
      '--json',
    ];
    let kills = 0;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const child = spawn(process.execPath, [cli, ...args], { cwd: directory, stdio: 'ignore' });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const delay = 150 + Math.floor(Math.random() * 900);
      const finished = await Promise.race([
        exited,
        new Promise((resolve) => setTimeout(() => resolve('kill'), delay)),
      ]);
      if (finished === 'kill') {
        child.kill('SIGKILL');
        kills += 1;
        await exited;
      }
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
