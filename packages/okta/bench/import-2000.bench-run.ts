import { randomUUID } from 'node:crypto';
import { collect, type PortableUser } from '@idport/core';
import { createOktaFake, type OktaFake, oktaDefaultRateLimits } from '@idport/fakes';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOktaProvider } from '../src/okta-provider';

/**
 * Imports 2,000 users into the Okta fake at its default rate budget (Okta's documented
 * 600/min on /api/v1/users) and prints figures: duration, users per minute, how many 429s the
 * fake answered (absorbed inside the adapter) and how many reached the caller. The baseline in
 * the same run is the same import with the fake's rate limits off.
 */
const count = Number(process.env.IDPORT_IMPORT_COUNT ?? 2000);
const baselineCount = Math.min(count, 500);
const unpacedCount = Math.min(count, 1000);
let fake: OktaFake;
let url = '';

beforeAll(async () => {
  fake = createOktaFake({ specCheck: 'enforce' });
  url = await fake.start();
});
afterAll(async () => {
  await fake.stop();
});

function portableUsers(prefix: string, total: number): PortableUser[] {
  return Array.from({ length: total }, (_, index) => ({
    sourceId: `${prefix}-${index}`,
    email: `${prefix}-${index}@example.com`,
    emailVerified: true,
    phoneNumber: null,
    givenName: 'Bulk',
    familyName: `User ${index}`,
    displayName: null,
    enabled: true,
    createdAt: null,
    attributes: {},
    groups: [],
    // A real migration would carry hashes; the fake's hashing cost is not what is measured.
    passwordHash: null,
    mfaFactors: [],
  }));
}

async function run(label: string, total: number, usersRequestsPerMinute = 600) {
  const provider = createOktaProvider({
    orgUrl: url,
    apiToken: 'idport-fake-api-token',
    clientId: 'idport-app',
    clientSecret: 'idport-app-secret',
    usersRequestsPerMinute,
  });
  const prefix = `${label.replace(/[^a-z0-9]+/g, '-')}-${randomUUID().slice(0, 8)}`;
  const users = portableUsers(prefix, total);
  const before = fake.server.stats();
  const started = performance.now();
  const outcomes = await provider.transfer.importUsers(users);
  const seconds = (performance.now() - started) / 1000;
  const after = fake.server.stats();
  const created = outcomes.filter((outcome) => outcome.status === 'created').length;
  const surfaced = outcomes.filter((outcome) => outcome.errorCode === 'RATE_LIMITED').length;
  const statuses: Record<string, number> = {};
  for (const outcome of outcomes) {
    const key = outcome.errorCode ? `${outcome.status}:${outcome.errorCode}` : outcome.status;
    statuses[key] = (statuses[key] ?? 0) + 1;
  }
  const recovered = outcomes.filter((outcome) =>
    outcome.warnings.some((warning) => warning.includes('not created twice')),
  ).length;
  const inFake = [...fake.org().users.values()].filter((user) =>
    String(user.profile.login).startsWith(`${prefix}-`),
  ).length;
  return {
    label,
    total,
    seconds,
    perMinute: (total / seconds) * 60,
    created,
    inFake,
    surfaced,
    rateLimitedByFake: after.rateLimited - before.rateLimited,
    failed: total - created,
    statuses,
    recovered,
    provider,
  };
}

it(`imports ${count} users at the default budget with no user lost and no 429 surfacing`, async () => {
  // Baseline: the adapter unpaced against a fake without limits (raw throughput of SDK + fake).
  fake.server.rateLimits.configure([]);
  const baseline = await run('baseline (unpaced, no limits)', baselineCount, 100_000);
  // The measured case: default settings (paced at 90% of 600/min) at the fake's default budget.
  await fake.reset();
  fake.server.rateLimits.configure(oktaDefaultRateLimits);
  const budgeted = await run('paced at the default budget', count);
  // Without pacing at the same budget: the 429s the pacing avoids, absorbed by the SDK's retries.
  await fake.reset();
  fake.server.rateLimits.configure(oktaDefaultRateLimits);
  const unpaced = await run('unpaced at the default budget', unpacedCount, 100_000);
  for (const result of [baseline, budgeted, unpaced]) {
    process.stdout.write(
      `${result.label}: ${result.total} users in ${result.seconds.toFixed(1)} s (${result.perMinute.toFixed(0)} users/min); ` +
        `created ${result.created}, present in the fake ${result.inFake}, failed ${result.failed}, ` +
        `429s answered by the fake ${result.rateLimitedByFake}, 429s surfacing to the caller ${result.surfaced}, ` +
        `outcomes ${JSON.stringify(result.statuses)}, creates recovered after a lost answer ${result.recovered}\n`,
    );
  }
  process.stdout.write(
    `paced vs baseline: ${(budgeted.perMinute / baseline.perMinute).toFixed(3)}x the throughput, ` +
      `${((budgeted.perMinute / 600) * 100).toFixed(0)}% of the documented 600/min; ` +
      `unpaced vs paced at the same budget: ${(unpaced.perMinute / budgeted.perMinute).toFixed(3)}x the throughput with ` +
      `${unpaced.rateLimitedByFake} 429s against ${budgeted.rateLimitedByFake}\n`,
  );
  expect(budgeted.created).toBe(count);
  expect(budgeted.inFake).toBe(count);
  expect(budgeted.surfaced).toBe(0);
  expect(unpaced.surfaced).toBe(0);
  expect(unpaced.created).toBe(unpacedCount);
  expect(unpaced.inFake).toBe(unpacedCount);
  const listed = await collect(budgeted.provider.users.list({ pageSize: 200 }));
  expect(new Set(listed.map((user) => user.email)).size).toBe(listed.length);
});
