import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running cognito-local child process. */
export interface RunningCognitoLocal {
  readonly endpoint: string;
  readonly pid: number;
  /** Milliseconds from spawn to the first healthy answer. */
  readonly startMs: number;
  stop(): Promise<void>;
}

/** A free TCP port on the loopback interface. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The confirmation/SMS code cognito-local issues for everything (its documented backdoor). */
export const fixedCode = '123456';

/**
 * Starts cognito-local's own binary as a child (its PID is the server's), in a fresh temp
 * working directory so `.cognito/` never lands in the repository, with `CODE` fixed.
 * `usernameAttributes` is the server-wide pool default (`[]`: plain usernames).
 */
export async function startCognitoLocal(
  options: { usernameAttributes?: string[] } = {},
): Promise<RunningCognitoLocal> {
  const directory = await mkdtemp(join(tmpdir(), 'idport-cognito-local-'));
  await mkdir(join(directory, '.cognito'), { recursive: true });
  if (options.usernameAttributes) {
    await writeFile(
      join(directory, '.cognito', 'config.json'),
      JSON.stringify({ UserPoolDefaults: { UsernameAttributes: options.usernameAttributes } }),
    );
  }
  const port = await freePort();
  const binary = createRequire(import.meta.url).resolve('cognito-local/lib/bin/start.js');
  const logPath = join(directory, 'cognito-local.log');
  const log = createWriteStream(logPath);
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [binary], {
    cwd: directory,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', CODE: fixedCode, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const endpoint = `http://127.0.0.1:${port}`;
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  // Should vitest die without running teardown, the server must not outlive it.
  const killOnExit = () => {
    if (!exited) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (!exited && child.pid !== undefined) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 3000))]);
      if (!exited) child.kill('SIGKILL');
    }
    log.end();
    await rm(directory, { recursive: true, force: true });
  };

  const deadline = Date.now() + 20_000;
  for (;;) {
    if (exited) break;
    try {
      const response = await fetch(`${endpoint}/health`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (exited || Date.now() > deadline) {
    const output = await readFile(logPath, 'utf8').catch(() => '');
    await stop();
    throw new Error(`cognito-local did not start:\n${output.slice(-2000)}`);
  }
  return { endpoint, pid: child.pid ?? -1, startMs: performance.now() - started, stop };
}
