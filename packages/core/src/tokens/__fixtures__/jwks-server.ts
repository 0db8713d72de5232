import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the test JWKS server answers. */
export interface JwksServerBehaviour {
  status?: number;
  delayMs?: number;
  /** Raw body instead of the current key set. */
  body?: string;
  /** Redirect every request here. */
  redirectTo?: string;
}

/** A real HTTP JWKS endpoint on 127.0.0.1 with a request counter. */
export interface JwksServer {
  readonly url: string;
  readonly requestCount: number;
  setKeys(keys: readonly object[]): void;
  setBehaviour(behaviour: JwksServerBehaviour): void;
  close(): Promise<void>;
}

/** Starts a JWKS server on a random port of 127.0.0.1. */
export async function startJwksServer(keys: readonly object[]): Promise<JwksServer> {
  let currentKeys = keys;
  let behaviour: JwksServerBehaviour = {};
  let requestCount = 0;
  const server: Server = createServer((request, response) => {
    requestCount++;
    const answer = () => {
      if (behaviour.redirectTo) {
        response.writeHead(302, { location: behaviour.redirectTo }).end();
        return;
      }
      const body = behaviour.body ?? JSON.stringify({ keys: currentKeys });
      response.writeHead(behaviour.status ?? 200, { 'content-type': 'application/json' }).end(body);
    };
    if (behaviour.delayMs) {
      const timer = setTimeout(answer, behaviour.delayMs);
      request.on('close', () => clearTimeout(timer));
    } else {
      answer();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    get requestCount() {
      return requestCount;
    },
    setKeys(next) {
      currentKeys = next;
    },
    setBehaviour(next) {
      behaviour = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
