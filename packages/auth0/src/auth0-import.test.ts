import { pbkdf2Sync, randomBytes } from 'node:crypto';
import type { IdentityProvider, PortableUser } from '@idport/core';
import { createAuth0Fake } from '@idport/fakes';
import { createPortableHash, type PasswordHashSpecification } from '@idport/password-hashes';
import { bcrypt } from 'hash-wasm';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth0Capabilities } from './auth0-capabilities';
import { createAuth0Provider } from './auth0-provider';
import { createAuth0RewritingFetch } from './auth0-rewriting-fetch';

// Real SDKs against the spec-checked fake with Auth0's paid-tier rate budgets (the default).
const fake = createAuth0Fake({ tenant: { bcryptCost: 4 }, jobDelayMs: 10 });
let provider: IdentityProvider;

beforeAll(async () => {
  await fake.start();
  const [app, m2m] = fake.settings.applications;
  provider = createAuth0Provider({
    domain: fake.domain,
    clientId: app?.clientId as string,
    clientSecret: app?.clientSecret as string,
    audience: fake.settings.apiAudience,
    connectionId: fake.settings.connection.id,
    management: { clientId: m2m?.clientId as string, clientSecret: m2m?.clientSecret as string },
    fetch: createAuth0RewritingFetch(fake.domain, fake.url),
    jobPollIntervalMs: 20,
  });
});
afterAll(async () => {
  const stats = fake.server.stats();
  // Figures for the report: how much traffic the spec checker saw and what the budgets did.
  console.log(
    `auth0 fake (import): ${stats.requests} requests, ${stats.validatedPairs} request/response pairs validated ` +
      `(${JSON.stringify(stats.validatedPairsByDocument)}), uncovered ${JSON.stringify(stats.uncoveredCalls)}, ` +
      `${stats.violations} violations, ${stats.rateLimited} answered 429`,
  );
  await provider.close();
  await fake.stop();
});

const b64 = (buffer: Buffer) => buffer.toString('base64').replace(/=+$/, '');

function portable(index: number, overrides: Partial<PortableUser>): PortableUser {
  return {
    sourceId: `legacy-${index}-${randomBytes(4).toString('hex')}`,
    email: `bulk-${index}-${randomBytes(3).toString('hex')}@example.com`,
    emailVerified: true,
    phoneNumber: null,
    givenName: `User${index}`,
    familyName: null,
    displayName: null,
    enabled: true,
    createdAt: null,
    attributes: { plan: 'basic' },
    groups: [],
    passwordHash: null,
    mfaFactors: [],
    ...overrides,
  };
}

async function runLimited<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next] as T;
        next += 1;
        await work(item);
      }
    }),
  );
}

describe('bulk import through Auth0 import jobs', () => {
  it('imports 5,000 users with bcrypt and pbkdf2 hashes who then sign in with their original passwords', async () => {
    const passwords = new Map<string, string>();
    const users: PortableUser[] = [];
    for (let index = 0; index < 5000; index += 1) {
      const password = `Original-${index}-${randomBytes(4).toString('hex')}`;
      let phc: string;
      let algorithm: 'bcrypt' | 'pbkdf2-sha256';
      if (index % 2 === 0) {
        // Cost 4 keeps 5,000 hashes quick; Auth0 verifies any cost the same way.
        algorithm = 'bcrypt';
        phc = await bcrypt({ password, salt: randomBytes(16), costFactor: 4, outputType: 'encoded' });
      } else {
        algorithm = 'pbkdf2-sha256';
        const salt = randomBytes(16);
        phc = `$pbkdf2-sha256$i=1000,l=32$${b64(salt)}$${b64(pbkdf2Sync(password, salt, 1000, 32, 'sha256'))}`;
      }
      const user = portable(index, { passwordHash: { algorithm, phc } });
      passwords.set(user.email, password);
      users.push(user);
    }

    const importStarted = performance.now();
    const outcomes = await provider.transfer.importUsers(users);
    const importSeconds = (performance.now() - importStarted) / 1000;
    expect(outcomes).toHaveLength(5000);
    expect(outcomes.filter((outcome) => outcome.status === 'created')).toHaveLength(5000);
    expect(outcomes.every((outcome) => outcome.passwordImported)).toBe(true);
    // 500 KB files, at most two jobs at a time.
    const jobs = [...fake.tenant().jobs.values()].filter((job) => job.type === 'users_import');
    expect(jobs.length).toBeGreaterThanOrEqual(3);

    let signedIn = 0;
    const signInStarted = performance.now();
    await runLimited(users, 8, async (user) => {
      const result = await provider.auth.signIn({
        email: user.email,
        password: passwords.get(user.email) as string,
      });
      expect(result.status).toBe('authenticated');
      signedIn += 1;
    });
    expect(signedIn).toBe(5000);
    const signInSeconds = (performance.now() - signInStarted) / 1000;
    // Figures for the report, never asserted.
    console.log(
      `5,000 users: import ${importSeconds.toFixed(1)} s (${jobs.length} jobs), sign-in of all ${signInSeconds.toFixed(1)} s ` +
        `(${(5000 / signInSeconds).toFixed(0)}/s, 8 concurrent, fake and SDKs in one process)`,
    );
    // A wrong password still fails for an imported user.
    await expect(
      provider.auth.signIn({ email: users[1]?.email as string, password: 'Wrong-password-1' }),
    ).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    expect(fake.server.takeViolations()).toEqual([]);
  }, 300_000);

  it('imports a TOTP secret: the user is asked for the second factor and passes with the old authenticator', async () => {
    const secret = new Secret({ size: 20 }).base32;
    const password = 'Original-Totp-9!';
    const user = portable(99_999, {
      passwordHash: {
        algorithm: 'bcrypt',
        phc: await bcrypt({ password, salt: randomBytes(16), costFactor: 4, outputType: 'encoded' }),
      },
      mfaFactors: [{ type: 'totp', secret, label: 'phone' }],
    });
    const [outcome] = await provider.transfer.importUsers([user]);
    expect(outcome?.factorsImported).toBe(1);
    const first = await provider.auth.signIn({ email: user.email, password });
    expect(first.status).toBe('mfa_required');
    if (first.status !== 'mfa_required') return;
    expect(first.factors.map((factor) => factor.type)).toContain('totp');
    const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate();
    const done = await provider.auth.completeMfa({ challenge: first.challenge, code });
    expect(done.status).toBe('authenticated');
    expect(fake.server.takeViolations()).toEqual([]);
  });

  it('reports hashes Auth0 cannot verify as a warning, and re-running an import skips, never duplicates', async () => {
    const user = portable(123_456, {
      passwordHash: { algorithm: 'firebase-scrypt', phc: '$firebase-scrypt$abc$def' },
    });
    const [first] = await provider.transfer.importUsers([user]);
    expect(first?.status).toBe('created');
    expect(first?.passwordImported).toBe(false);
    expect(first?.warnings.join(' ')).toContain('firebase-scrypt');
    const [again] = await provider.transfer.importUsers([user]);
    expect(again?.status).toBe('skipped');
    const matches = [...fake.tenant().users.values()].filter((candidate) => candidate.email === user.email);
    expect(matches).toHaveLength(1);
  });
});

