// local → the @idport/fakes Okta fake at its default rate budget (Okta's documented 600 user
// creates per minute): how close runMigration runs to the budget, how many 429s the fake
// answered, how many throttles reached the caller, and who is at the target afterwards.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { collect } from '@idport/core';
import { createOktaFake, FakeControl, oktaDefaultRateLimits } from '@idport/fakes';
import { createOktaProvider } from '@idport/okta';
import { createSqliteStateStore, runMigration } from '../dist/index.js';
import { temporaryDirectory } from './benchmark-cleanup.mjs';
import { seededEmails, seedLocalSource } from './seed-local-source.mjs';

export const defaultOktaUsers = 1200;
const label = 'local → Okta fake';
const progressEveryMs = 30_000;
const userCreateRule = oktaDefaultRateLimits.find((rule) => rule.name === '/api/v1/users');
const budgetPerMinute = (userCreateRule.limit * 60) / userCreateRule.windowSeconds;

function reportProgress(started) {
  let lastReport = performance.now();
  return (progress) => {
    const now = performance.now();
    if (now - lastReport < progressEveryMs) return;
    lastReport = now;
    console.error(
      `${label}: ${progress.processed} users done after ${((now - started) / 1000).toFixed(0)} s (concurrency ${progress.concurrency}, throttled ${progress.throttled})`,
    );
  };
}

export async function runOktaFakeBenchmark({ userCount }) {
  let healthy = true;
  const directory = temporaryDirectory('okta');
  const fake = createOktaFake();
  let source = null;
  let target = null;
  let state = null;
  try {
    source = await seedLocalSource({
      database: join(directory.path, 'source.db'),
      count: userCount,
      prefix: 'okta',
    });
    const url = await fake.start();
    const control = new FakeControl(url);
    const budgetRules = fake.server.rateLimits.rules;
    if (JSON.stringify(budgetRules) !== JSON.stringify(oktaDefaultRateLimits)) {
      throw new Error('the Okta fake is not running with oktaDefaultRateLimits');
    }
    target = createOktaProvider({
      orgUrl: url,
      apiToken: 'idport-fake-api-token',
      clientId: 'idport-app',
      clientSecret: 'idport-app-secret',
    });
    state = createSqliteStateStore(join(directory.path, 'state.db'));
    console.log(
      `${label}: budget "${userCreateRule.name}" ${userCreateRule.limit} per ${userCreateRule.windowSeconds} s (oktaDefaultRateLimits, fixed windows), spec check enforce; migrating ${userCount} local users with pbkdf2-sha256 hashes (about ${((userCount / budgetPerMinute) * 60).toFixed(0)} s at the full budget)`,
    );

    const before = await control.stats();
    const started = performance.now();
    const result = await runMigration({
      from: source,
      to: target,
      state,
      total: userCount,
      onProgress: reportProgress(started),
    });
    const seconds = (performance.now() - started) / 1000;
    const after = await control.stats();

    const { counts } = result;
    const achievedPerMinute = (userCount / seconds) * 60;
    console.log(
      `${label}, runMigration: ${userCount} users in ${seconds.toFixed(1)} s, ${achievedPerMinute.toFixed(0)} users/min; created ${counts.created}, failed ${counts.failed}, skipped ${counts.skipped}, pending ${counts.pending}, passwords imported ${result.passwordsImported}`,
    );
    console.log(
      `${label}: achieved / budget ${achievedPerMinute.toFixed(0)} / ${budgetPerMinute} users/min = ${(achievedPerMinute / budgetPerMinute).toFixed(3)} (target ≥ 0.9)`,
    );
    const surfacedThrottles = state
      .failures(result.runId)
      .filter((record) => record.errorCode === 'RATE_LIMITED');
    console.log(
      `${label}: 429s answered by the fake during the migration ${after.rateLimited - before.rateLimited} (of ${after.requests - before.requests} requests), throttles the engine waited out ${result.throttled}, failures with RATE_LIMITED surfaced to the caller ${surfacedThrottles.length} (expected 0)`,
    );
    healthy = surfacedThrottles.length === 0 && counts.created === userCount && healthy;

    // Counted through the adapter, over Okta's paged Users API, after the timed part.
    const listed = await collect(target.users.list({ pageSize: 200 }));
    const listedEmails = new Set(listed.map((user) => user.email));
    const listedIds = new Set(listed.map((user) => user.id));
    const missing = seededEmails('okta', userCount).filter((email) => !listedEmails.has(email)).length;
    const verdict =
      listed.length === userCount &&
      listedEmails.size === userCount &&
      listedIds.size === userCount &&
      missing === 0
        ? 'as expected'
        : 'WRONG';
    console.log(
      `${label}: users present at the target ${listed.length} listed, ${listedEmails.size} distinct emails, ${listedIds.size} distinct ids, ${missing} source users missing (expected ${userCount}, none duplicated, none missing: ${verdict})`,
    );
    healthy = verdict === 'as expected' && healthy;
    const final = await control.stats();
    console.log(
      `${label}: spec violations recorded by the fake ${final.violations}, 429s while listing ${final.rateLimited - after.rateLimited}`,
    );
    healthy = final.violations === 0 && healthy;
  } finally {
    state?.close();
    await target?.close();
    await source?.close();
    await fake.stop().catch(() => undefined);
    directory.remove();
  }
  return healthy;
}
