import { describe, expect, it } from 'vitest';
import type { ProviderCapabilities } from '../capabilities/provider-capabilities';
import { IdentityError } from '../errors/identity-error';
import type { IdentityEvent } from '../events/identity-event';
import { paginate } from '../pagination/page-iterable';
import type { User } from '../port/user';
import { withRetry } from '../retry/with-retry';
import { defineIdentityProvider } from './define-identity-provider';

/** Fails the test when a call that should have been refused succeeds. */
const expectedFailure = (): never => {
  throw new Error('expected the call to fail');
};

const capabilities: ProviderCapabilities = {
  operations: ['users.create', 'users.get', 'users.list', 'auth.signIn'],
  mfaFactorTypes: [],
  limits: { maxPageSize: 10, maxImportBatch: 1 },
  passwordHashes: { importable: [], exportable: [] },
  totpSecrets: { exportable: false, importable: false },
  groupModel: 'groups',
  refreshTokenRotation: false,
  rateLimits: [],
};

function userFrom(email: string, index: number): User {
  return {
    id: `user-${index}`,
    email,
    emailVerified: false,
    phoneNumber: null,
    givenName: null,
    familyName: null,
    displayName: null,
    enabled: true,
    createdAt: null,
    updatedAt: null,
    attributes: {},
    raw: null,
  };
}

/** A tiny in-memory adapter: what the facade wraps is real code, not a mock of the facade. */
function createTestProvider(options: { events?: IdentityEvent[]; failures?: unknown[] } = {}) {
  const users: User[] = [];
  const calls = { create: 0, get: 0, signIn: 0 };
  const provider = defineIdentityProvider({
    provider: 'test',
    capabilities,
    onEvent: (event) => {
      options.events?.push(event);
      throw new Error('a broken audit sink');
    },
    implementation: {
      users: {
        async create(input) {
          calls.create += 1;
          const user = userFrom(input.email, users.length);
          users.push(user);
          return user;
        },
        async get(userId) {
          calls.get += 1;
          const failure = options.failures?.shift();
          if (failure) throw failure;
          const user = users.find((candidate) => candidate.id === userId);
          if (!user)
            throw new IdentityError({ code: 'USER_NOT_FOUND', provider: 'test', message: 'no such user' });
          return user;
        },
        list(listOptions) {
          const size = listOptions?.pageSize ?? 2;
          return paginate(async (cursor) => {
            const start = cursor ? Number(cursor) : 0;
            const next = start + size < users.length ? String(start + size) : null;
            return { items: users.slice(start, start + size), nextCursor: next };
          }, listOptions?.cursor ?? null);
        },
      },
      auth: {
        async signIn() {
          calls.signIn += 1;
          throw new IdentityError({ code: 'PROVIDER_UNAVAILABLE', provider: 'test', message: 'down' });
        },
      },
    },
  });
  return { provider, calls };
}

