import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parentPort, workerData } from 'node:worker_threads';
import { createIdentityProvider, IdentityError, type IdentityProvider, loadConfig } from '@idport/core';
import { formatMigrationResult, writeMigrationReport } from '../migration-report';
import { formatMigrationPlan, planMigration } from '../plan-migration';
import { createProgressDisplay } from '../progress-display';
import { runMigration } from '../run-migration';
import { createSqliteStateStore } from '../sqlite-migration-state-store';
import type { UserMapping } from '../user-mapping';
import {
  type CliWorkerData,
  type InterruptMessage,
  readHeapLimit,
  runInBoundedHeap,
} from './bounded-heap-worker';
import { cliHelp } from './cli-help';
import { UsageError } from './usage-error';

/**
 * Exit codes: 0 done, 1 failures recorded, 2 usage or configuration error, 130 stopped by
 * Ctrl-C (the shell's code for SIGINT) with the run's state saved for the next run.
 */
const exitCodes = { done: 0, failures: 1, usage: 2, interrupted: 130 } as const;

async function openProvider(file: string | undefined, flag: string): Promise<IdentityProvider> {
  if (!file) throw new UsageError(`${flag} is required: a JSON or YAML provider config file`);
  // Variables are not applied here: IDPORT_PROVIDER would otherwise turn both sides into one provider.
  const config = await loadConfig({ file, env: {} });
  return createIdentityProvider({ ...config, retry: {} });
}

async function loadMapping(path: string | undefined): Promise<UserMapping | undefined> {
  if (!path) return undefined;
  const module = (await import(pathToFileURL(resolve(path)).href)) as { default?: unknown };
  if (typeof module.default !== 'function')
    throw new UsageError(`${path} must export a default mapping function`);
  return module.default as UserMapping;
}

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new UsageError(`--${name} must be a positive integer`);
  return parsed;
}

