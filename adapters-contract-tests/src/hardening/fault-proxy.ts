import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Faults the proxy can inject. */
export type FaultKind =
  | 'rate-limit'
  | 'unavailable'
  | 'latency'
  | 'reset-before'
  | 'reset-after'
  | 'truncate';

/** Options of {@link startFaultProxy}. */
export interface FaultProxyOptions {
  /** Where requests go, e.g. `http://127.0.0.1:9229`. */
  target: string;
  /** Share of requests that get a fault (0–1). Default 0.1. */
  rate?: number;
  kinds?: readonly FaultKind[];
  /** Body and headers of an injected 429, in the vendor's shape (a function for time-based headers). */
  rateLimitResponse?:
    | { headers: Record<string, string>; body: string }
    | (() => { headers: Record<string, string>; body: string });
  /**
   * Pass the client's Host header through unchanged, as a transparent reverse proxy does,
   * for peers that build URLs (issuers, links) from it.
   */
  preserveHost?: boolean;
  /** Deterministic randomness for replays. */
  random?: () => number;
}

/** A running proxy and what it did. */
export interface FaultProxy {
  readonly url: string;
  readonly stats: { requests: number; faults: Record<FaultKind, number> };
  setRate(rate: number): void;
  close(): Promise<void>;
}

const allKinds: readonly FaultKind[] = [
  'rate-limit',
  'unavailable',
  'latency',
  'reset-before',
  'reset-after',
  'truncate',
];

/**
 * An HTTP proxy in front of an emulator that injects the faults real vendors show: 429
 * with Retry-After, 503, latency, a connection reset before or after the request reached
 * the peer (the second one is "timed out but landed"), and a truncated JSON body.
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const random = options.random ?? Math.random;
  const kinds = options.kinds ?? allKinds;
  let rate = options.rate ?? 0.1;
  const stats = {
    requests: 0,
    faults: Object.fromEntries(allKinds.map((kind) => [kind, 0])) as Record<FaultKind, number>,
  };
  const sockets = new Set<Socket>();

  const forward = (
    incoming: IncomingMessage,
    body: Buffer,
    onResponse: (status: number, headers: IncomingMessage['headers'], data: Buffer) => void,
    onError: () => void,
  ) => {
    const outgoing = httpRequest(
      {
        hostname: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: options.preserveHost ? incoming.headers : { ...incoming.headers, host: target.host },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          onResponse(response.statusCode ?? 502, response.headers, Buffer.concat(chunks)),
        );
        response.on('error', onError);
      },
    );
    outgoing.on('error', onError);
    outgoing.end(body);
  };

  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      stats.requests += 1;
      const body = Buffer.concat(chunks);
      const kind = random() < rate ? kinds[Math.floor(random() * kinds.length)] : undefined;
      if (kind) stats.faults[kind] += 1;
      const relay = (status: number, headers: IncomingMessage['headers'], data: Buffer) => {
        const {
          'content-length': _length,
          'transfer-encoding': _encoding,
          connection: _connection,
          ...rest
        } = headers;
        response.writeHead(status, { ...rest, 'content-length': String(data.length) });
        response.end(data);
      };
      const fail = () => response.destroy();
      switch (kind) {
        case 'rate-limit': {
          const configured =
            typeof options.rateLimitResponse === 'function'
              ? options.rateLimitResponse()
              : options.rateLimitResponse;
          const shape = configured ?? {
            headers: { 'content-type': 'application/json' },
            body: '{"error":"rate_limited","message":"Too many requests"}',
          };
          response.writeHead(429, { ...shape.headers, 'retry-after': '1' });
          response.end(shape.body);
          return;
        }
        case 'unavailable':
          response.writeHead(503, { 'content-type': 'text/plain' });
          response.end('Service Unavailable');
          return;
        case 'reset-before':
          response.socket?.destroy();
          return;
        case 'latency':
          setTimeout(() => forward(incoming, body, relay, fail), 300);
          return;
        case 'reset-after':
          forward(incoming, body, () => response.socket?.destroy(), fail);
          return;
        case 'truncate':
          forward(
            incoming,
            body,
            (status, headers, data) => {
              response.writeHead(status, {
                'content-type': headers['content-type'] ?? 'application/json',
                'content-length': String(data.length),
              });
              response.write(data.subarray(0, Math.floor(data.length / 2)));
              response.socket?.destroy();
            },
            fail,
          );
          return;
        default:
          forward(incoming, body, relay, fail);
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    setRate(next: number) {
      rate = next;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
