import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  collect,
  createPortableUser,
  IdentityError,
  type IdentityProvider,
  type ImportOutcome,
  type PortablePasswordHash,
  type PortableUser,
} from '@idport/core';
import { createLocalProvider } from '@idport/local';
import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { createArraySourceProvider } from './__fixtures__/array-source-provider';
import { scryptPhc, seedLocalUsers } from './__fixtures__/seed-local-users';
import { planMigration } from './plan-migration';
import { runMigration } from './run-migration';
import { createSqliteStateStore } from './sqlite-migration-state-store';

const fast = { passwordHashing: { logN: 10, blockSize: 8, parallelization: 1 } };
const password = 'Seeded-Password-42!';
const directory = () => mkdtempSync(join(tmpdir(), 'idport-migrate-'));

const portable = (overrides: Partial<PortableUser>): PortableUser =>
  createPortableUser({ sourceId: 'source', email: 'someone@example.com', emailVerified: true, ...overrides });

describe('runMigration (local → local)', () => {
  it('moves every user with password, TOTP factor, groups and attributes, and is idempotent', async () => {
    const from = await createLocalProvider(fast);
    const to = await createLocalProvider(fast);
    await seedLocalUsers(from, 120, password);
    const state = createSqliteStateStore(join(directory(), 'state.db'));

    const result = await runMigration({ from, to, state, pageSize: 50, batchSize: 20 });
    expect(result.counts).toMatchObject({ created: 120, failed: 0, skipped: 0, pending: 0 });
    expect(result.passwordsImported).toBe(120);
    expect(result.factorsImported).toBe(5);

    // The original password works at the target, and the TOTP factor came along.
    const plain = await to.auth.signIn({ email: 'user-1@example.com', password });
    expect(plain.status).toBe('authenticated');
    const withMfa = await to.auth.signIn({ email: 'user-0@example.com', password });
    expect(withMfa.status).toBe('mfa_required');
    if (withMfa.status !== 'mfa_required') return;
    const code = new TOTP({ secret: Secret.fromBase32('JBSWY3DPEHPK3PXPJBSWY3DP') }).generate();
    expect((await to.auth.completeMfa({ challenge: withMfa.challenge, code })).status).toBe('authenticated');
    const admin = await to.users.findByEmail('user-10@example.com');
    expect((await to.groups.listForUser(admin?.id as string)).map((group) => group.name)).toEqual(['admins']);
    expect(admin?.attributes.plan).toBe('pro');

    // A second run of the same id sends nobody again.
    const again = await runMigration({ from, to, state, pageSize: 50 });
    expect(again.processedThisRun).toBe(0);
    expect((await collect(to.users.list({ pageSize: 1000 }))).length).toBe(120);
    state.close();
  });

  it('stops after the current page when aborted by a timer, although both providers answer synchronously', async () => {
    const from = await createLocalProvider(fast);
    const to = await createLocalProvider(fast);
    await seedLocalUsers(from, 400, password);
    const state = createSqliteStateStore(join(directory(), 'state.db'));
    const controller = new AbortController();
    // A timer, as a Ctrl-C handler or a worker message is: it runs only if the engine
    // lets the event loop turn while SQLite answers every call at once.
    setTimeout(() => controller.abort(), 0);
    const stopped = await runMigration({
      from,
      to,
      state,
      pageSize: 20,
      batchSize: 20,
      signal: controller.signal,
    });
    expect(stopped.aborted).toBe(true);
    expect(stopped.counts.pending).toBe(0);
    expect(stopped.counts.created).toBeGreaterThan(0);
    expect(stopped.counts.created).toBeLessThan(400);
    expect(stopped.counts.created % 20).toBe(0);

    const resumed = await runMigration({ from, to, state, pageSize: 20, batchSize: 20 });
    expect(resumed.aborted).toBe(false);
    expect(resumed.counts).toMatchObject({ created: 400, failed: 0, pending: 0 });
    expect((await collect(to.users.list({ pageSize: 1000 }))).length).toBe(400);
    state.close();
  });

  it('records bad source data per user and carries on', async () => {
    const from = createArraySourceProvider([
      portable({
        sourceId: 'good',
        email: 'good@example.com',
        passwordHash: { algorithm: 'scrypt', phc: scryptPhc(password) },
      }),
      portable({ sourceId: 'bad-email', email: 'not an email' }),
      portable({
        sourceId: 'md5',
        email: 'md5@example.com',
        passwordHash: { algorithm: 'md5', phc: '$md5$c2FsdA$aGFzaA' },
      }),
      portable({ sourceId: 'dup-1', email: 'dup@example.com' }),
      portable({ sourceId: 'dup-2', email: 'DUP@example.com' }),
      portable({ sourceId: 'after', email: 'after@example.com' }),
    ]);
    const to = await createLocalProvider(fast);
    const state = createSqliteStateStore(join(directory(), 'state.db'));
    const result = await runMigration({ from, to, state, pageSize: 2 });
    expect(result.counts).toMatchObject({ created: 4, failed: 2 });
    const attention = state.failures(result.runId);
    expect(attention.map((record) => [record.sourceId, record.status, record.errorCode ?? 'lost'])).toEqual([
      ['bad-email', 'failed', 'INVALID_INPUT'],
      ['md5', 'created', 'lost'],
      ['dup-2', 'failed', 'DUPLICATE_EMAIL_IN_SOURCE'],
    ]);
    expect(attention[1]?.passwordLost).toBe(true);
    expect((await to.auth.signIn({ email: 'good@example.com', password })).status).toBe('authenticated');
    expect(await to.users.findByEmail('after@example.com')).not.toBeNull();
    state.close();
  });

  it('applies a user mapping: renames attributes, maps groups, leaves users out, survives a throwing mapping', async () => {
    const from = createArraySourceProvider([
      portable({
        sourceId: 'm1',
        email: 'keep@example.com',
        attributes: { tier: 'gold' },
        groups: ['staff'],
      }),
      portable({ sourceId: 'm2', email: 'drop@example.com' }),
      portable({ sourceId: 'm3', email: 'boom@example.com' }),
    ]);
    const to = await createLocalProvider(fast);
    const state = createSqliteStateStore(join(directory(), 'state.db'));
    const result = await runMigration({
      from,
      to,
      state,
      mapping: (user) => {
        if (user.email.startsWith('drop')) return null;
        if (user.email.startsWith('boom')) throw new Error('mapping bug');
        return {
          ...user,
          attributes: { plan: user.attributes.tier ?? null },
          groups: user.groups.map((g) => `legacy-${g}`),
        };
      },
    });
    expect(result.counts).toMatchObject({ created: 1, skipped: 1, failed: 1 });
    const kept = await to.users.findByEmail('keep@example.com');
    expect(kept?.attributes).toEqual({ plan: 'gold' });
    expect((await to.groups.listForUser(kept?.id as string)).map((group) => group.name)).toEqual([
      'legacy-staff',
    ]);
    expect(await to.users.findByEmail('drop@example.com')).toBeNull();
    expect(state.failures(result.runId).map((record) => record.errorCode)).toEqual(['MAPPING_FAILED']);
    state.close();
  });

  it('applies the conflict policy to emails already at the target, never duplicating', async () => {
    const source = [portable({ sourceId: 's1', email: 'taken@example.com', givenName: 'FromSource' })];
    for (const [conflict, status] of [
      ['skip', 'skipped'],
      ['update', 'updated'],
      ['fail', 'failed'],
    ] as const) {
      const to = await createLocalProvider(fast);
      await to.users.create({ email: 'taken@example.com', givenName: 'AtTarget' });
      const state = createSqliteStateStore(join(directory(), 'state.db'));
      const result = await runMigration({ from: createArraySourceProvider(source), to, state, conflict });
      expect(result.counts[status]).toBe(1);
      const users = await collect(to.users.list());
      expect(users).toHaveLength(1);
      expect(users[0]?.givenName).toBe(conflict === 'update' ? 'FromSource' : 'AtTarget');
      state.close();
    }
  });

  it('backs off on 429 and loses nobody', async () => {
    const from = await createLocalProvider(fast);
    await seedLocalUsers(from, 60, password);
    const target = await createLocalProvider(fast);
    let calls = 0;
    // The vendor's behaviour under load: every third bulk call is refused with Retry-After.
    const throttling: IdentityProvider = {
      ...target,
      transfer: {
        ...target.transfer,
        async importUsers(users, options): Promise<ImportOutcome[]> {
          calls += 1;
          if (calls % 3 === 0) {
            throw new IdentityError({
              code: 'RATE_LIMITED',
              provider: 'local',
              message: '429',
              retryAfter: 0.01,
            });
          }
          return target.transfer.importUsers(users, options);
        },
      },
    };
    const state = createSqliteStateStore(join(directory(), 'state.db'));
    const result = await runMigration({
      from,
      to: throttling,
      state,
      pageSize: 30,
      batchSize: 10,
      sleep: async () => undefined,
    });
    expect(result.throttled).toBeGreaterThan(0);
    expect(result.counts).toMatchObject({ created: 60, failed: 0 });
    expect((await collect(target.users.list({ pageSize: 1000 }))).length).toBe(60);
    state.close();
  });

  it('paces its calls by the budget that counts the operation it calls, not by budgets of other calls', async () => {
    const from = await createLocalProvider(fast);
    await seedLocalUsers(from, 50, password);
    const target = await createLocalProvider(fast);
    const budgeted: IdentityProvider = {
      ...target,
      capabilities: {
        ...target.capabilities,
        rateLimits: [
          // Far stricter, but for calls the migration never makes: it must not slow the run.
          { scope: 'groups', requests: 1, perSeconds: 3600, source: 'test', operations: ['groups.create'] },
          {
            scope: 'imports',
            requests: 2,
            perSeconds: 10,
            source: 'test',
            operations: ['transfer.importUsers'],
          },
        ],
      },
    };
    // A virtual clock: waiting advances it, so the pacing is observed without real waits.
    let virtualNow = 0;
    const waits: number[] = [];
    const state = createSqliteStateStore(join(directory(), 'state.db'));
    const result = await runMigration({
      from,
      to: budgeted,
      state,
      pageSize: 50,
      batchSize: 10,
      now: () => virtualNow,
      sleep: async (milliseconds) => {
        waits.push(milliseconds);
        virtualNow += milliseconds;
      },
    });
    expect(result.counts).toMatchObject({ created: 50, failed: 0 });
    // Five bulk calls at 2 per 10 s: two from the full bucket, then one every 5 s.
    expect(waits.reduce((sum, wait) => sum + wait, 0)).toBe(15_000);
    expect(Math.max(...waits)).toBeLessThan(3_600_000);
    state.close();
  });

  it('reconciles users that were in flight when a run died', async () => {
    // A creation date in the past, as a migration preserves it: the target's account then
    // looks older than our first send, and only the preserved date tells it is ours.
    const inflight = portable({
      sourceId: 'inflight',
      email: 'inflight@example.com',
      createdAt: new Date('2020-05-06T07:08:09.123Z'),
    });
    const from = createArraySourceProvider([inflight]);
    const to = await createLocalProvider(fast);
    const state = createSqliteStateStore(join(directory(), 'state.db'));
    // Simulate a crash after the target applied the write but before the outcome was recorded.
    state.beginRun('array-source-to-local', { from: 'array-source', to: 'local' });
    state.markPending(
      'array-source-to-local',
      [{ sourceId: 'inflight', email: 'inflight@example.com' }],
      new Date(),
    );
    await to.transfer.importUsers([inflight]);
    const result = await runMigration({ from, to, state });
    expect(result.counts).toMatchObject({ created: 1, skipped: 0 });
    expect((await collect(to.users.list())).length).toBe(1);
    state.close();
  });
});

