import { createHash, randomBytes, scryptSync } from 'node:crypto';
import {
  collect,
  createPortableUser,
  IdentityError,
  type IdentityProvider,
  type PortableUser,
} from '@idport/core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createEmulatorProvider, emulatorBackdoor } from './__fixtures__/firebase-test-environment';

const host = inject('firebaseEmulatorHost');
const backdoor = emulatorBackdoor(host);
const password = 'Correct-Horse-9-Battery!';

let provider: IdentityProvider;

function portable(sourceId: string, overrides: Partial<PortableUser> = {}): PortableUser {
  return createPortableUser({
    sourceId,
    email: `${sourceId}@example.com`,
    emailVerified: true,
    ...overrides,
  });
}

const b64 = (buffer: Buffer) => buffer.toString('base64').replace(/=+$/, '');

function scryptPhc(secret: string): string {
  const salt = randomBytes(16);
  return `$scrypt$ln=14,r=8,p=1$${b64(salt)}$${b64(scryptSync(secret, salt, 32, { N: 2 ** 14, r: 8, p: 1 }))}`;
}

function sha256Phc(secret: string): string {
  const salt = randomBytes(8);
  return `$sha256$r=1$${b64(salt)}$${b64(
    createHash('sha256')
      .update(Buffer.concat([salt, Buffer.from(secret)]))
      .digest(),
  )}`;
}

