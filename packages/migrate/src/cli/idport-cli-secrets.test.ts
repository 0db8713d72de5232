import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PortableUser } from '@idport/core';
import { createLocalProvider } from '@idport/local';
import { expect, it } from 'vitest';
import { scryptPhc } from '../__fixtures__/seed-local-users';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const fast = { passwordHashing: { logN: 10, blockSize: 8, parallelization: 1 } };

it('prints and writes no password hash or TOTP seed: stdout, stderr, report, failure file, state database', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'idport-cli-secrets-'));
  const sourceDatabase = join(directory, 'source.db');
  const source = await createLocalProvider({ ...fast, database: sourceDatabase });
  const hash = scryptPhc('Canary-Password-Secret-1');
  const seed = 'CANARYSEEDCANARYSEEDCANARY234567';
  const users: PortableUser[] = ['a', 'b', 'c'].map((name) => ({
    sourceId: name,
    email: `${name}@example.com`,
    emailVerified: true,
    phoneNumber: null,
    givenName: null,
    familyName: null,
    displayName: null,
    enabled: true,
    createdAt: null,
    attributes: {},
    groups: [],
    passwordHash: { algorithm: 'scrypt', phc: hash },
    mfaFactors: [{ type: 'totp', secret: seed, label: null }],
  }));
  await source.transfer.importUsers(users);
  await source.close();
  // One user already at the target with conflict=fail, so the failure file has a line.
  const targetDatabase = join(directory, 'target.db');
  const target = await createLocalProvider({ ...fast, database: targetDatabase });
  await target.users.create({ email: 'b@example.com' });
  await target.close();
  const file = (name: string, database: string) => {
    const path = join(directory, `${name}.json`);
    writeFileSync(path, JSON.stringify({ provider: 'local', settings: { database, ...fast } }));
    return path;
  };
  const outputs: string[] = [];
  for (const extra of [['--json'], []]) {
    const result = spawnSync(
      process.execPath,
      [
        cli,
        'migrate',
        'run',
        '--from',
        file('from', sourceDatabase),
        '--to',
        file('to', targetDatabase),
        '--conflict',
        'fail',
        '--run-id',
        `run-${extra.length}`,
        ...extra,
      ],
      { cwd: directory, encoding: 'utf8' },
    );
    expect(result.status).toBe(1);
    outputs.push(result.stdout, result.stderr);
  }
  const plan = spawnSync(
    process.execPath,
    [
      cli,
      'migrate',
      'plan',
      '--from',
      file('from', sourceDatabase),
      '--to',
      file('to', targetDatabase),
      '--json',
    ],
    {
      cwd: directory,
      encoding: 'utf8',
    },
  );
  outputs.push(plan.stdout, plan.stderr);
  const written = [
    readFileSync(join(directory, 'migration-report.json'), 'latin1'),
    readFileSync(join(directory, 'migration-failures.ndjson'), 'latin1'),
    readFileSync(join(directory, 'idport-migration.db'), 'latin1'),
  ];
  expect(written[1]).toContain('USER_ALREADY_EXISTS');
  const searched = [...outputs, ...written].join('\n');
  const salt = hash.split('$')[3] as string;
  for (const canary of [hash, salt, seed, 'Canary-Password-Secret-1']) expect(searched).not.toContain(canary);
  console.log(
    `CLI secret canaries: searched ${searched.length} bytes of output, report, failure file and state: 0 found`,
  );
});