describe('planMigration', () => {
  it('counts passwords kept, resets needed with reasons, factors, attributes and conflicts', async () => {
    const from = createArraySourceProvider([
      portable({
        sourceId: 'a',
        email: 'a@example.com',
        passwordHash: { algorithm: 'scrypt', phc: scryptPhc(password) },
      }),
      portable({
        sourceId: 'b',
        email: 'b@example.com',
        passwordHash: {
          algorithm: 'sha3-512' as PortablePasswordHash['algorithm'],
          phc: '$sha3-512$c2FsdA$aGFzaA',
        },
        mfaFactors: [{ type: 'totp', secret: 'JBSWY3DPEHPK3PXP', label: null }],
        attributes: { plan: 'pro' },
      }),
      portable({
        sourceId: 'c',
        email: 'c@example.com',
        mfaFactors: [{ type: 'sms', phoneNumber: '+14155550100' }],
      }),
      portable({ sourceId: 'd', email: 'bad' }),
    ]);
    const to = await createLocalProvider(fast);
    await to.users.create({ email: 'c@example.com' });
    const plan = await planMigration({ from, to });
    expect(plan.users).toBe(4);
    expect(plan.keepPassword).toBe(1);
    expect(plan.needPasswordReset).toEqual({
      'local cannot import sha3-512 hashes': 1,
      'no password at the source': 1,
    });
    expect(plan.factorsCross).toBe(1);
    expect(plan.factorsReEnroll).toEqual({ 'sms factors are not migrated': 1 });
    expect(plan.attributes).toEqual({ plan: 1 });
    expect(plan.conflicts).toBe(1);
    expect(plan.invalid).toEqual({ 'invalid email': 1 });
    expect(await to.users.findByEmail('a@example.com')).toBeNull();
  });
});
