#!/usr/bin/env node
// The whole test job: build, lint, typecheck, package checks (publint + attw), every
// package's tests (each starts the peers it needs), API docs, the capability table, and
// one totals line. Run through `npm test`, which installs first.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const binaries = join(root, 'node_modules', '.bin');
const environment = {
  ...process.env,
  PATH: `${binaries}:${process.env.PATH}`,
  TURBO_TELEMETRY_DISABLED: '1',
};

function run(label, command, args) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: environment });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  console.log(`=== ${label}: ${ok ? 'ok' : 'FAILED'} in ${seconds} s`);
  return ok;
}

/** The first line of a failure message, without colour codes, cut to a readable length. */
function firstLine(message) {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour escapes are removed on purpose.
  const plain = String(message ?? 'no message').replace(/\u001b\[[0-9;]*m/g, '');
  return plain.split('\n')[0].slice(0, 300);
}

function workspacePackages() {
  const folders = [];
  for (const parent of ['packages', 'examples']) {
    const directory = join(root, parent);
    if (!existsSync(directory)) continue;
    for (const name of readdirSync(directory)) {
      if (existsSync(join(directory, name, 'package.json'))) folders.push(join(parent, name));
    }
  }
  folders.push('adapters-contract-tests');
  return folders;
}

// Stale results from an earlier run must not be counted.
for (const folder of workspacePackages())
  rmSync(join(root, folder, 'test-results'), { recursive: true, force: true });

const checks = [
  ['build', 'turbo', ['run', 'build', '--output-logs=errors-only']],
  ['lint', 'biome', ['check', '.']],
  ['typecheck', 'turbo', ['run', 'typecheck', '--output-logs=errors-only']],
  ['package checks (publint, attw)', 'turbo', ['run', 'package-check', '--output-logs=errors-only']],
  ['tests', 'turbo', ['run', 'test', '--continue', '--concurrency=2']],
  // Issue 11's hardening figures: SIGKILL during writes (the file must always reopen
  // consistent) and the sign-in timing distributions behind "no user enumeration".
  [
    'hardening: crash loop',
    'node',
    ['packages/local/bench/crash-loop.mjs', process.env.IDPORT_CRASH_LOOP_ITERATIONS ?? '1000'],
  ],
  ['hardening: sign-in timing', 'node', ['packages/local/bench/sign-in-timing.mjs', '100', '14']],
  ['api reference', 'node', ['scripts/build-api-docs.mjs']],
  ['capability table', 'node', ['scripts/generate-capabilities.mjs']],
];
const failedChecks = [];
for (const [label, command, args] of checks) {
  if (!existsSync(join(root, 'scripts', 'build-api-docs.mjs')) && label === 'api reference') continue;
  if (!run(label, command, args)) failedChecks.push(label);
  if (label === 'build' && failedChecks.length > 0) break;
}

let passed = 0;
let failed = 0;
let skipped = 0;
// Repeated next to the totals because CI keeps only the tail of the log: a failure far up
// in a long package log must still be readable there.
const failures = [];
console.log('\n=== totals per package');
for (const folder of workspacePackages()) {
  const report = join(root, folder, 'test-results', 'vitest.json');
  if (!existsSync(report)) continue;
  const results = JSON.parse(readFileSync(report, 'utf8'));
  // A file that failed to load has no tests but still failed.
  const brokenFiles = results.testResults.filter(
    (file) => file.status === 'failed' && file.assertionResults.length === 0,
  );
  passed += results.numPassedTests;
  failed += results.numFailedTests + brokenFiles.length;
  skipped += results.numPendingTests + results.numTodoTests;
  for (const file of results.testResults) {
    if (file.status === 'failed' && file.assertionResults.length === 0)
      failures.push(`${folder}: ${file.name.slice(root.length)}: ${firstLine(file.message)}`);
    for (const assertion of file.assertionResults) {
      if (assertion.status !== 'failed') continue;
      failures.push(`${folder}: ${assertion.fullName}: ${firstLine(assertion.failureMessages?.[0])}`);
    }
  }
  console.log(
    `${folder}: ${results.numPassedTests} passed, ${results.numFailedTests + brokenFiles.length} failed, ${results.numPendingTests} skipped`,
  );
}
if (failures.length > 0) {
  console.log('\n=== failed tests');
  for (const line of failures) console.log(line);
  console.log('');
}
if (failedChecks.length > 0) console.log(`failed checks: ${failedChecks.join(', ')}`);
console.log(`skipped tests: ${skipped}`);
// Each failed check counts as one failure, so the totals line never reads green when a
// build, lint, typecheck or package check broke.
console.log(`${passed} passed, ${failed + failedChecks.length} failed`);
process.exit(failed + failedChecks.length > 0 ? 1 : 0);
