import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { FakeHttpError, type FakeRequest, type FakeResponse, type FakeRoute, json } from './fake-http';
import { type Fault, FaultInjector, type FaultRule } from './fault-injector';
import { RateLimitBudget, type RateLimitDecision, type RateLimitRule } from './rate-limit-budget';
import { RouteTable } from './route-table';
import type { SpecChecker, SpecViolation } from './spec-checker';

/** How the spec checker treats a mismatch. */
export type SpecCheckMode =
  /** Record it and answer 599 instead of the mismatched response, so the calling test fails. */
  | 'enforce'
  /** Record it only (read with `violations()`). */
  | 'report'
  | 'off';

/** The vendor-specific behaviour a fake plugs into the framework. */
export interface FakeVendorHooks {
  /** The vendor's 404 for an unknown path. */
  notFound?(request: FakeRequest): FakeResponse;
  /** The vendor's answer to a known path with an unsupported method. */
  methodNotAllowed?(request: FakeRequest): FakeResponse;
  /** The vendor's body for an injected status fault (429, 500, 503). */
  faultBody?(status: number): unknown;
  /** The vendor's rate-limit headers on every counted call. */
  rateLimitHeaders?(decision: RateLimitDecision): Record<string, string>;
  /** The vendor's 429 body. */
  rateLimitedBody?(decision: RateLimitDecision): unknown;
  /** The vendor's answer to a malformed JSON body. */
  malformedBody?(request: FakeRequest): FakeResponse;
}

/** Options of {@link FakeServer}. */
export interface FakeServerOptions {
  /** Vendor name, used in logs and the control endpoint. */
  readonly name: string;
  readonly routes: readonly FakeRoute[];
  /** Extra control routes under `/__idport/` (vendor backdoors: read codes, seed data). */
  readonly controlRoutes?: readonly FakeRoute[];
  readonly specChecker?: SpecChecker | null;
  /** Default `enforce`. */
  readonly specCheck?: SpecCheckMode;
  /** Rate-limit budget; defaults are the vendor's documented limits. */
  readonly rateLimits?: readonly RateLimitRule[];
  readonly hooks?: FakeVendorHooks;
  /** Clears vendor state; called by `reset()`. */
  readonly onReset?: () => void | Promise<void>;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0 (a free port). */
  readonly port?: number;
  /** Seed of the generator behind `rate` faults. */
  readonly faultSeed?: number;
  /** Receives one line per call (method, path, status); never bodies, headers or tokens. */
  readonly log?: (line: string) => void;
  /** Largest accepted body in bytes. Default 10 MiB. */
  readonly maxBodyBytes?: number;
  /**
   * Rewrites a handler's response before the spec check. Only for proving that the checker
   * catches a wrong shape (a "sabotaged" fake); never needed otherwise.
   */
  readonly tamper?: (request: FakeRequest, response: FakeResponse) => FakeResponse;
}

/** Counters of a running fake. */
export interface FakeServerStats {
  readonly requests: number;
  /** Calls whose request and response were both checked against a spec document. */
  readonly validatedPairs: number;
  /** Per spec document id, checked pairs. */
  readonly validatedPairsByDocument: Readonly<Record<string, number>>;
  /** Calls to routes no spec document covers, by `METHOD template`. */
  readonly uncoveredCalls: Readonly<Record<string, number>>;
  readonly violations: number;
  readonly faultsInjected: number;
  readonly rateLimited: number;
}

/** Status of the answer that replaces a response failing the spec check (not a vendor status). */
export const specViolationStatus = 599;

const controlPrefix = '/__idport';

