import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

/** Project id of the emulator: `demo-` ids make firebase-tools run fully offline. */
export const emulatorProjectId = 'demo-test';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `host:port` of the running Auth emulator, or '' when testing a real project. */
    firebaseEmulatorHost: string;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`firebase emulator exited with ${child.exitCode} before it was ready:\n${output()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok && (await response.text()).includes('"ready": true')) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((wait) => setTimeout(wait, 200));
  }
  throw new Error(`firebase emulator not ready after 90 s:\n${output()}`);
}

/**
 * Starts only the Firebase Auth emulator, offline (UI off, `demo-` project), on free
 * ports, from the firebase-tools binary in node_modules — not through npx, so the PID is
 * the CLI's and its whole process group can be stopped afterwards, also when tests fail.
 * Set IDPORT_FIREBASE_EMULATOR_HOST to use an emulator you started yourself, or
 * IDPORT_FIREBASE_PROJECT_ID to run against a real project (no emulator is started).
 */
export default async function startAuthEmulator(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.IDPORT_FIREBASE_PROJECT_ID) {
    project.provide('firebaseEmulatorHost', '');
    return async () => undefined;
  }
  if (process.env.IDPORT_FIREBASE_EMULATOR_HOST) {
    project.provide('firebaseEmulatorHost', process.env.IDPORT_FIREBASE_EMULATOR_HOST);
    return async () => undefined;
  }

  const [authPort, hubPort, loggingPort] = [await freePort(), await freePort(), await freePort()];
  const directory = mkdtempSync(join(tmpdir(), 'idport-firebase-emulator-'));
  writeFileSync(
    join(directory, 'firebase.json'),
    JSON.stringify({
      emulators: {
        auth: { host: '127.0.0.1', port: authPort },
        hub: { host: '127.0.0.1', port: hubPort },
        logging: { host: '127.0.0.1', port: loggingPort },
        ui: { enabled: false },
      },
    }),
  );
  const binary = resolve(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'firebase');
  const started = Date.now();
  const child = spawn(binary, ['emulators:start', '--only', 'auth', '--project', emulatorProjectId], {
    cwd: directory,
    // Its own process group: the CLI starts children, and all of them must stop.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: 'true', NO_UPDATE_NOTIFIER: '1', FIREBASE_CLI_DISABLE_UPDATE_CHECK: 'true' },
  });
  let log = '';
  const append = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((done) => child.once('exit', done));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timeout = new Promise((done) => setTimeout(done, 10_000, 'timeout'));
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    rmSync(directory, { recursive: true, force: true });
  };

  try {
    await waitForReady(`http://127.0.0.1:${authPort}/`, child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  console.log(`[firebase] Auth emulator ready on 127.0.0.1:${authPort} in ${Date.now() - started} ms`);
  project.provide('firebaseEmulatorHost', `127.0.0.1:${authPort}`);
  return stop;
}