describe.skipIf(!host)('firebase transfer against the Auth emulator', () => {
  beforeAll(() => {
    provider = createEmulatorProvider(host);
  });
  afterAll(async () => {
    await provider.close();
  });
  beforeEach(async () => {
    await backdoor.reset();
  });

  it('imports profile, claims, groups, SMS factors and hashes of several algorithms', async () => {
    const createdAt = new Date('2020-01-02T03:04:05Z');
    const users = [
      portable('bcrypt-user', {
        givenName: 'Bea',
        familyName: 'Crypt',
        displayName: 'Bea Crypt',
        phoneNumber: '+15555550150',
        createdAt,
        attributes: { plan: 'pro' },
        groups: ['admins', 'ops'],
        passwordHash: { algorithm: 'bcrypt', phc: `$2b$10$${'a'.repeat(53)}` },
        mfaFactors: [
          { type: 'sms', phoneNumber: '+15555550151' },
          { type: 'totp', secret: 'JBSWY3DPEHPK3PXP', label: 'phone app' },
        ],
      }),
      portable('scrypt-user', { passwordHash: { algorithm: 'scrypt', phc: scryptPhc(password) } }),
      portable('sha-user', {
        passwordHash: { algorithm: 'sha256', phc: sha256Phc(password) },
        enabled: false,
      }),
      portable('argon-user', {
        passwordHash: { algorithm: 'argon2id', phc: '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA' },
      }),
    ];
    const outcomes = await provider.transfer.importUsers(users);
    expect(outcomes.map((outcome) => [outcome.sourceId, outcome.status, outcome.passwordImported])).toEqual([
      ['bcrypt-user', 'created', true],
      ['scrypt-user', 'created', true],
      ['sha-user', 'created', true],
      ['argon-user', 'created', false],
    ]);
    expect(outcomes[0]).toMatchObject({ userId: 'bcrypt-user', factorsImported: 1 });
    expect(outcomes[0]?.warnings.join()).toContain('non-SMS second factor');
    expect(outcomes[3]?.warnings.join()).toContain('argon2id');
    expect(JSON.stringify(outcomes)).not.toContain('argon2id$v=19');

    const imported = await provider.users.get('bcrypt-user');
    expect(imported).toMatchObject({
      email: 'bcrypt-user@example.com',
      givenName: 'Bea',
      familyName: 'Crypt',
      displayName: 'Bea Crypt',
      phoneNumber: '+15555550150',
      attributes: { plan: 'pro' },
      createdAt,
    });
    expect((await provider.groups.listForUser('bcrypt-user')).map((group) => group.id)).toEqual([
      'admins',
      'ops',
    ]);
    expect(await provider.mfa.listFactors({ userId: 'bcrypt-user' })).toHaveLength(1);
    expect((await provider.users.get('sha-user')).enabled).toBe(false);
    // The emulator stores imported hashes but never checks them (declared quirk): the
    // original password does not work there, it does in production.
    const error = await provider.auth
      .signIn({ email: 'scrypt-user@example.com', password })
      .catch((caught) => caught);
    expect(IdentityError.isInstance(error) && error.code).toBe('INVALID_CREDENTIALS');
  });

  it('skips existing users by default, fails them on request, and a re-run creates nothing twice', async () => {
    await provider.users.create({ email: 'taken@example.com' });
    const users = [
      portable('fresh'),
      portable('taken'),
      portable('fresh-dup', { email: 'fresh@example.com' }),
    ];
    const first = await provider.transfer.importUsers(users);
    expect(first.map((outcome) => outcome.status)).toEqual(['created', 'skipped', 'skipped']);
    const again = await provider.transfer.importUsers(users, { onConflict: 'fail' });
    expect(again.map((outcome) => [outcome.status, outcome.errorCode])).toEqual([
      ['failed', 'USER_ALREADY_EXISTS'],
      ['failed', 'USER_ALREADY_EXISTS'],
      ['failed', 'USER_ALREADY_EXISTS'],
    ]);
    expect(await collect(provider.users.list())).toHaveLength(2);
  });

  it('imports in several calls and reports each user of each call at its own index', async () => {
    // 1205 users with creation times: more than one call in production (1000 each) and on
    // the emulator (250 each, decision 0207). One user the emulator refuses (an SMS factor
    // without a verified email) sits in a later call: its outcome must land at its index.
    const refused = 1101;
    const users = Array.from({ length: 1205 }, (_, index) =>
      portable(`bulk-${index}`, {
        createdAt: new Date(Date.UTC(2019, 0, 1) + index * 60_000),
        ...(index % 2 ? { passwordHash: { algorithm: 'bcrypt', phc: `$2a$10$${'b'.repeat(53)}` } } : {}),
        ...(index === refused
          ? { emailVerified: false, mfaFactors: [{ type: 'sms' as const, phoneNumber: '+15555550170' }] }
          : {}),
      }),
    );
    const outcomes = await provider.transfer.importUsers(users);
    expect(outcomes.map((outcome) => outcome.sourceId)).toEqual(users.map((user) => user.sourceId));
    expect(outcomes.filter((outcome) => outcome.status === 'created')).toHaveLength(1204);
    expect(outcomes[refused]).toMatchObject({ status: 'failed', userId: null, passwordImported: false });
    expect(outcomes.filter((outcome) => outcome.passwordImported)).toHaveLength(601);
    const last = await provider.users.get('bulk-1204');
    expect(last.createdAt?.toISOString()).toBe(new Date(Date.UTC(2019, 0, 1) + 1204 * 60_000).toISOString());
    let count = 0;
    for await (const page of provider.users.list({ pageSize: 1000 }).pages()) count += page.items.length;
    expect(count).toBe(1204);
  });

  it('exports users with claims, groups and SMS factors, and never the emulator fake hash', async () => {
    const user = await provider.users.create({
      email: 'out@example.com',
      password,
      emailVerified: true,
      givenName: 'Out',
      attributes: { tier: 2 },
      providerOptions: { firebase: { mfaPhoneNumbers: ['+15555550160'] } },
    });
    await provider.groups.addMember({ groupId: 'ops', userId: user.id });
    const exported = await collect(provider.transfer.exportUsers());
    expect(exported).toEqual([
      expect.objectContaining({
        sourceId: user.id,
        email: 'out@example.com',
        givenName: 'Out',
        attributes: { tier: 2 },
        groups: ['ops'],
        mfaFactors: [{ type: 'sms', phoneNumber: '+15555550160' }],
        passwordHash: null,
      }),
    ]);
    expect(JSON.stringify(exported)).not.toContain(password);
    expect(provider.capabilities.passwordHashes.exportable).toEqual([]);
  });

  it('round-trips users into another provider configuration (export → import)', async () => {
    await provider.users.create({ email: 'rt@example.com', givenName: 'Round', attributes: { a: 'b' } });
    const exported = await collect(provider.transfer.exportUsers());
    await backdoor.reset();
    const outcomes = await provider.transfer.importUsers(exported);
    expect(outcomes[0]?.status).toBe('created');
    expect(await provider.users.get(exported[0]?.sourceId as string)).toMatchObject({
      email: 'rt@example.com',
      givenName: 'Round',
      attributes: { a: 'b' },
    });
  });
});
