#!/usr/bin/env node
// Kills a process writing to one @idport/local SQLite file with SIGKILL at random moments,
// N times (default 1000), and checks after every kill that the file reopens consistent:
// integrity_check ok, no foreign-key violation, every imported user whole (one factor,
// one membership), and the provider opens and lists users. Prints the figures; exits 1 on
// any inconsistency.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { createLocalProvider } from '../dist/index.js';

const iterations = Number(process.argv[2] ?? 1000);
const worker = fileURLToPath(new URL('../test-fixtures/write-forever-worker.mjs', import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'idport-crash-loop-'));
const database = join(directory, 'crash.db');
const started = Date.now();
let inconsistent = 0;
let killedWhileWriting = 0;

for (let iteration = 0; iteration < iterations; iteration += 1) {
  const child = spawn(process.execPath, [worker, database], { stdio: ['ignore', 'pipe', 'ignore'] });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  await new Promise((resolve) => {
    child.stdout.once('data', resolve);
    child.once('exit', resolve);
  });
  // Once the worker is writing, kill it somewhere in its next 0–60 ms of work.
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 60));
  if (child.exitCode === null) {
    killedWhileWriting += 1;
    child.kill('SIGKILL');
  }
  await exited;

  const raw = new BetterSqlite3(database);
  const integrity = raw.pragma('integrity_check', { simple: true });
  const foreignKeys = raw.pragma('foreign_key_check');
  const halfImported = raw
    .prepare(
      `SELECT COUNT(*) AS count FROM users u WHERE u.email LIKE 'imported-%' AND (
         (SELECT COUNT(*) FROM mfa_factors f WHERE f.user_id = u.id) <> 1 OR
         (SELECT COUNT(*) FROM group_members m WHERE m.user_id = u.id) <> 1)`,
    )
    .get().count;
  raw.close();
  let opens = true;
  try {
    const provider = await createLocalProvider({
      database,
      passwordHashing: { logN: 10, blockSize: 8, parallelization: 1 },
    });
    for await (const _ of provider.users.list({ pageSize: 10 })) break;
    await provider.close();
  } catch {
    opens = false;
  }
  if (integrity !== 'ok' || foreignKeys.length > 0 || halfImported > 0 || !opens) {
    inconsistent += 1;
    console.error(
      `iteration ${iteration}: integrity=${integrity} fk=${foreignKeys.length} half=${halfImported} opens=${opens}`,
    );
  }
}
const users = new BetterSqlite3(database).prepare('SELECT COUNT(*) AS count FROM users').get().count;
rmSync(directory, { recursive: true, force: true });
console.log(
  `crash loop: ${iterations} SIGKILLs (${killedWhileWriting} while writing), ${users} users written in total, ` +
    `${inconsistent} inconsistent reopenings, ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
process.exit(inconsistent === 0 ? 0 : 1);
