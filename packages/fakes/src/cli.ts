#!/usr/bin/env node
import { startFakeFromArguments } from './framework/start-fake-from-arguments';

async function main(): Promise<void> {
  const started = await startFakeFromArguments(process.argv.slice(2), (line) =>
    process.stdout.write(`${line}\n`),
  );
  if (!started) {
    process.exitCode = process.argv.includes('--help') ? 0 : 2;
    return;
  }
  process.stdout.write(`${started.url}\n`);
  const stop = async () => {
    const stats = started.server.stats();
    process.stderr.write(
      `${started.server.name} fake: ${stats.requests} requests, ${stats.validatedPairs} request/response pairs validated, ${stats.violations} spec violations\n`,
    );
    await started.stop();
    process.exit(stats.violations > 0 && started.server.specCheck === 'enforce' ? 1 : 0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
