import { Worker } from 'node:worker_threads';
import { UsageError } from './usage-error';

/**
 * The old-generation limit the CLI gives its worker thread, in MiB. V8 sizes its growth
 * steps from the limit: with Node's default on a large machine (about 4 GiB here) the heap
 * fills with dead page objects for several hundred MB before its first full collection, so
 * peak memory kept rising between 10,000 and 100,000 users although the live heap stayed at
 * 10 MB. At 1024 MiB the peak levels off early (docs/benchmarks.md, decision 0010) and a
 * large mapping module still has room.
 */
export const defaultHeapLimitMib = 1024;
const smallestHeapLimitMib = 128;

/** What the launcher tells its worker; `idportCli` marks the thread as the CLI's own. */
export interface CliWorkerData {
  readonly idportCli: true;
  readonly stderrIsTty: boolean;
}

/** A message from the launcher to the worker: the user pressed Ctrl-C. */
export interface InterruptMessage {
  readonly type: 'interrupt';
}

/**
 * `--heap-limit-mib <n>` (or `=n`) from the arguments, else IDPORT_HEAP_LIMIT_MIB, else the
 * default. Read before the worker starts, so the worker's own parser sees it again and
 * accepts it as a known option.
 */
export function readHeapLimit(argv: readonly string[], env: NodeJS.ProcessEnv): number {
  let text: string | undefined = env.IDPORT_HEAP_LIMIT_MIB;
  argv.forEach((word, index) => {
    if (word === '--heap-limit-mib') text = argv[index + 1];
    else if (word.startsWith('--heap-limit-mib=')) text = word.slice('--heap-limit-mib='.length);
  });
  if (text === undefined) return defaultHeapLimitMib;
  const value = Number(text);
  if (!Number.isInteger(value) || value < smallestHeapLimitMib)
    throw new UsageError(`--heap-limit-mib must be an integer of at least ${smallestHeapLimitMib}`);
  return value;
}

/**
 * Runs `entry` (the CLI module itself) in a worker thread with a bounded old generation and
 * resolves with its exit code. Ctrl-C is passed on as a message, since signals reach only
 * the main thread; a second Ctrl-C ends the process. A SIGKILL ends both threads at once,
 * which the state database is built for.
 */
export function runInBoundedHeap(entry: URL, argv: readonly string[], heapLimitMib: number): Promise<number> {
  const workerData: CliWorkerData = { idportCli: true, stderrIsTty: process.stderr.isTTY === true };
  const worker = new Worker(entry, {
    argv: [...argv],
    workerData,
    resourceLimits: { maxOldGenerationSizeMb: heapLimitMib },
  });
  let interrupted = false;
  const onInterrupt = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    worker.postMessage({ type: 'interrupt' } satisfies InterruptMessage);
  };
  process.on('SIGINT', onInterrupt);
  return new Promise((resolve) => {
    let failure: Error | null = null;
    worker.on('error', (error) => {
      failure = error;
    });
    worker.on('exit', (code) => {
      process.off('SIGINT', onInterrupt);
      if ((failure as { code?: string } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        console.error(
          `idport: the command used its whole heap (${heapLimitMib} MiB) and stopped; a migration's state is saved: run it again with a larger --heap-limit-mib to continue`,
        );
        resolve(1);
      } else if (failure) {
        console.error(`idport: unexpected error: ${failure.message}`);
        resolve(1);
      } else {
        resolve(code);
      }
    });
  });
}