const options = {
  from: { type: 'string' },
  to: { type: 'string' },
  state: { type: 'string' },
  'run-id': { type: 'string' },
  conflict: { type: 'string' },
  mapping: { type: 'string' },
  'page-size': { type: 'string' },
  'batch-size': { type: 'string' },
  concurrency: { type: 'string' },
  limit: { type: 'string' },
  report: { type: 'string' },
  failures: { type: 'string' },
  'dry-run': { type: 'boolean' },
  'send-invitations': { type: 'boolean' },
  'no-conflict-check': { type: 'boolean' },
  json: { type: 'boolean' },
  // Read by the launcher (bounded-heap-worker.ts) before this parser runs in the worker.
  'heap-limit-mib': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** What the thread running the commands gets from its launcher. */
interface CommandEnvironment {
  readonly stderrIsTty: boolean;
  onInterrupt(listener: () => void): void;
}

async function main(argv: string[], environment: CommandEnvironment): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  const [group, command] = positionals;
  if (values.help || !group) {
    console.log(cliHelp(group, command));
    return group || values.help ? exitCodes.done : exitCodes.usage;
  }
  if (group !== 'migrate' || !['plan', 'run', 'status'].includes(command ?? '')) {
    throw new UsageError(`unknown command "${positionals.join(' ')}"; see idport --help`);
  }
  const env = process.env;
  const statePath = values.state ?? env.IDPORT_MIGRATE_STATE ?? './idport-migration.db';

  if (command === 'status') {
    const state = createSqliteStateStore(statePath);
    const runId = values['run-id'];
    if (!runId) throw new UsageError('--run-id is required for status');
    const counts = state.counts(runId);
    state.close();
    console.log(values.json ? JSON.stringify({ runId, counts }) : `${runId}: ${JSON.stringify(counts)}`);
    return exitCodes.done;
  }

  const from = await openProvider(values.from ?? env.IDPORT_MIGRATE_FROM, '--from');
  const to = await openProvider(values.to ?? env.IDPORT_MIGRATE_TO, '--to');
  try {
    const mapping = await loadMapping(values.mapping);
    if (command === 'plan' || values['dry-run']) {
      const plan = await planMigration({
        from,
        to,
        mapping,
        checkConflicts: !values['no-conflict-check'],
        limit: numberOption(values.limit, 'limit'),
      });
      console.log(values.json ? JSON.stringify(plan, null, 2) : formatMigrationPlan(plan));
      if (values['dry-run'] && !values.json) console.log('Dry run: nothing was written.');
      return exitCodes.done;
    }
    const conflict = values.conflict ?? 'skip';
    if (!['skip', 'update', 'fail'].includes(conflict))
      throw new UsageError('--conflict must be skip, update or fail');
    const state = createSqliteStateStore(statePath);
    const display = values.json
      ? null
      : createProgressDisplay({
          isTTY: environment.stderrIsTty,
          write: (text) => process.stderr.write(text),
        });
    const controller = new AbortController();
    // Ctrl-C finishes the current page and records it, so the next run resumes cleanly.
    environment.onInterrupt(() => controller.abort());
    try {
      const result = await runMigration({
        from,
        to,
        state,
        runId: values['run-id'],
        mapping,
        conflict: conflict as 'skip' | 'update' | 'fail',
        sendInvitation: values['send-invitations'] ?? false,
        pageSize: numberOption(values['page-size'], 'page-size'),
        batchSize: numberOption(values['batch-size'], 'batch-size'),
        maxConcurrency: numberOption(values.concurrency, 'concurrency'),
        signal: controller.signal,
        onProgress: display ? (progress) => display.update(progress) : undefined,
      });
      display?.finish();
      const reportFile = values.report ?? './migration-report.json';
      const failureFile = values.failures ?? './migration-failures.ndjson';
      const { failures } = await writeMigrationReport({
        result,
        state,
        from: from.provider,
        to: to.provider,
        reportFile,
        failureFile,
      });
      console.log(
        values.json
          ? JSON.stringify({ ...result, reportFile, failureFile })
          : `${formatMigrationResult(result)}\n  report: ${reportFile}, failures: ${failureFile}`,
      );
      if (result.aborted) return exitCodes.interrupted;
      return failures > 0 ? exitCodes.failures : exitCodes.done;
    } finally {
      state.close();
    }
  } finally {
    await from.close();
    await to.close();
  }
}

function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError || (error as { code?: string })?.code?.startsWith?.('ERR_PARSE_ARGS')) {
    console.error(`idport: ${(error as Error).message}`);
    return exitCodes.usage;
  }
  if (IdentityError.isInstance(error)) {
    console.error(`idport: ${error.code}: ${error.message}`);
    return error.code === 'CONFIGURATION_ERROR' || error.code === 'INVALID_INPUT'
      ? exitCodes.usage
      : exitCodes.failures;
  }
  console.error(`idport: unexpected error: ${(error as Error)?.message ?? String(error)}`);
  return exitCodes.failures;
}

const launchedBy = workerData as Partial<CliWorkerData> | null;
if (launchedBy?.idportCli && parentPort) {
  // The worker thread: run the command, Ctrl-C arriving from the launcher as a message.
  const port = parentPort;
  const environment: CommandEnvironment = {
    stderrIsTty: launchedBy.stderrIsTty ?? false,
    onInterrupt(listener) {
      port.on('message', (message: InterruptMessage) => {
        if (message?.type === 'interrupt') listener();
      });
      // Listening must not keep the thread alive once the command is done.
      port.unref();
    },
  };
  main(process.argv.slice(2), environment).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.exitCode = exitCodeOf(error);
    },
  );
} else {
  // The launcher: the commands run in a worker with a bounded heap (bounded-heap-worker.ts).
  const argv = process.argv.slice(2);
  try {
    const heapLimitMib = readHeapLimit(argv, process.env);
    runInBoundedHeap(new URL(import.meta.url), argv, heapLimitMib).then((code) => {
      process.exitCode = code;
    });
  } catch (error) {
    process.exitCode = exitCodeOf(error);
  }
}
