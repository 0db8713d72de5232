import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collect, createIdentityProvider, type IdentityConfig, type IdentityProvider } from '@idport/core';
import { Secret, TOTP } from 'otpauth';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { migrateUsers } from './migrate-users';
import { type SeededUsers, seededPassword, seedUsers } from './seed-users';

const exampleDirectory = fileURLToPath(new URL('..', import.meta.url));
const idport = join(exampleDirectory, 'node_modules', '.bin', 'idport');
const mappingModule = join(exampleDirectory, 'dist', 'user-mapping.js');
const directory = mkdtempSync(join(tmpdir(), 'idport-example-migrate-'));

/** A local provider on a file, with cheaper scrypt for the test only. */
const localConfig = (name: string): IdentityConfig => ({
  provider: 'local',
  settings: { database: join(directory, `${name}.db`), passwordHashing: { logN: 12 } },
});

function writeConfig(name: string, config: IdentityConfig): string {
  const file = join(directory, `${name}.json`);
  writeFileSync(file, JSON.stringify(config));
  return file;
}

/** The `idport` CLI as a user runs it (`npx idport ...`), from this example's folder. */
function cli(...args: string[]) {
  const result = spawnSync(idport, args, {
    cwd: exampleDirectory,
    encoding: 'utf8',
    env: { ...process.env, IDPORT_PROVIDER: '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const totpNow = (secret: string, stepOffset = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + stepOffset * 30_000 });

let seeded: SeededUsers;

beforeAll(async () => {
  const source = await createIdentityProvider(localConfig('source'));
  try {
    seeded = await seedUsers(source);
  } finally {
    await source.close();
  }
});

/** What every successful local → local migration must show at the target. */
async function expectMigrated(target: IdentityProvider, options: { passwords: boolean }) {
  const users = await collect(target.users.list());
  expect(users.map((user) => user.email).sort()).toEqual(
    seeded.emails.filter((email) => !email.endsWith('@test.invalid')).sort(),
  );
  const byEmail = async (email: string) => {
    const user = await target.users.findByEmail(email);
    if (!user) throw new Error(`${email} was not migrated`);
    return user;
  };
  const ada = await byEmail('ada@example.com');
  expect((await target.groups.listForUser(ada.id)).map((group) => group.name)).toEqual(['admins']);
  const linus = await byEmail('linus@example.com');
  expect((await target.groups.listForUser(linus.id)).map((group) => group.name)).toEqual(['support']);
  const grace = await byEmail('grace@example.com');
  expect(grace.attributes).toMatchObject({ plan: 'pro' });
  expect(grace.attributes).not.toHaveProperty('legacy_plan');
  expect(grace.attributes).not.toHaveProperty('internal_notes');
  if (!options.passwords) return;
  // Password hashes crossed: the old password works, and Ada's authenticator still does.
  const graceSignIn = await target.auth.signIn({ email: 'grace@example.com', password: seededPassword });
  expect(graceSignIn.status).toBe('authenticated');
  const adaSignIn = await target.auth.signIn({ email: 'ada@example.com', password: seededPassword });
  expect(adaSignIn.status).toBe('mfa_required');
  if (adaSignIn.status !== 'mfa_required') return;
  const done = await target.auth.completeMfa({
    challenge: adaSignIn.challenge,
    code: totpNow(seeded.adaTotpSecret, 1),
  });
  expect(done.status).toBe('authenticated');
}

describe('local → local with the idport CLI', () => {
  const from = writeConfig('source', localConfig('source'));
  const to = writeConfig('target-cli', localConfig('target-cli'));
  const state = join(directory, 'cli-state.db');
  const report = join(directory, 'cli-report.json');
  const failures = join(directory, 'cli-failures.ndjson');
  const runArgs = [
    'migrate',
    'run',
    '--from',
    from,
    '--to',
    to,
    '--mapping',
    mappingModule,
    '--state',
    state,
    '--report',
    report,
    '--failures',
    failures,
  ];

  it('plans with the mapping and writes nothing', async () => {
    const planned = cli('migrate', 'plan', '--from', from, '--to', to, '--mapping', mappingModule, '--json');
    expect(planned.stderr).toBe('');
    expect(planned.status).toBe(0);
    const plan = JSON.parse(planned.stdout);
    expect(plan).toMatchObject({ users: 6, keepPassword: 5, factorsCross: 1, conflicts: 0 });
    const target = await createIdentityProvider(localConfig('target-cli'));
    expect(await collect(target.users.list())).toEqual([]);
    await target.close();
  });

  it('runs, reports, and the users sign in at the target with their old password and TOTP', async () => {
    const run = cli(...runArgs, '--json');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).counts).toMatchObject({ created: 5, skipped: 1, failed: 0 });
    const written = JSON.parse(readFileSync(report, 'utf8'));
    expect(written).toMatchObject({ from: 'local', to: 'local', completed: true });
    expect(readFileSync(failures, 'utf8')).toBe('');
    // No password, hash or TOTP secret in anything the CLI printed or wrote.
    for (const text of [run.stdout, run.stderr, readFileSync(report, 'utf8')]) {
      expect(text).not.toContain(seededPassword);
      expect(text).not.toContain(seeded.adaTotpSecret);
      expect(text).not.toMatch(/\$scrypt\$/);
    }
    const target = await createIdentityProvider(localConfig('target-cli'));
    try {
      await expectMigrated(target, { passwords: true });
    } finally {
      await target.close();
    }
  });

  it('reports status, and a second run creates nobody twice', async () => {
    const status = cli('migrate', 'status', '--state', state, '--run-id', 'local-to-local', '--json');
    expect(status.status).toBe(0);
    expect(JSON.parse(status.stdout).counts).toMatchObject({ created: 5, skipped: 1 });
    const again = cli(...runArgs, '--json');
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ resumed: true, processedThisRun: 0 });
    const target = await createIdentityProvider(localConfig('target-cli'));
    expect(await collect(target.users.list())).toHaveLength(5);
    await target.close();
  });
});

