import { randomUUID } from 'node:crypto';
import { collect, IdentityError, type PortableUser } from '@idport/core';
import { oktaDefaultRateLimits } from '@idport/fakes';
import { afterEach, describe, expect, it } from 'vitest';
import { failOnSpecViolations, fakeControl, testSettings } from './__fixtures__/okta-test-settings';
import { createOktaProvider } from './okta-provider';

failOnSpecViolations();

afterEach(async () => {
  await fakeControl().clearFaults();
  await fakeControl().setRateLimits(oktaDefaultRateLimits);
});

function portable(email: string): PortableUser {
  return {
    sourceId: `source-${email}`,
    email,
    emailVerified: true,
    phoneNumber: null,
    givenName: 'Bulk',
    familyName: 'User',
    displayName: null,
    enabled: true,
    createdAt: null,
    attributes: {},
    groups: [],
    passwordHash: null,
    mfaFactors: [],
  };
}

describe('okta rate limits', () => {
  it('absorbs 429s during an import that overruns the budget: every user created, none lost, none twice', async () => {
    // Okta's window shrunk to 4 s so the test takes seconds; the adapter is told a budget ten
    // times too high, so it overruns the window and has to wait out real 429s.
    await fakeControl().setRateLimits([
      { name: '/api/v1/users', pathPattern: '^/api/v1/users/?$', limit: 40, windowSeconds: 4 },
      ...oktaDefaultRateLimits.filter((rule) => rule.name !== '/api/v1/users'),
    ]);
    const before = await fakeControl().stats();
    const provider = createOktaProvider(testSettings({ usersRequestsPerMinute: 6000, importConcurrency: 8 }));
    const run = randomUUID().slice(0, 8);
    const users = Array.from({ length: 120 }, (_, index) => portable(`bulk-${run}-${index}@example.com`));
    const outcomes = await provider.transfer.importUsers(users);
    const after = await fakeControl().stats();
    expect(after.rateLimited - before.rateLimited).toBeGreaterThan(0);
    expect(outcomes.filter((outcome) => outcome.status !== 'created')).toEqual([]);
    expect(new Set(outcomes.map((outcome) => outcome.userId)).size).toBe(120);
    await fakeControl().setRateLimits(
      oktaDefaultRateLimits.map((rule) => ({ ...rule, limit: rule.limit * 10 })),
    );
    const listed = (await collect(provider.users.list({ pageSize: 200 }))).filter((user) =>
      user.email?.startsWith(`bulk-${run}-`),
    );
    expect(listed).toHaveLength(120);
  }, 60_000);

  it('reports a user whose create answer was lost (client timeout, then a conflict on retry) as created, once', async () => {
    const provider = createOktaProvider(testSettings({ requestTimeoutMs: 1000 }));
    const user = portable(`lost-${randomUUID()}@example.com`);
    // The fake answers the first create after 2.5 s: the client has given up, the user exists.
    await fakeControl().injectFault({
      fault: { kind: 'latency', milliseconds: 2500 },
      method: 'POST',
      pathPattern: '^/api/v1/users$',
      nth: 1,
    });
    const [outcome] = await provider.transfer.importUsers([user]);
    expect(outcome).toMatchObject({ status: 'created', errorCode: null });
    expect(outcome?.warnings.join(' ')).toContain('not created twice');
    expect((await provider.users.findByEmail(user.email))?.id).toBe(outcome?.userId);
  }, 30_000);

  it('maps a 429 without reset headers to a retryable RATE_LIMITED', async () => {
    const provider = createOktaProvider(testSettings());
    const user = await provider.users.create({
      email: `limited-${randomUUID()}@example.com`,
      password: 'Correct-Horse-9-Battery!',
    });
    await fakeControl().injectFault({
      fault: { kind: 'status', status: 429 },
      method: 'GET',
      pathPattern: '^/api/v1/users/',
      nth: 1,
    });
    const failure = await provider.users.get(user.id).catch((error: unknown) => error);
    expect(IdentityError.isInstance(failure)).toBe(true);
    expect((failure as IdentityError).code).toBe('RATE_LIMITED');
    expect((failure as IdentityError).retryable).toBe(true);
    expect((failure as IdentityError).vendorCode).toBe('E0000047');
  });

  it('waits out a 429 whose X-Rate-Limit-Reset is near, as the Okta SDK does', async () => {
    const provider = createOktaProvider(testSettings());
    const user = await provider.users.create({
      email: `wait-${randomUUID()}@example.com`,
      password: 'Correct-Horse-9-Battery!',
    });
    await fakeControl().setRateLimits([
      { name: 'tight', pathPattern: '^/api/v1/users/[^/]+$', method: 'GET', limit: 1, windowSeconds: 2 },
    ]);
    await provider.users.get(user.id);
    const started = Date.now();
    expect((await provider.users.get(user.id)).id).toBe(user.id);
    expect(Date.now() - started).toBeGreaterThan(500);
  });

  it('maps an unreachable org to a retryable PROVIDER_UNAVAILABLE', async () => {
    const provider = createOktaProvider(testSettings({ orgUrl: 'http://127.0.0.1:9' }));
    const failure = await provider.users.get('00u-nobody').catch((error: unknown) => error);
    expect((failure as IdentityError).code).toBe('PROVIDER_UNAVAILABLE');
    expect((failure as IdentityError).retryable).toBe(true);
  });
});
