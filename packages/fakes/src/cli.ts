#!/usr/bin/env node
import { parseArgs } from 'node:util';
import type { SpecCheckMode } from './framework/fake-server';
import { createKeycloakFake } from './keycloak/keycloak-fake';
import type { KeycloakRealmSettings } from './keycloak/keycloak-realm';

const usage = `Usage: idport-fake keycloak [--port N] [--host H] [--spec-check enforce|report|off] [--realms FILE.json] [--quiet]

Starts a fake on 127.0.0.1 and prints its base URL on the first line of stdout.
Stop it with Ctrl-C (SIGINT) or SIGTERM. Control endpoints: <url>/__idport/{reset,stats,violations,faults,rate-limits}.`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      'spec-check': { type: 'string', default: 'report' },
      realms: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const vendor = positionals[0];
  if (values.help || vendor !== 'keycloak') {
    process.stdout.write(`${usage}\n`);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  let realms: KeycloakRealmSettings[] | undefined;
  if (values.realms) {
    const { readFile } = await import('node:fs/promises');
    realms = JSON.parse(await readFile(values.realms, 'utf8')) as KeycloakRealmSettings[];
  }
  const fake = createKeycloakFake({
    port: Number(values.port),
    host: values.host,
    specCheck: values['spec-check'] as SpecCheckMode,
    ...(realms ? { realms } : {}),
    ...(values.quiet ? {} : { log: (line: string) => process.stderr.write(`${line}\n`) }),
  });
  const url = await fake.start();
  process.stdout.write(`${url}\n`);
  const stop = async () => {
    const stats = fake.server.stats();
    process.stderr.write(
      `keycloak fake: ${stats.requests} requests, ${stats.validatedPairs} request/response pairs validated, ${stats.violations} spec violations\n`,
    );
    await fake.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
