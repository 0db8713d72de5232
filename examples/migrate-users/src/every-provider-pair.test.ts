import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  collect,
  createIdentityProvider,
  type IdentityConfig,
  type IdentityProvider,
  supportsOperation,
  type User,
} from '@idport/core';
import {
  createSqliteStateStore,
  type MigrationPlan,
  type MigrationResult,
  type MigrationStateStore,
  planMigration,
  runMigration,
} from '@idport/migrate';
import { Secret, TOTP } from 'otpauth';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExpectedPlan,
  type ExpectedUserOutcome,
  expectedMigration,
} from './test-support/expected-migration';
import { assertNoSpecViolations, type Peer, peers } from './test-support/peer-tenants';
import {
  invalidEmail,
  originalPassword,
  type SeededSourceUser,
  seedPairSource,
  wrongPassword,
} from './test-support/seed-pair-source';
import { signInOutcome } from './test-support/sign-in-outcome';

// Issue 9: from a fresh clone, plan and run between `local` and every adapter whose peer
// runs here (all started by the global setup). Expectations are read off the manifests of
// both sides, so when an adapter's capabilities change, this test follows them.

const directory = mkdtempSync(join(tmpdir(), 'idport-every-provider-pair-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
// The fakes check every call against the vendors' OpenAPI documents: a violation fails the
// test that caused it, as in the adapters' own suites.
afterEach(assertNoSpecViolations);

/** A `local` provider on a file of this run, with cheaper scrypt for the test only. */
const localConfig = (name: string): IdentityConfig => ({
  provider: 'local',
  settings: { database: join(directory, `${name}.db`), passwordHashing: { logN: 12 } },
});

/** The fields of a plan the manifests decide (the rest is descriptive). */
const decidedPart = (plan: MigrationPlan): ExpectedPlan => ({
  users: plan.users,
  keepPassword: plan.keepPassword,
  needPasswordReset: { ...plan.needPasswordReset },
  factorsCross: plan.factorsCross,
  factorsReEnroll: { ...plan.factorsReEnroll },
  conflicts: plan.conflicts,
  invalid: { ...plan.invalid },
  bulkImport: plan.bulkImport,
});

const expectedCounts = (outcomes: readonly ExpectedUserOutcome[]) => ({
  pending: 0,
  created: outcomes.filter((outcome) => outcome.status === 'created').length,
  skipped: outcomes.filter((outcome) => outcome.status === 'skipped').length,
  updated: 0,
  failed: outcomes.filter((outcome) => outcome.status === 'failed').length,
});

const byEmail = <T extends { email: string | null }>(a: T, b: T) =>
  (a.email ?? '').localeCompare(b.email ?? '');

/** Every user at a provider, by lowercased email; fails on an email held twice. */
async function usersByEmail(provider: IdentityProvider): Promise<Map<string, User>> {
  const users = await collect(provider.users.list());
  const map = new Map(users.map((user) => [(user.email ?? '').toLowerCase(), user]));
  expect(map.size, 'one account per email').toBe(users.length);
  return map;
}

/** Each good user exists once at the target (found by listing and by email), and nobody else. */
async function expectExactlyOnce(provider: IdentityProvider, emails: readonly string[]) {
  const users = await usersByEmail(provider);
  expect([...users.keys()].sort()).toEqual([...emails].sort());
  for (const email of emails) {
    expect((await provider.users.findByEmail(email))?.id, email).toBe(users.get(email)?.id);
  }
  return users;
}

/** What a user's sign-in with the original password must give at a target, per the outcome. */
const expectedOriginalSignIn = (outcome: ExpectedUserOutcome, target: IdentityProvider) =>
  outcome.factorCrosses && target.capabilities.mfaFactorTypes.includes('totp')
    ? 'authenticated after TOTP'
    : 'authenticated';

let seeded: SeededSourceUser[] = [];
beforeAll(async () => {
  seeded = await seedPairSource(localConfig('source'), join(directory, 'source.db'));
});

/** The local → X and X → local runs of one peer. */
function describePair(peer: Peer) {
  describe(`local → ${peer.name} (${peer.standIn})`, () => {
    const runId = `local-to-${peer.name}`;
    let source: IdentityProvider;
    let target: IdentityProvider;
    let state: MigrationStateStore;
    let outcomes: ExpectedUserOutcome[] = [];
    let plan: ExpectedPlan;
    let firstRun: MigrationResult;
    const goodEmails = () => seeded.filter((user) => !user.invalidField).map((user) => user.email);
    const secretOf = (email: string) => seeded.find((user) => user.email === email)?.totpSecret ?? null;

    beforeAll(async () => {
      const tenant = await peer.freshTenant('from-local', directory);
      source = await createIdentityProvider(localConfig('source'));
      target = await createIdentityProvider(tenant.config);
      // Someone already signed up at the target with one of the emails (with no password of
      // ours): the migration must leave that account alone and not make a second one.
      for (const user of seeded.filter((candidate) => candidate.existsAtTarget)) {
        await target.users.create({ email: user.email, emailVerified: true });
      }
      state = createSqliteStateStore(join(directory, `${runId}-state.db`));
      ({ plan, outcomes } = expectedMigration(
        source,
        target,
        seeded.map((user) => ({
          email: user.email,
          storedAlgorithm: user.passwordAlgorithm,
          enrolledTotp: user.totpSecret !== null,
          invalidField: user.invalidField,
          existsAtTarget: user.existsAtTarget,
        })),
      ));
    });
    afterAll(async () => {
      state?.close();
      await source?.close();
      await target?.close();
    });

    it('plans what the two manifests allow, and writes nothing', async () => {
      const planned = await planMigration({ from: source, to: target });
      expect(decidedPart(planned)).toEqual(plan);
      expect([...(await usersByEmail(target)).keys()]).toEqual(
        seeded.filter((user) => user.existsAtTarget).map((user) => user.email),
      );
    });

    it(`runs: every good user exists once at ${peer.name}, the bad one is a failure with its reason`, async () => {
      firstRun = await runMigration({ from: source, to: target, state, runId });
      expect(firstRun.counts).toEqual(expectedCounts(outcomes));
      expect(firstRun.passwordsImported).toBe(outcomes.filter((outcome) => outcome.passwordCrosses).length);
      expect(firstRun.factorsImported).toBe(outcomes.filter((outcome) => outcome.factorCrosses).length);
      await expectExactlyOnce(target, goodEmails());

      // Needing attention: the refused user, and users created without their password.
      const failures = state.failures(runId).sort(byEmail);
      expect(
        failures.map(({ email, status, errorCode, passwordLost }) => ({
          email,
          status,
          errorCode,
          passwordLost,
        })),
      ).toEqual(
        outcomes
          .filter((outcome) => outcome.status === 'failed' || outcome.passwordLost)
          .map((outcome) => ({
            email: outcome.email,
            status: outcome.status,
            errorCode: outcome.status === 'failed' ? 'INVALID_INPUT' : null,
            passwordLost: outcome.passwordLost,
          }))
          .sort(byEmail),
      );
      expect(failures.find((failure) => failure.email === invalidEmail)?.reason).toMatch(/^email /);
    });

    it('a second run with the same run id adds nothing and duplicates nobody', async () => {
      const before = await usersByEmail(target);
      const again = await runMigration({ from: source, to: target, state, runId });
      expect(again).toMatchObject({ resumed: true, processedThisRun: 0, counts: firstRun.counts });
      const after = await expectExactlyOnce(target, goodEmails());
      expect([...after.values()].map((user) => user.id).sort()).toEqual(
        [...before.values()].map((user) => user.id).sort(),
      );
    });

    it(`users whose hash ${peer.name} imports sign in there with their original password (and TOTP), not a wrong one`, async (context) => {
      context.skip(peer.importedHashesNotVerified !== undefined, peer.importedHashesNotVerified);
      const crossing = outcomes.filter((outcome) => outcome.passwordCrosses);
      context.skip(
        crossing.length === 0,
        `${peer.name} imports none of the source's hash algorithms (manifest)`,
      );
      for (const outcome of crossing) {
        const secret = secretOf(outcome.email);
        expect(await signInOutcome(target, outcome.email, originalPassword, secret), outcome.email).toBe(
          expectedOriginalSignIn(outcome, target),
        );
        expect(await signInOutcome(target, outcome.email, wrongPassword, secret), outcome.email).toBe(
          'refused',
        );
      }
    });

    it(`users whose password could not cross to ${peer.name} cannot sign in with it (they need a reset)`, async () => {
      const notCrossing = outcomes.filter(
        (outcome) => outcome.status !== 'failed' && !outcome.passwordCrosses,
      );
      // alan has no password at the source at all: there is always someone to check.
      expect(notCrossing.length).toBeGreaterThan(0);
      for (const outcome of notCrossing) {
        expect(
          await signInOutcome(target, outcome.email, originalPassword, secretOf(outcome.email)),
          outcome.email,
        ).toBe('refused');
      }
    });

    it(`factors that the manifests let cross are enrolled at ${peer.name}`, async (context) => {
      const crossing = outcomes.filter((outcome) => outcome.factorCrosses);
      context.skip(crossing.length === 0, `${peer.name} does not import TOTP secrets (manifest)`);
      for (const outcome of crossing) {
        const user = await target.users.findByEmail(outcome.email);
        if (!user) throw new Error(`${outcome.email} was not migrated`);
        const factors = await target.mfa.listFactors({ userId: user.id });
        expect(factors.filter((factor) => factor.type === 'totp' && factor.confirmed)).toHaveLength(1);
      }
    });
  });

  describe(`${peer.name} (${peer.standIn}) → local`, () => {
    const runId = `${peer.name}-to-local`;
    const emails = ['hedy@example.com', 'katherine@example.com', 'dorothy@example.com'];
    /** Base32 secrets of factors enrolled at the peer, by email. Never printed. */
    const secrets = new Map<string, string>();
    let source: IdentityProvider;
    let target: IdentityProvider;
    let state: MigrationStateStore;
    let outcomes: ExpectedUserOutcome[] = [];
    let plan: ExpectedPlan;
    let firstRun: MigrationResult;

    beforeAll(async () => {
      const tenant = await peer.freshTenant('to-local', directory);
      const vendor = await createIdentityProvider(tenant.config);
      try {
        for (const email of emails) {
          await vendor.users.create({ email, password: originalPassword, emailVerified: true });
        }
        // Dorothy uses an authenticator app at the vendor, where the adapter can enroll one.
        const canEnroll =
          supportsOperation(vendor.capabilities, 'mfa.enrollTotp') &&
          supportsOperation(vendor.capabilities, 'mfa.confirmEnrollment');
        if (canEnroll) {
          const signedIn = await vendor.auth.signIn({
            email: 'dorothy@example.com',
            password: originalPassword,
          });
          if (signedIn.status !== 'authenticated')
            throw new Error(`dorothy at ${peer.name}: ${signedIn.status}`);
          const subject = { userId: signedIn.user.id, accessToken: signedIn.tokens.accessToken };
          const enrollment = await vendor.mfa.enrollTotp({ ...subject, label: 'phone' });
          await vendor.mfa.confirmEnrollment({
            ...subject,
            factorId: enrollment.factorId,
            code: new TOTP({ secret: Secret.fromBase32(enrollment.secret) }).generate(),
          });
          secrets.set('dorothy@example.com', enrollment.secret);
        }
      } finally {
        await vendor.close();
      }
      source = await createIdentityProvider(await tenant.sourceConfig());
      target = await createIdentityProvider(localConfig(`from-${peer.name}`));
      state = createSqliteStateStore(join(directory, `${runId}-state.db`));
      ({ plan, outcomes } = expectedMigration(
        source,
        target,
        emails.map((email) => ({
          email,
          storedAlgorithm: 'vendor default',
          enrolledTotp: secrets.has(email),
          invalidField: null,
          existsAtTarget: false,
        })),
      ));
    });
    afterAll(async () => {
      state?.close();
      await source?.close();
      await target?.close();
    });

    it(`plans what ${peer.name}'s export and local's import allow, and writes nothing`, async () => {
      const planned = await planMigration({ from: source, to: target });
      expect(decidedPart(planned)).toEqual(plan);
      expect(await collect(target.users.list())).toEqual([]);
    });

    it('runs: every user exists once at local; a second run adds nothing', async () => {
      firstRun = await runMigration({ from: source, to: target, state, runId });
      expect(firstRun.counts).toEqual(expectedCounts(outcomes));
      expect(firstRun.passwordsImported).toBe(outcomes.filter((outcome) => outcome.passwordCrosses).length);
      expect(firstRun.factorsImported).toBe(outcomes.filter((outcome) => outcome.factorCrosses).length);
      const before = await expectExactlyOnce(target, emails);

      const again = await runMigration({ from: source, to: target, state, runId });
      expect(again).toMatchObject({ resumed: true, processedThisRun: 0, counts: firstRun.counts });
      const after = await expectExactlyOnce(target, emails);
      expect([...after.values()].map((user) => user.id).sort()).toEqual(
        [...before.values()].map((user) => user.id).sort(),
      );
    });

    it(`what the plan said about passwords holds at local`, async () => {
      for (const outcome of outcomes) {
        const secret = secrets.get(outcome.email) ?? null;
        const original = await signInOutcome(target, outcome.email, originalPassword, secret);
        if (outcome.passwordCrosses) {
          expect(original, outcome.email).toBe(expectedOriginalSignIn(outcome, target));
          expect(await signInOutcome(target, outcome.email, wrongPassword, secret), outcome.email).toBe(
            'refused',
          );
        } else {
          // The plan said "reset needed": the user exists at local without a password.
          expect(original, outcome.email).toBe('refused');
        }
      }
    });

    it('lists in the failures exactly the users whose password did not cross, for the reset mail', () => {
      const listed = state
        .failures(runId)
        .filter((failure) => failure.passwordLost)
        .map((failure) => failure.email)
        .sort();
      const withoutPassword = outcomes
        .filter((outcome) => !outcome.passwordCrosses)
        .map((outcome) => outcome.email)
        .sort();
      expect(listed).toEqual(withoutPassword);
    });
  });
}

for (const peer of peers) describePair(peer);
