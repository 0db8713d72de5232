import { createServer, type Server } from 'node:http';

/** One request the fake endpoint received: the operation and its JSON body. */
export interface RecordedRequest {
  readonly operation: string;
  readonly body: Record<string, unknown>;
  readonly signed: boolean;
}

/** A response to play back: a JSON body and, for errors, an HTTP status. */
export interface CannedResponse {
  readonly status?: number;
  readonly body: unknown;
}

/**
 * A loopback HTTP endpoint that answers AWS JSON 1.1 calls with responses copied from the
 * Cognito API reference, in the order given per operation, and records every request. It
 * stands in for the network only: the real AWS SDK builds, signs and parses every call, and
 * the adapter is not replaced. Used for what cognito-local cannot do (global sign-out,
 * paging, disabled users, rotation, SMS/email challenges).
 */
export class RecordedCognito {
  readonly requests: RecordedRequest[] = [];
  private readonly queues = new Map<string, CannedResponse[]>();
  private server: Server | undefined;
  endpoint = '';

  /** Queues responses for an operation (e.g. `InitiateAuth`). */
  reply(operation: string, ...responses: CannedResponse[]): this {
    this.queues.set(operation, [...(this.queues.get(operation) ?? []), ...responses]);
    return this;
  }

  /** Requests of one operation, in order. */
  calls(operation: string): Record<string, unknown>[] {
    return this.requests.filter((request) => request.operation === operation).map((request) => request.body);
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const target = String(request.headers['x-amz-target'] ?? '');
        const operation = target.split('.')[1] ?? '';
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
        this.requests.push({ operation, body, signed: typeof request.headers.authorization === 'string' });
        const canned = this.queues.get(operation)?.shift();
        const status = canned ? (canned.status ?? 200) : 500;
        const payload = canned
          ? canned.body
          : { __type: 'InternalErrorException', message: `no reply queued for ${operation}` };
        const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.1' };
        if (status >= 400 && typeof (payload as { __type?: string }).__type === 'string') {
          headers['x-amzn-errortype'] = `${(payload as { __type: string }).__type}:`;
        }
        response.writeHead(status, headers).end(JSON.stringify(payload));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