describe('listing past the 1000-result cap', () => {
  it('lists every user exactly once across query windows, ties in creation time included', async () => {
    const expected = new Set([...fake.tenant().users.keys()]);
    expect(expected.size).toBeGreaterThan(5000);
    const seen = new Map<string, number>();
    let pages = 0;
    for await (const page of provider.users.list({ pageSize: 100 }).pages()) {
      pages += 1;
      for (const user of page.items) seen.set(user.id, (seen.get(user.id) ?? 0) + 1);
    }
    expect([...seen.values()].every((times) => times === 1)).toBe(true);
    expect(new Set(seen.keys())).toEqual(expected);
    expect(pages).toBeGreaterThan(50);
    expect(fake.server.takeViolations()).toEqual([]);
  }, 120_000);
});

describe('every importable hash algorithm', () => {
  const password = 'Carried-Over-Password-7';
  const key = randomBytes(32);
  // The canonical PHC forms of @idport/password-hashes, the form every adapter exports.
  const specifications: Record<string, PasswordHashSpecification> = {
    bcrypt: { algorithm: 'bcrypt', version: '2b', cost: 4 },
    argon2id: { algorithm: 'argon2id', version: 19, memoryKib: 1024, iterations: 2, parallelism: 1 },
    argon2i: { algorithm: 'argon2i', version: 19, memoryKib: 1024, iterations: 2, parallelism: 1 },
    'pbkdf2-sha1': { algorithm: 'pbkdf2-sha1', iterations: 1000 },
    'pbkdf2-sha256': { algorithm: 'pbkdf2-sha256', iterations: 1000 },
    'pbkdf2-sha512': { algorithm: 'pbkdf2-sha512', iterations: 1000 },
    scrypt: { algorithm: 'scrypt', logN: 10, blockSize: 8, parallelization: 1 },
    md5: { algorithm: 'md5', saltPosition: 'prefix' },
    sha1: { algorithm: 'sha1', saltPosition: 'suffix' },
    sha256: { algorithm: 'sha256', saltPosition: 'prefix', salt: Buffer.alloc(0) },
    sha512: { algorithm: 'sha512', saltPosition: 'suffix' },
    'hmac-md5': { algorithm: 'hmac-md5', key, saltPosition: 'prefix' },
    'hmac-sha1': { algorithm: 'hmac-sha1', key, saltPosition: 'suffix' },
    'hmac-sha256': { algorithm: 'hmac-sha256', key, saltPosition: 'prefix' },
    'hmac-sha512': { algorithm: 'hmac-sha512', key, saltPosition: 'suffix', salt: Buffer.alloc(0) },
  };

  it('covers the whole manifest', () => {
    expect(Object.keys(specifications).sort()).toEqual(
      [...auth0Capabilities.passwordHashes.importable].sort(),
    );
  });

  for (const algorithm of auth0Capabilities.passwordHashes.importable) {
    it(`${algorithm}: imported through a job, the user signs in with the original password`, async () => {
      const hash = await createPortableHash(password, specifications[algorithm] as PasswordHashSpecification);
      const user = portable(7_000, { passwordHash: hash });
      const [outcome] = await provider.transfer.importUsers([user]);
      expect(outcome?.passwordImported).toBe(true);
      await expect(
        provider.auth.signIn({ email: user.email, password: `${password}x` }),
      ).rejects.toMatchObject({
        code: 'INVALID_CREDENTIALS',
      });
      expect((await provider.auth.signIn({ email: user.email, password })).status).toBe('authenticated');
      expect(fake.server.takeViolations()).toEqual([]);
    });
  }
});