describe('defineIdentityProvider', () => {
  it('throws UnsupportedOperationError for undeclared operations, naming them', async () => {
    const { provider } = createTestProvider();
    await expect(provider.users.delete('user-0')).rejects.toMatchObject({
      code: 'UNSUPPORTED_OPERATION',
      message: expect.stringContaining('users.delete'),
    });
    expect(() => provider.groups.list()).toThrow(/groups.list/);
  });

  it('refuses a manifest that declares an operation the adapter lacks', () => {
    expect(() =>
      defineIdentityProvider({
        provider: 'liar',
        capabilities: { ...capabilities, operations: ['users.delete'] },
        implementation: {},
      }),
    ).toThrow(/declares users.delete but does not implement it/);
  });

  it('validates arguments before adapter code runs and names the field, not the value', async () => {
    const { provider, calls } = createTestProvider();
    const error = await provider.users
      .create({ email: 'secret-canary-value', password: 'x' } as never)
      .then(expectedFailure, (caught: unknown) => caught as IdentityError);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe('email');
    expect(error.message).not.toContain('secret-canary-value');
    expect(calls.create).toBe(0);
  });

  it('enforces the manifest page size limit', () => {
    const { provider } = createTestProvider();
    expect(() => provider.users.list({ pageSize: 11 })).toThrow(/pageSize must be at most 10/);
  });

  it('wraps unmapped adapter errors as PROVIDER_ERROR with the cause redacted', async () => {
    const leak = new Error('boom with Bearer abc.def.ghi');
    const { provider } = createTestProvider({ failures: [leak] });
    const error = await provider.users
      .get('user-1')
      .then(expectedFailure, (caught: unknown) => caught as IdentityError);
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(String((error.cause as Error).message)).not.toContain('abc.def.ghi');
  });

  it('emits audit events without secrets, and a failing listener changes nothing', async () => {
    const events: IdentityEvent[] = [];
    const { provider } = createTestProvider({ events });
    const user = await provider.users.create({
      email: 'ada@example.com',
      password: 'Very-Secret-Password-1',
    });
    await expect(
      provider.auth.signIn({ email: 'ada@example.com', password: 'Very-Secret-Password-1' }),
    ).rejects.toThrow();
    expect(events.map((event) => event.type)).toEqual(['user.created', 'sign_in.failed']);
    expect(events[0]?.userId).toBe(user.id);
    expect(events[1]?.errorCode).toBe('PROVIDER_UNAVAILABLE');
    const serialized = JSON.stringify(events);
    expect(serialized).not.toContain('Very-Secret-Password-1');
    expect(serialized).not.toContain('ada@example.com');
  });
});

describe('withRetry', () => {
  it('retries idempotent reads through transient failures', async () => {
    const transient = new IdentityError({ code: 'PROVIDER_UNAVAILABLE', message: '503' });
    const { provider, calls } = createTestProvider({ failures: [transient, transient] });
    const user = await provider.users.create({ email: 'a@example.com' });
    const retrying = withRetry(provider, { sleep: async () => undefined });
    expect((await retrying.users.get(user.id)).id).toBe(user.id);
    expect(calls.get).toBe(3);
  });

  it('looks a timed-out create up before retrying it, so a create that landed is not repeated', async () => {
    const { provider, calls } = createTestProvider();
    let failNext = true;
    const flaky = {
      ...provider,
      users: {
        ...provider.users,
        // The first create lands at the vendor, but its response is lost.
        async create(input: Parameters<typeof provider.users.create>[0]) {
          const user = await provider.users.create(input);
          if (failNext) {
            failNext = false;
            throw new IdentityError({ code: 'PROVIDER_UNAVAILABLE', message: 'connection reset' });
          }
          return user;
        },
        async findByEmail(email: string) {
          for await (const user of provider.users.list()) if (user.email === email) return user;
          return null;
        },
      },
      capabilities: {
        ...capabilities,
        operations: [...capabilities.operations, 'users.findByEmail' as const],
      },
    };
    const retrying = withRetry(flaky, { sleep: async () => undefined });
    const user = await retrying.users.create({ email: 'once@example.com' });
    expect(user.email).toBe('once@example.com');
    expect(calls.create).toBe(1);
  });

  it('does not retry sign-in: the caller decides', async () => {
    const { provider, calls } = createTestProvider();
    const retrying = withRetry(provider, { sleep: async () => undefined });
    await expect(
      retrying.auth.signIn({ email: 'a@example.com', password: 'whatever-1' }),
    ).rejects.toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
    });
    expect(calls.signIn).toBe(1);
  });

  it('pages through a listing and resumes from a cursor', async () => {
    const { provider } = createTestProvider();
    for (let index = 0; index < 5; index += 1)
      await provider.users.create({ email: `u${index}@example.com` });
    const retrying = withRetry(provider);
    const all: string[] = [];
    for await (const user of retrying.users.list({ pageSize: 2 })) all.push(user.id);
    expect(all).toEqual(['user-0', 'user-1', 'user-2', 'user-3', 'user-4']);
    const resumed: string[] = [];
    for await (const user of retrying.users.list({ pageSize: 2, cursor: '2' })) resumed.push(user.id);
    expect(resumed).toEqual(['user-2', 'user-3', 'user-4']);
  });
});
