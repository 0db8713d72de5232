import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OperationName, ProviderCapabilities } from '@idport/core';

interface RecordedRun {
  name: string;
  provider: string | null;
  capabilities: ProviderCapabilities | null;
  tests: Record<string, readonly OperationName[]>;
}

const runs = new Map<string, RecordedRun>();

function runFor(name: string): RecordedRun {
  let run = runs.get(name);
  if (!run) {
    run = { name, provider: null, capabilities: null, tests: {} };
    runs.set(name, run);
  }
  return run;
}

/** Notes which operations a test exercises, for the generated capability table. */
export function recordTest(runName: string, id: string, requires: readonly OperationName[]): void {
  runFor(runName).tests[id] = requires;
}

/** Notes the manifest the provider declared during the run. */
export function recordManifest(runName: string, provider: string, capabilities: ProviderCapabilities): void {
  const run = runFor(runName);
  run.provider = provider;
  run.capabilities = capabilities;
}

/**
 * Writes `test-results/contract-runs/<name>.json` in the package under test, read by
 * `scripts/generate-capabilities.mjs` together with vitest's JSON report.
 */
export function writeRecordedRun(runName: string): void {
  const run = runs.get(runName);
  if (!run?.capabilities) return;
  const directory = join(process.cwd(), 'test-results', 'contract-runs');
  mkdirSync(directory, { recursive: true });
  const file = `${runName.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}.json`;
  writeFileSync(join(directory, file), `${JSON.stringify(run, null, 2)}\n`);
}