function safeDecodeUri(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function parseContentType(header: string | undefined): string | null {
  if (!header) return null;
  return header.split(';')[0]?.trim().toLowerCase() || null;
}

async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new FakeHttpError(413, { error: 'request_too_large' });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * A real HTTP server for a vendor fake: routes, spec checking of every request and response,
 * rate limits with the vendor's headers, injected faults, and control endpoints under
 * `/__idport/` (reset, stats, violations, faults, rate limits).
 */
export class FakeServer {
  readonly name: string;
  readonly faults: FaultInjector;
  readonly rateLimits: RateLimitBudget;
  #specCheck: SpecCheckMode;
  readonly #options: FakeServerOptions;
  readonly #routes = new RouteTable();
  readonly #controlRoutes = new RouteTable();
  readonly #violations: SpecViolation[] = [];
  readonly #sockets = new Set<Socket>();
  #server: Server | null = null;
  #url: string | null = null;
  #stats = {
    requests: 0,
    validatedPairs: 0,
    validatedPairsByDocument: {} as Record<string, number>,
    uncoveredCalls: {} as Record<string, number>,
    violations: 0,
    faultsInjected: 0,
    rateLimited: 0,
  };

  constructor(options: FakeServerOptions) {
    this.name = options.name;
    this.#options = options;
    this.#specCheck = options.specChecker ? (options.specCheck ?? 'enforce') : 'off';
    this.faults = new FaultInjector(options.faultSeed);
    this.rateLimits = new RateLimitBudget(options.rateLimits ?? []);
    for (const route of options.routes) this.#routes.add(route);
    for (const route of this.#builtInControlRoutes()) this.#controlRoutes.add(route);
    for (const route of options.controlRoutes ?? []) {
      this.#controlRoutes.add({ ...route, path: `${controlPrefix}${route.path}` });
    }
  }

  /** Base URL (`http://127.0.0.1:PORT`); throws before `start()`. */
  get url(): string {
    if (!this.#url) throw new Error(`The ${this.name} fake is not started`);
    return this.#url;
  }

  get specCheck(): SpecCheckMode {
    return this.#specCheck;
  }

  setSpecCheck(mode: SpecCheckMode): void {
    this.#specCheck = this.#options.specChecker ? mode : 'off';
  }

  /** Starts listening; resolves with the base URL. */
  async start(): Promise<string> {
    if (this.#url) return this.#url;
    const server = createServer((request, response) => {
      this.#handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) {
          response.writeHead(500, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ error: 'fake_internal_error', message: String(error) }));
        } else response.destroy();
      });
    });
    server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    // Clients keep connections alive; the fake must not hold the process open after stop().
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#options.port ?? 0, this.#options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.#server = server;
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.#url = `http://${host}:${address.port}`;
    return this.#url;
  }

  /** Stops listening and closes open connections. Idempotent. */
  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = null;
    this.#url = null;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of this.#sockets) socket.destroy();
    });
  }

  /** Clears vendor state, faults, rate-limit windows and recorded violations. Counters stay. */
  async reset(): Promise<void> {
    this.faults.clear();
    this.rateLimits.reset();
    this.#violations.length = 0;
    await this.#options.onReset?.();
  }

  /** Shorthand for `faults.add`. */
  injectFault(rule: FaultRule): number {
    return this.faults.add(rule);
  }

  /** Recorded spec violations (kept until `takeViolations()` or `reset()`). */
  violations(): readonly SpecViolation[] {
    return [...this.#violations];
  }

  /** Returns and clears the recorded violations (for an `afterEach` check). */
  takeViolations(): SpecViolation[] {
    return this.#violations.splice(0, this.#violations.length);
  }

  stats(): FakeServerStats {
    return structuredClone(this.#stats);
  }

  #builtInControlRoutes(): FakeRoute[] {
    return [
      {
        method: 'POST',
        path: `${controlPrefix}/reset`,
        handler: async () => {
          await this.reset();
          return { status: 204 };
        },
      },
      { method: 'GET', path: `${controlPrefix}/stats`, handler: () => json(200, this.stats()) },
      { method: 'GET', path: `${controlPrefix}/violations`, handler: () => json(200, this.violations()) },
      {
        method: 'DELETE',
        path: `${controlPrefix}/violations`,
        handler: () => json(200, this.takeViolations()),
      },
      {
        method: 'POST',
        path: `${controlPrefix}/faults`,
        handler: (request) => json(201, { id: this.faults.add(request.body as FaultRule) }),
      },
      {
        method: 'DELETE',
        path: `${controlPrefix}/faults`,
        handler: () => {
          this.faults.clear();
          return { status: 204 };
        },
      },
      {
        method: 'DELETE',
        path: `${controlPrefix}/faults/{id}`,
        handler: (request) => {
          this.faults.remove(Number(request.params.id));
          return { status: 204 };
        },
      },
      {
        method: 'GET',
        path: `${controlPrefix}/rate-limits`,
        handler: () => json(200, this.rateLimits.rules),
      },
      {
        method: 'PUT',
        path: `${controlPrefix}/rate-limits`,
        handler: (request) => {
          this.rateLimits.configure(request.body as RateLimitRule[]);
          return { status: 204 };
        },
      },
      {
        method: 'PUT',
        path: `${controlPrefix}/spec-check`,
        handler: (request) => {
          this.setSpecCheck((request.body as { mode: SpecCheckMode }).mode);
          return json(200, { mode: this.#specCheck });
        },
      },
    ];
  }

  async #handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const method = (incoming.method ?? 'GET').toUpperCase();
    const url = new URL(incoming.url ?? '/', 'http://fake.invalid');
    const rawPath = url.pathname;
    const contentType = parseContentType(incoming.headers['content-type']);
    let rawBody: Buffer;
    try {
      rawBody = await readBody(incoming, this.#options.maxBodyBytes ?? 10 * 1024 * 1024);
    } catch (error) {
      const failure = error as FakeHttpError;
      this.#send(outgoing, { status: failure.status ?? 400, body: failure.body });
      return;
    }
    let body: unknown;
    let malformed = false;
    const text = rawBody.toString('utf8');
    if (rawBody.length > 0) {
      if (contentType === 'application/json') {
        try {
          body = JSON.parse(text);
        } catch {
          malformed = true;
        }
      } else if (contentType === 'application/x-www-form-urlencoded') {
        body = Object.fromEntries(new URLSearchParams(text));
      } else body = text;
    }
    const base: Omit<FakeRequest, 'params'> = {
      method,
      path: safeDecodeUri(rawPath),
      url,
      query: url.searchParams,
      headers: incoming.headers,
      rawBody,
      body,
      contentType,
    };

    if (rawPath.startsWith(`${controlPrefix}/`)) {
      // The control endpoints reset state and read OTP codes: loopback callers only, even
      // when the fake listens on another interface.
      if (!isLoopback(incoming.socket.remoteAddress)) {
        this.#send(outgoing, json(403, { error: 'control endpoints answer loopback callers only' }));
        return;
      }
      const { match } = this.#controlRoutes.match(method, rawPath);
      const response = match
        ? await this.#run(() => match.route.handler({ ...base, params: match.params }))
        : json(404, { error: 'unknown control endpoint' });
      this.#send(outgoing, response);
      return;
    }

    this.#stats.requests += 1;
    const faults = this.faults.decide(method, rawPath);
    for (const fault of faults) {
      if (fault.kind === 'latency') await sleep(fault.milliseconds);
    }
    const answer = faults.find(
      (fault): fault is Exclude<Fault, { kind: 'latency' }> => fault.kind !== 'latency',
    );
    if (answer) {
      this.#stats.faultsInjected += 1;
      if (answer.kind === 'reset') {
        incoming.socket.destroy();
        this.#log(method, rawPath, 'reset');
        return;
      }
      const headers: Record<string, string> = {};
      if (answer.retryAfterSeconds !== undefined) headers['retry-after'] = String(answer.retryAfterSeconds);
      const response: FakeResponse = {
        status: answer.status,
        headers,
        body: answer.body ?? this.#options.hooks?.faultBody?.(answer.status) ?? { error: 'injected_fault' },
      };
      this.#send(outgoing, response);
      this.#log(method, rawPath, answer.status);
      return;
    }

    const decision = this.rateLimits.take(method, rawPath);
    const rateHeaders = decision ? (this.#options.hooks?.rateLimitHeaders?.(decision) ?? {}) : {};
    if (decision && !decision.allowed) {
      this.#stats.rateLimited += 1;
      this.#send(outgoing, {
        status: 429,
        headers: { ...rateHeaders, 'retry-after': String(decision.retryAfterSeconds) },
        body: this.#options.hooks?.rateLimitedBody?.(decision) ?? { error: 'rate_limited' },
      });
      this.#log(method, rawPath, 429);
      return;
    }

    const { match, pathExists } = this.#routes.match(method, rawPath);
    const request: FakeRequest = { ...base, params: match?.params ?? {} };
    const operation =
      this.#specCheck === 'off' || !this.#options.specChecker
        ? null
        : this.#options.specChecker.findOperation(method, rawPath);
    const checker = this.#options.specChecker;

    let response: FakeResponse;
    const violations: SpecViolation[] = [];
    if (operation && checker) {
      const errors = checker.checkRequest(operation, {
        query: url.searchParams,
        contentType,
        body,
        hasBody: rawBody.length > 0,
      });
      if (errors.length > 0)
        violations.push(this.#violation('request', method, rawPath, operation, null, errors));
    } else if (match) {
      const key = `${method} ${match.route.path}`;
      this.#stats.uncoveredCalls[key] = (this.#stats.uncoveredCalls[key] ?? 0) + 1;
    }

    if (malformed) {
      response = this.#options.hooks?.malformedBody?.(request) ?? json(400, { error: 'malformed_json' });
    } else if (!match) {
      response = pathExists
        ? (this.#options.hooks?.methodNotAllowed?.(request) ?? json(405, { error: 'method_not_allowed' }))
        : (this.#options.hooks?.notFound?.(request) ?? json(404, { error: 'not_found' }));
    } else {
      response = await this.#run(() => match.route.handler(request));
    }
    if (this.#options.tamper) response = this.#options.tamper(request, response);

    if (operation && checker) {
      const responseContentType =
        response.body === undefined
          ? null
          : typeof response.body === 'string'
            ? 'text/plain'
            : 'application/json';
      const errors = checker.checkResponse(operation, {
        status: response.status,
        contentType: parseContentType(response.headers?.['content-type']) ?? responseContentType,
        body: response.body,
        hasBody: response.body !== undefined,
      });
      if (errors.length > 0) {
        violations.push(this.#violation('response', method, rawPath, operation, response.status, errors));
      }
      this.#stats.validatedPairs += 1;
      this.#stats.validatedPairsByDocument[operation.documentId] =
        (this.#stats.validatedPairsByDocument[operation.documentId] ?? 0) + 1;
    }

    if (violations.length > 0) {
      this.#violations.push(...violations);
      this.#stats.violations += violations.length;
      if (this.#specCheck === 'enforce') {
        response = {
          status: specViolationStatus,
          headers: { 'x-idport-spec-violation': '1' },
          body: { error: 'idport_spec_violation', violations },
        };
      }
    }
    this.#send(outgoing, { ...response, headers: { ...rateHeaders, ...response.headers } });
    this.#log(method, rawPath, response.status);
  }

  async #run(handler: () => FakeResponse | Promise<FakeResponse>): Promise<FakeResponse> {
    try {
      return await handler();
    } catch (error) {
      if (error instanceof FakeHttpError)
        return { status: error.status, body: error.body, headers: error.headers };
      throw error;
    }
  }

  #violation(
    kind: SpecViolation['kind'],
    method: string,
    path: string,
    operation: { documentId: string; pathTemplate: string },
    status: number | null,
    errors: string[],
  ): SpecViolation {
    return {
      kind,
      method,
      path,
      operation: `${operation.documentId} ${method} ${operation.pathTemplate}`,
      status,
      errors,
    };
  }

  #send(outgoing: ServerResponse, response: FakeResponse): void {
    const headers: Record<string, string> = { ...response.headers };
    let payload: string | undefined;
    if (response.body !== undefined) {
      if (Buffer.isBuffer(response.body)) {
        // Binary downloads (an export file) go out as they are.
        outgoing.writeHead(response.status, { 'content-type': 'application/octet-stream', ...headers });
        outgoing.end(response.body);
        return;
      }
      if (typeof response.body === 'string') {
        payload = response.body;
        headers['content-type'] ??= 'text/plain; charset=utf-8';
      } else {
        payload = JSON.stringify(response.body);
        headers['content-type'] ??= 'application/json';
      }
    }
    outgoing.writeHead(response.status, headers);
    outgoing.end(payload);
  }

  #log(method: string, path: string, status: number | string): void {
    this.#options.log?.(`[${this.name}] ${method} ${path} → ${status}`);
  }
}
