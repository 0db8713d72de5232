import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createIdentityProvider, type IdentityProvider, loadConfig } from '@idport/core';
import { createApp } from './create-app';

/** Options of {@link startServer}: everything comes from environment variables. */
export interface StartServerOptions {
  /**
   * `IDPORT_PROVIDER` (default `local`) and `IDPORT_<PROVIDER>_*` settings, or
   * `IDPORT_CONFIG` naming a JSON/YAML file; `HOST` (default 127.0.0.1), `PORT` (default
   * 3000, `0` for any free port), `EXAMPLE_INSECURE_COOKIES=true` for plain http on loopback,
   * `EXAMPLE_SIGN_IN_LIMIT` (posts per 15 minutes, default 10).
   */
  env?: Record<string, string | undefined>;
  /**
   * Adapter settings that configuration text cannot carry, merged over those read from
   * `env`: a function, such as the `fetch` a test hands an adapter whose SDK always calls
   * the vendor's own host, to reach a local stand-in instead.
   */
  settings?: Record<string, unknown>;
}

/** A started server. */
export interface RunningServer {
  readonly url: string;
  readonly provider: IdentityProvider;
  close(): Promise<void>;
}

const loopbackHosts = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * Builds the provider from configuration only, then serves the app. Switching vendor is
 * changing `IDPORT_PROVIDER` and its settings: no code in this example names one.
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const env = options.env ?? process.env;
  const loaded = await loadConfig({
    env: env.IDPORT_CONFIG || env.IDPORT_PROVIDER ? env : { ...env, IDPORT_PROVIDER: 'local' },
  });
  const config = { ...loaded, settings: { ...loaded.settings, ...options.settings } };
  const host = env.HOST ?? '127.0.0.1';
  const insecureCookies = env.EXAMPLE_INSECURE_COOKIES === 'true';
  if (insecureCookies && !loopbackHosts.has(host)) {
    throw new Error('EXAMPLE_INSECURE_COOKIES=true is only allowed on a loopback HOST');
  }
  const provider = await createIdentityProvider(config);
  const app = createApp({
    provider,
    secureCookies: !insecureCookies,
    signInRateLimit: { limit: Number(env.EXAMPLE_SIGN_IN_LIMIT ?? 10), windowMs: 15 * 60_000 },
  });
  const server = app.listen(Number(env.PORT ?? 3000), host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    provider,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await provider.close();
    },
  };
}
