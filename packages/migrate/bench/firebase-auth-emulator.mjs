// Starts the Firebase Auth emulator as packages/firebase/scripts/measure-emulator.mjs does:
// offline (UI off, a `demo-` project), on free ports, from the firebase-tools binary itself
// (not npx, so the PID is the CLI's) in its own process group, which is stopped as a whole.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { onExit, temporaryDirectory } from './benchmark-cleanup.mjs';

const firebasePackageDirectory = dirname(fileURLToPath(import.meta.resolve('@idport/firebase/package.json')));
const firebaseBinary = join(firebasePackageDirectory, 'node_modules', '.bin', 'firebase');
const readyTimeoutMs = 90_000;
const stopTimeoutMs = 10_000;

export const emulatorProjectId = 'demo-test';

export function firebaseToolsVersion() {
  const manifest = join(firebasePackageDirectory, 'node_modules', 'firebase-tools', 'package.json');
  return JSON.parse(readFileSync(manifest, 'utf8')).version;
}

const freePort = () =>
  new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Resolves once the emulator answers ready; returns its host, the start time and stop(). */
export async function startFirebaseAuthEmulator() {
  const [authPort, hubPort, loggingPort] = [await freePort(), await freePort(), await freePort()];
  const directory = temporaryDirectory('firebase-emulator');
  writeFileSync(
    join(directory.path, 'firebase.json'),
    JSON.stringify({
      emulators: {
        auth: { host: '127.0.0.1', port: authPort },
        hub: { host: '127.0.0.1', port: hubPort },
        logging: { host: '127.0.0.1', port: loggingPort },
        ui: { enabled: false },
      },
    }),
  );
  const startedAt = performance.now();
  const child = spawn(firebaseBinary, ['emulators:start', '--only', 'auth', '--project', emulatorProjectId], {
    cwd: directory.path,
    // Its own process group: the CLI starts children, and all of them must stop.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: 'true', NO_UPDATE_NOTIFIER: '1', FIREBASE_CLI_DISABLE_UPDATE_CHECK: 'true' },
  });
  // Kept only to explain a failed start; the emulator logs no user data at startup.
  let recentOutput = '';
  const keep = (chunk) => {
    recentOutput = (recentOutput + chunk.toString()).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((done) => child.once('exit', done));
  const unregisterKill = onExit(() => signalGroup(child.pid, 'SIGKILL'));

  const stop = async () => {
    unregisterKill();
    if (child.exitCode === null && child.signalCode === null) {
      signalGroup(child.pid, 'SIGTERM');
      let timer;
      const timeout = new Promise((done) => {
        timer = setTimeout(done, stopTimeoutMs, 'timeout');
      });
      if ((await Promise.race([exited, timeout])) === 'timeout') signalGroup(child.pid, 'SIGKILL');
      clearTimeout(timer);
    }
    directory.remove();
  };

  const host = `127.0.0.1:${authPort}`;
  try {
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`the emulator exited with ${child.exitCode}:\n${recentOutput}`);
      if (performance.now() - startedAt > readyTimeoutMs) {
        throw new Error(`the emulator was not ready after ${readyTimeoutMs / 1000} s:\n${recentOutput}`);
      }
      try {
        const response = await fetch(`http://${host}/`, { signal: AbortSignal.timeout(1000) });
        if ((await response.text()).includes('"ready": true')) break;
      } catch {
        // Not listening yet.
      }
      await new Promise((wait) => setTimeout(wait, 200));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const startSeconds = (performance.now() - startedAt) / 1000;

  /** Deletes every account of the project (the emulator's own REST endpoint). */
  const deleteAllAccounts = async () => {
    const response = await fetch(`http://${host}/emulator/v1/projects/${emulatorProjectId}/accounts`, {
      method: 'DELETE',
    });
    if (!response.ok) throw new Error(`the emulator's account reset answered ${response.status}`);
  };

  return { host, projectId: emulatorProjectId, startSeconds, deleteAllAccounts, stop };
}
