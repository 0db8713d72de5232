import type { IncomingHttpHeaders } from 'node:http';

/** A request as a fake's route handler sees it. */
export interface FakeRequest {
  readonly method: string;
  /** Decoded path without the query string. */
  readonly path: string;
  readonly url: URL;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** Path parameters of the matched route template (`{id}` → `params.id`). */
  readonly params: Readonly<Record<string, string>>;
  readonly rawBody: Buffer;
  /** Parsed JSON, parsed form (`Record<string,string>`), or undefined for an empty body. */
  readonly body: unknown;
  /** The content type without parameters (`application/json`), or null. */
  readonly contentType: string | null;
}

/** What a route handler returns. `body` is sent as JSON unless it is a string. */
export interface FakeResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** Handles one route. May throw a {@link FakeHttpError} to answer with an error. */
export type RouteHandler = (request: FakeRequest) => FakeResponse | Promise<FakeResponse>;

/** A route of a fake: method + path template with `{param}` segments. */
export interface FakeRoute {
  readonly method: string;
  readonly path: string;
  readonly handler: RouteHandler;
}

/** Thrown by handlers to answer with a vendor error body. */
export class FakeHttpError extends Error {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, body: unknown, headers: Record<string, string> = {}) {
    super(`HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

/** Shorthand for a JSON response. */
export function json(status: number, body: unknown, headers?: Record<string, string>): FakeResponse {
  return headers ? { status, body, headers } : { status, body };
}

/** A response without body (`204 No Content` and friends). */
export function empty(status = 204, headers?: Record<string, string>): FakeResponse {
  return headers ? { status, headers } : { status };
}
