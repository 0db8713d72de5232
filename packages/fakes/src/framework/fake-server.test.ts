import { afterEach, describe, expect, it } from 'vitest';
import { FakeControl } from './fake-control';
import { json } from './fake-http';
import { FakeServer } from './fake-server';

let server: FakeServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

async function start(options: Partial<ConstructorParameters<typeof FakeServer>[0]> = {}) {
  let calls = 0;
  server = new FakeServer({
    name: 'test',
    routes: [
      {
        method: 'GET',
        path: '/items/{id}',
        handler: (request) => {
          calls += 1;
          return json(200, { id: request.params.id });
        },
      },
    ],
    ...options,
  });
  const url = await server.start();
  return { url, calls: () => calls, control: new FakeControl(url) };
}

describe('fake server', () => {
  it('listens on 127.0.0.1 on a free port and decodes path parameters', async () => {
    const { url } = await start();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${url}/items/a%20b`);
    expect(await response.json()).toEqual({ id: 'a b' });
    expect((await fetch(`${url}/nothing`)).status).toBe(404);
  });

  it('injects a 429 with Retry-After on the Nth call only', async () => {
    const { url, control } = await start();
    await control.injectFault({ nth: 2, fault: { kind: 'status', status: 429, retryAfterSeconds: 7 } });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let index = 0; index < 4; index += 1) {
      const response = await fetch(`${url}/items/1`);
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }
    expect(statuses).toEqual([200, 429, 200, 200]);
    expect(retryAfter).toBe('7');
  });

  it('injects 503s at a rate, reproducibly from the seed', async () => {
    const run = async () => {
      const { url } = await start({ faultSeed: 7 });
      server?.injectFault({ rate: 0.5, fault: { kind: 'status', status: 503 } });
      const statuses: number[] = [];
      for (let index = 0; index < 20; index += 1) statuses.push((await fetch(`${url}/items/1`)).status);
      await server?.stop();
      return statuses;
    };
    const first = await run();
    const second = await run();
    expect(first).toEqual(second);
    const failures = first.filter((status) => status === 503).length;
    expect(failures).toBeGreaterThan(3);
    expect(failures).toBeLessThan(17);
  });

  it('adds latency and resets connections', async () => {
    const { url, calls } = await start();
    server?.injectFault({
      method: 'GET',
      pathPattern: '^/items/slow$',
      fault: { kind: 'latency', milliseconds: 150 },
    });
    const started = performance.now();
    expect((await fetch(`${url}/items/slow`)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    server?.injectFault({ nth: 1, pathPattern: 'reset', fault: { kind: 'reset' } });
    await expect(fetch(`${url}/items/reset`)).rejects.toThrow();
    expect(calls()).toBe(1);
  });

  it('counts rate limits per window with the vendor headers and a 429 after the budget', async () => {
    const { url } = await start({
      rateLimits: [{ name: 'items', pathPattern: '^/items', limit: 2, windowSeconds: 60 }],
      hooks: {
        rateLimitHeaders: (decision) => ({
          'x-rate-limit-limit': String(decision.rule.limit),
          'x-rate-limit-remaining': String(decision.remaining),
          'x-rate-limit-reset': String(decision.resetAt),
        }),
        rateLimitedBody: () => ({ errorCode: 'E0000047' }),
      },
    });
    const first = await fetch(`${url}/items/1`);
    expect(first.headers.get('x-rate-limit-remaining')).toBe('1');
    await fetch(`${url}/items/1`);
    const limited = await fetch(`${url}/items/1`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toEqual({ errorCode: 'E0000047' });
    expect(server?.stats().rateLimited).toBe(1);
  });

  it('clears faults and windows on reset through the control endpoint', async () => {
    const { url, control } = await start({
      rateLimits: [{ name: 'all', pathPattern: '.', limit: 1, windowSeconds: 60 }],
    });
    await fetch(`${url}/items/1`);
    expect((await fetch(`${url}/items/1`)).status).toBe(429);
    await control.injectFault({ fault: { kind: 'status', status: 500 } });
    await control.reset();
    expect((await fetch(`${url}/items/1`)).status).toBe(200);
  });
});
