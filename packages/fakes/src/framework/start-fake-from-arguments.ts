import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createKeycloakFake } from '../keycloak/keycloak-fake';
import type { KeycloakRealmSettings } from '../keycloak/keycloak-realm';
import { createOktaFake } from '../okta/okta-fake';
import type { FakeServer, SpecCheckMode } from './fake-server';

/** Help text of the `idport-fake` command. */
export const fakeCliUsage = `Usage: idport-fake keycloak|okta [--port N] [--host H] [--spec-check enforce|report|off] [--realms FILE.json] [--quiet]

Starts a fake (default 127.0.0.1, a free port) and prints its base URL on the first line of stdout.
Stop it with Ctrl-C (SIGINT) or SIGTERM; it prints how many request/response pairs it validated.
Control endpoints: <url>/__idport/{reset,stats,violations,faults,rate-limits,spec-check}.`;

/** A fake started by the CLI. */
export interface StartedFake {
  readonly url: string;
  readonly server: FakeServer;
  stop(): Promise<void>;
}

const vendors = ['keycloak', 'okta'] as const;

/**
 * Parses the CLI arguments and starts the fake they name. Returns null (after printing the
 * usage through `print`) when the arguments ask for help or name no known vendor.
 */
export async function startFakeFromArguments(
  argv: readonly string[],
  print: (line: string) => void,
): Promise<StartedFake | null> {
  const { values, positionals } = parseArgs({
    args: [...argv],
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
  if (values.help || !vendors.includes(vendor as (typeof vendors)[number])) {
    print(fakeCliUsage);
    return null;
  }
  const mode = values['spec-check'] as SpecCheckMode;
  if (!['enforce', 'report', 'off'].includes(mode))
    throw new Error(`--spec-check must be enforce, report or off`);
  if (vendor === 'okta') {
    const okta = createOktaFake({
      port: Number(values.port),
      host: values.host,
      specCheck: mode,
      ...(values.quiet ? {} : { log: (line: string) => process.stderr.write(`${line}\n`) }),
    });
    const oktaUrl = await okta.start();
    return { url: oktaUrl, server: okta.server, stop: () => okta.stop() };
  }
  const realms = values.realms
    ? (JSON.parse(await readFile(values.realms, 'utf8')) as KeycloakRealmSettings[])
    : undefined;
  const fake = createKeycloakFake({
    port: Number(values.port),
    host: values.host,
    specCheck: mode,
    ...(realms ? { realms } : {}),
    ...(values.quiet ? {} : { log: (line: string) => process.stderr.write(`${line}\n`) }),
  });
  const url = await fake.start();
  return { url, server: fake.server, stop: () => fake.stop() };
}
