import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collect, createPortableUser, type IdentityError, type IdentityEvent } from '@idport/core';
import BetterSqlite3 from 'better-sqlite3';
import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { openLocalDatabase } from './local-database';
import { createLocalProvider } from './local-provider';

const fast = { passwordHashing: { logN: 10, blockSize: 8, parallelization: 1 } };
const password = 'Correct-Horse-9-Battery!';
const temporaryFile = (name: string) => join(mkdtempSync(join(tmpdir(), 'idport-local-')), name);

async function signedIn(provider: Awaited<ReturnType<typeof createLocalProvider>>, email: string) {
  const result = await provider.auth.signIn({ email, password });
  if (result.status !== 'authenticated') throw new Error(result.status);
  return result;
}

describe('@idport/local', () => {
  it('hashes with the documented default scrypt cost (N = 2^17, r = 8, p = 1)', {
    timeout: 60_000,
  }, async () => {
    const database = temporaryFile('defaults.db');
    const provider = await createLocalProvider({ database });
    await provider.users.create({ email: 'ada@example.com', password });
    await provider.close();
    const row = new BetterSqlite3(database).prepare('SELECT password_hash FROM users').get() as {
      password_hash: string;
    };
    expect(row.password_hash).toMatch(/^\$scrypt\$ln=17,r=8,p=1\$/);
    const reopened = await createLocalProvider({ database });
    expect((await reopened.auth.signIn({ email: 'ada@example.com', password })).status).toBe('authenticated');
    await reopened.close();
  });

  it('keeps users, groups, factors and sessions across a restart (file mode)', async () => {
    const database = temporaryFile('restart.db');
    const first = await createLocalProvider({ ...fast, database });
    const user = await first.users.create({ email: 'grace@example.com', password });
    const group = await first.groups.create({ name: 'admins' });
    await first.groups.addMember({ groupId: group.id, userId: user.id });
    const { tokens } = await signedIn(first, 'grace@example.com');
    await first.close();

    const second = await createLocalProvider({ ...fast, database });
    expect((await second.users.get(user.id)).email).toBe('grace@example.com');
    expect((await second.groups.listForUser(user.id)).map((candidate) => candidate.name)).toEqual(['admins']);
    // Keys persisted too: a token issued before the restart still verifies, and refresh works.
    expect((await second.tokens.verifyAccessToken(tokens.accessToken)).groups).toEqual(['admins']);
    expect(
      (await second.auth.refresh({ refreshToken: tokens.refreshToken as string })).accessToken,
    ).toBeTruthy();
    await second.close();
  });

  it('opens a file written by schema version 1 and upgrades it in place', async () => {
    const database = temporaryFile('v1.db');
    const old = openLocalDatabase(database, { upToVersion: 1 });
    old
      .prepare(
        `INSERT INTO users (id, email, email_verified, attributes, enabled, confirmed, password_hash, created_at, updated_at)
         VALUES ('old-user', 'old@example.com', 1, '{}', 1, 1, NULL, 0, 0)`,
      )
      .run();
    expect(old.pragma('user_version', { simple: true })).toBe(1);
    old.close();

    const provider = await createLocalProvider({ ...fast, database });
    expect((await provider.users.get('old-user')).email).toBe('old@example.com');
    // Version 2 features work on the upgraded file: temporary passwords and lockout.
    await provider.users.setPassword('old-user', password, { temporary: true });
    expect((await provider.auth.signIn({ email: 'old@example.com', password })).status).toBe(
      'new_password_required',
    );
    await provider.close();
    expect(new BetterSqlite3(database).pragma('user_version', { simple: true })).toBe(3);
  });

  it('refuses a file written by a newer version instead of corrupting it', async () => {
    const database = temporaryFile('future.db');
    const future = new BetterSqlite3(database);
    future.pragma('user_version = 99');
    future.close();
    await expect(createLocalProvider({ ...fast, database })).rejects.toMatchObject({
      code: 'CONFIGURATION_ERROR',
      field: 'settings.database',
    });
  });

  it('gives users ids that sort in creation order, imported or created, so inserts append to the index', async () => {
    const provider = await createLocalProvider(fast);
    const created = [];
    for (let index = 0; index < 5; index += 1)
      created.push((await provider.users.create({ email: `order-${index}@example.com` })).id);
    const imported = await provider.transfer.importUsers(
      Array.from({ length: 5 }, (_, index) =>
        createPortableUser({ sourceId: `source-${index}`, email: `imported-${index}@example.com` }),
      ),
    );
    const ids = [...created, ...imported.map((outcome) => outcome.userId as string)];
    expect(new Set(ids).size).toBe(10);
    expect([...ids].sort()).toEqual(ids);
    await provider.close();
  });

  it('sizes the SQLite page cache from pageCacheKib and refuses a cache too small to work', async () => {
    const database = temporaryFile('cache.db');
    const provider = await createLocalProvider({ ...fast, database, pageCacheKib: 4096 });
    // The pragma is per connection, so the provider's own setting is read through a probe
    // that opens the same file the way the provider does.
    const probe = openLocalDatabase(database, { pageCacheKib: 4096 });
    expect(probe.pragma('cache_size', { simple: true })).toBe(-4096);
    probe.close();
    await provider.close();
    await expect(createLocalProvider({ ...fast, pageCacheKib: 16 })).rejects.toMatchObject({
      code: 'CONFIGURATION_ERROR',
      field: 'settings.pageCacheKib',
    });
  });

  it('locks out after repeated failures, for unknown emails exactly as for known ones', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const provider = await createLocalProvider({
      ...fast,
      lockout: { maxFailedAttempts: 3, lockSeconds: 60 },
      now: () => now,
    });
    await provider.users.create({ email: 'known@example.com', password });
    for (const email of ['known@example.com', 'unknown@example.com']) {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        await expect(provider.auth.signIn({ email, password: 'Wrong-Password-123' })).rejects.toMatchObject({
          code: 'INVALID_CREDENTIALS',
        });
      }
      const locked = (await provider.auth
        .signIn({ email, password })
        .catch((error: unknown) => error)) as IdentityError;
      expect(locked.code).toBe('TOO_MANY_ATTEMPTS');
      expect(locked.retryAfter).toBe(60);
    }
    now = new Date(now.getTime() + 61_000);
    expect((await provider.auth.signIn({ email: 'known@example.com', password })).status).toBe(
      'authenticated',
    );
    await provider.close();
  });

  it('expires access tokens with a bounded clock skew', async () => {
    let now = new Date();
    const provider = await createLocalProvider({ ...fast, accessTokenTtlSeconds: 60, now: () => now });
    await provider.users.create({ email: 'clock@example.com', password });
    const { tokens } = await signedIn(provider, 'clock@example.com');
    // The verifier itself reads the real clock; move the provider's clock back instead.
    now = new Date(Date.now() - 10 * 60_000);
    const { tokens: old } = await signedIn(provider, 'clock@example.com');
    await expect(provider.tokens.verifyAccessToken(old.accessToken)).rejects.toMatchObject({
      code: 'TOKEN_EXPIRED',
    });
    expect((await provider.tokens.verifyAccessToken(tokens.accessToken)).subject).toBeTruthy();
    await provider.close();
  });

  it('rotates signing keys without invalidating tokens signed before', async () => {
    const provider = await createLocalProvider(fast);
    await provider.users.create({ email: 'keys@example.com', password });
    const before = await signedIn(provider, 'keys@example.com');
    const oldKid = provider.local.jwks().keys[0]?.kid;
    await provider.local.rotateSigningKey();
    const after = await signedIn(provider, 'keys@example.com');
    const header = (token: string) =>
      JSON.parse(Buffer.from(token.split('.')[0] as string, 'base64url').toString());
    expect(header(after.tokens.accessToken).kid).not.toBe(oldKid);
    expect(provider.local.jwks().keys.map((key) => key.kid)).toContain(oldKid);
    expect((await provider.tokens.verifyAccessToken(before.tokens.accessToken)).subject).toBe(before.user.id);
    expect(JSON.stringify(provider.local.jwks())).not.toMatch(/"d":/);
    await provider.close();
  });

  it('makes sign-out take effect on access tokens at once', async () => {
    const provider = await createLocalProvider(fast);
    const user = await provider.users.create({ email: 'out@example.com', password });
    const { tokens } = await signedIn(provider, 'out@example.com');
    await provider.auth.signOut({ userId: user.id });
    await expect(provider.tokens.verifyAccessToken(tokens.accessToken)).rejects.toMatchObject({
      code: 'TOKEN_INVALID',
    });
    await provider.close();
  });

  it('ends an MFA challenge after five wrong codes', async () => {
    const provider = await createLocalProvider(fast);
    const user = await provider.users.create({ email: 'mfa@example.com', password });
    const enrollment = await provider.mfa.enrollTotp({ userId: user.id });
    const totp = new TOTP({ secret: Secret.fromBase32(enrollment.secret) });
    await provider.mfa.confirmEnrollment({
      userId: user.id,
      factorId: enrollment.factorId,
      code: totp.generate(),
    });
    const challenge = await provider.auth.signIn({ email: 'mfa@example.com', password });
    if (challenge.status !== 'mfa_required') throw new Error(challenge.status);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await expect(
        provider.auth.completeMfa({ challenge: challenge.challenge, code: '000000' }),
      ).rejects.toMatchObject({
        code: 'INVALID_MFA_CODE',
      });
    }
    const next = totp.generate({ timestamp: Date.now() + 30_000 });
    await expect(
      provider.auth.completeMfa({ challenge: challenge.challenge, code: next }),
    ).rejects.toMatchObject({
      code: 'MFA_CHALLENGE_EXPIRED',
    });
    await provider.close();
  });

  it('emits audit events that carry no secret', async () => {
    const events: IdentityEvent[] = [];
    const provider = await createLocalProvider({ ...fast }, { onEvent: (event) => void events.push(event) });
    await provider.users.create({ email: 'audit@example.com', password });
    const { tokens } = await signedIn(provider, 'audit@example.com');
    await provider.auth
      .signIn({ email: 'audit@example.com', password: 'Wrong-Password-123' })
      .catch(() => undefined);
    await provider.auth.refresh({ refreshToken: tokens.refreshToken as string });
    expect(events.map((event) => event.type)).toEqual([
      'user.created',
      'sign_in.succeeded',
      'sign_in.failed',
      'token.refreshed',
    ]);
    const serialized = JSON.stringify(events);
    for (const secret of [
      password,
      'Wrong-Password-123',
      tokens.accessToken,
      tokens.refreshToken as string,
    ]) {
      expect(serialized).not.toContain(secret);
    }
    await provider.close();
  });

  it('leaves whole users only when the process is killed in the middle of an import', async () => {
    const database = temporaryFile('crash.db');
    const worker = fileURLToPath(new URL('../test-fixtures/import-worker.mjs', import.meta.url));
    const child = spawn(process.execPath, [worker, database], { stdio: ['ignore', 'pipe', 'inherit'] });
    // Kill once the worker reports progress, i.e. mid-way through its writes.
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('progress')) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((resolve) => child.on('exit', resolve));
    const raw = new BetterSqlite3(database);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    const counts = raw
      .prepare(
        'SELECT u.id, (SELECT COUNT(*) FROM mfa_factors f WHERE f.user_id = u.id) AS factors FROM users u',
      )
      .all() as { factors: number }[];
    raw.close();
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.every((row) => row.factors === 1)).toBe(true);
    const provider = await createLocalProvider({ ...fast, database });
    expect((await collect(provider.users.list({ pageSize: 1000 }))).length).toBe(counts.length);
    await provider.close();
  });
});