describe('local → local with the library API', () => {
  it('does the same through migrateUsers', async () => {
    const lines: string[] = [];
    const { plan, result, failures } = await migrateUsers({
      from: localConfig('source'),
      to: localConfig('target-library'),
      stateFile: join(directory, 'library-state.db'),
      reportFile: join(directory, 'library-report.json'),
      failureFile: join(directory, 'library-failures.ndjson'),
      log: (line) => lines.push(line),
    });
    expect(plan.keepPassword).toBe(5);
    expect(result?.counts).toMatchObject({ created: 5, skipped: 1, failed: 0 });
    expect(failures).toBe(0);
    expect(lines.join('\n')).not.toContain(seeded.adaTotpSecret);
    const target = await createIdentityProvider(localConfig('target-library'));
    try {
      await expectMigrated(target, { passwords: true });
    } finally {
      await target.close();
    }
  });
});

describe('local → Cognito (cognito-local) with the idport CLI', () => {
  let cognito: IdentityConfig;
  beforeAll(() => {
    const pool = inject('cognitoPool');
    cognito = {
      provider: 'cognito',
      settings: {
        region: 'local',
        endpoint: pool.endpoint,
        userPoolId: pool.userPoolId,
        clientId: pool.clientId,
        maxAttempts: 1,
      },
    };
  });

  it('moves profiles and groups; passwords cannot cross, and the failure file says who needs a reset', async () => {
    const from = writeConfig('source', localConfig('source'));
    const to = writeConfig('target-cognito', cognito);
    const planned = cli('migrate', 'plan', '--from', from, '--to', to, '--mapping', mappingModule, '--json');
    expect(planned.status).toBe(0);
    const plan = JSON.parse(planned.stdout);
    expect(plan.keepPassword).toBe(0);
    expect(Object.values(plan.needPasswordReset as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(
      5,
    );

    const failures = join(directory, 'cognito-failures.ndjson');
    const run = cli(
      'migrate',
      'run',
      '--from',
      from,
      '--to',
      to,
      '--mapping',
      mappingModule,
      '--state',
      join(directory, 'cognito-state.db'),
      '--report',
      join(directory, 'cognito-report.json'),
      '--failures',
      failures,
      '--json',
    );
    // Exit 0: every user was created; those who need a password reset are in the failure
    // file (exit 1 is kept for users that failed outright).
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).counts).toMatchObject({ created: 5, skipped: 1, failed: 0 });
    const lines = readFileSync(failures, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(5);
    expect(new Set(lines.map((line) => line.code))).toEqual(new Set(['PASSWORD_NOT_IMPORTED']));
    expect(readFileSync(failures, 'utf8')).not.toMatch(/\$scrypt\$|Analytical/);

    const target = await createIdentityProvider(cognito);
    try {
      await expectMigrated(target, { passwords: false });
    } finally {
      await target.close();
    }
  });
});
