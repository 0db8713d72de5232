// Child processes and temporary directories of the benchmark, released on every way out:
// the normal path stops them itself (gracefully) and unregisters them; a thrown error, an
// exit or a signal still runs what is left, synchronously, from the 'exit' handler.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const pendingReleases = new Set();

function releaseEverything() {
  for (const release of pendingReleases) {
    try {
      release();
    } catch {
      // Best effort: the process is leaving, and one failure must not keep the others.
    }
  }
  pendingReleases.clear();
}

process.on('exit', releaseEverything);
// Without handlers a signal kills Node without running 'exit' handlers; exiting here runs them.
for (const [signal, number] of [
  ['SIGINT', 2],
  ['SIGTERM', 15],
  ['SIGHUP', 1],
]) {
  process.on(signal, () => {
    console.error(`benchmark interrupted by ${signal}: stopping child processes, removing temporary files`);
    process.exit(128 + number);
  });
}

/** Registers a synchronous release; returns the function that unregisters it. */
export function onExit(release) {
  pendingReleases.add(release);
  return () => pendingReleases.delete(release);
}

/** A new temporary directory, removed on exit unless removed before with `remove()`. */
export function temporaryDirectory(label) {
  const path = mkdtempSync(join(tmpdir(), `idport-bench-${label}-`));
  const removeNow = () => rmSync(path, { recursive: true, force: true });
  const unregister = onExit(removeNow);
  return {
    path,
    remove() {
      unregister();
      removeNow();
    },
  };
}
