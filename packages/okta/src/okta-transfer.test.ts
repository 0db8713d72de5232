import { createHash, pbkdf2Sync, randomBytes, randomUUID } from 'node:crypto';
import type { PortableUser } from '@idport/core';
import { bcrypt } from 'hash-wasm';
import { describe, expect, it } from 'vitest';
import { failOnSpecViolations, testSettings } from './__fixtures__/okta-test-settings';
import { toOktaPasswordHash } from './okta-password-hash';
import { createOktaProvider } from './okta-provider';

failOnSpecViolations();

const password = 'Imported-Pass-42';
const phcBase64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');

function portable(overrides: Partial<PortableUser>): PortableUser {
  return {
    sourceId: `source-${randomUUID()}`,
    email: `import-${randomUUID()}@example.com`,
    emailVerified: true,
    phoneNumber: null,
    givenName: 'Imported',
    familyName: 'User',
    displayName: null,
    enabled: true,
    createdAt: null,
    attributes: {},
    groups: [],
    passwordHash: null,
    mfaFactors: [],
    ...overrides,
  };
}

async function hashes(): Promise<[string, PortableUser['passwordHash']][]> {
  const salt = randomBytes(16);
  const bcryptHash = await bcrypt({ password, salt: randomBytes(16), costFactor: 10, outputType: 'encoded' });
  return [
    ['bcrypt', { algorithm: 'bcrypt', phc: bcryptHash }],
    [
      'pbkdf2-sha256',
      {
        algorithm: 'pbkdf2-sha256',
        phc: `$pbkdf2-sha256$i=4096,l=32$${phcBase64(salt)}$${phcBase64(pbkdf2Sync(password, salt, 4096, 32, 'sha256'))}`,
      },
    ],
    [
      'pbkdf2-sha512',
      {
        algorithm: 'pbkdf2-sha512',
        phc: `$pbkdf2-sha512$i=5000$${phcBase64(salt)}$${phcBase64(pbkdf2Sync(password, salt, 5000, 64, 'sha512'))}`,
      },
    ],
    [
      'sha256 (salt first)',
      {
        algorithm: 'sha256',
        phc: `$sha256$${phcBase64(salt)}$${phcBase64(
          createHash('sha256')
            .update(Buffer.concat([salt, Buffer.from(password)]))
            .digest(),
        )}`,
      },
    ],
    [
      'sha512 (salt last)',
      {
        algorithm: 'sha512',
        phc: `$sha512$so=postfix$${phcBase64(salt)}$${phcBase64(
          createHash('sha512')
            .update(Buffer.concat([Buffer.from(password), salt]))
            .digest(),
        )}`,
      },
    ],
    [
      'sha1',
      {
        algorithm: 'sha1',
        phc: `$sha1$${phcBase64(salt)}$${phcBase64(
          createHash('sha1')
            .update(Buffer.concat([salt, Buffer.from(password)]))
            .digest(),
        )}`,
      },
    ],
    [
      'md5 (unsalted)',
      { algorithm: 'md5', phc: `$md5$$${phcBase64(createHash('md5').update(password).digest())}` },
    ],
  ];
}

describe('okta transfer: password hash import', () => {
  it('imports every declared hash family so the old password signs in, and the wrong one does not', async () => {
    const provider = createOktaProvider(testSettings());
    for (const [name, passwordHash] of await hashes()) {
      const user = portable({ passwordHash });
      const [outcome] = await provider.transfer.importUsers([user]);
      expect(outcome, name).toMatchObject({ status: 'created', passwordImported: true, warnings: [] });
      const signedIn = await provider.auth.signIn({ email: user.email, password });
      expect(signedIn.status, name).toBe('authenticated');
      await expect(
        provider.auth.signIn({ email: user.email, password: `${password}x` }),
        name,
      ).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    }
  });

  it('creates the user without a password (STAGED, no email) and warns when a hash cannot cross', async () => {
    const provider = createOktaProvider(testSettings());
    const weak = portable({
      passwordHash: { algorithm: 'pbkdf2-sha256', phc: '$pbkdf2-sha256$i=1000$c2FsdA$aGFzaA' },
    });
    const scrypt = portable({
      passwordHash: { algorithm: 'scrypt', phc: '$scrypt$ln=15,r=8,p=1$c2FsdA$aGFzaA' },
    });
    const outcomes = await provider.transfer.importUsers([weak, scrypt]);
    expect(outcomes.map((outcome) => outcome.passwordImported)).toEqual([false, false]);
    expect(outcomes[0]?.warnings.join(' ')).toContain('4096');
    expect(outcomes[1]?.warnings.join(' ')).toContain('scrypt');
    const staged = await provider.users.get(outcomes[0]?.userId as string);
    expect((staged.raw as { status: string }).status).toBe('STAGED');
  });

  it('suspends imported users that were disabled at the source, adds existing groups and warns about missing ones and TOTP secrets', async () => {
    const provider = createOktaProvider(testSettings());
    const group = await provider.groups.create({ name: `imported-${randomUUID().slice(0, 8)}` });
    const passwordHash = (await hashes())[1]?.[1] ?? null;
    const user = portable({
      enabled: false,
      passwordHash,
      groups: [group.name, 'no-such-group'],
      mfaFactors: [{ type: 'totp', secret: 'JBSWY3DPEHPK3PXP', label: null }],
    });
    const [outcome] = await provider.transfer.importUsers([user]);
    expect(outcome?.status).toBe('created');
    expect(outcome?.factorsImported).toBe(0);
    expect(outcome?.warnings.join(' ')).toContain('no-such-group');
    expect(outcome?.warnings.join(' ')).toContain('TOTP');
    expect((await provider.users.get(outcome?.userId as string)).enabled).toBe(false);
    expect((await provider.groups.listForUser(outcome?.userId as string)).map((g) => g.name)).toEqual([
      group.name,
    ]);
    const exported = [];
    for await (const candidate of provider.transfer.exportUsers({ pageSize: 200 }))
      if (candidate.sourceId === outcome?.userId) exported.push(candidate);
    expect(exported[0]).toMatchObject({
      groups: [group.name],
      passwordHash: null,
      mfaFactors: [],
      enabled: false,
    });
  });
});

describe('toOktaPasswordHash', () => {
  it('splits bcrypt into workFactor, 22-character salt and 31-character value', async () => {
    const encoded = await bcrypt({ password, salt: randomBytes(16), costFactor: 11, outputType: 'encoded' });
    const conversion = toOktaPasswordHash({ algorithm: 'bcrypt', phc: encoded });
    expect(conversion).toEqual({
      hash: { algorithm: 'BCRYPT', workFactor: 11, salt: encoded.slice(7, 29), value: encoded.slice(29) },
    });
  });

  it('refuses PBKDF2-SHA1, short iteration counts and malformed strings with a reason', () => {
    expect(
      toOktaPasswordHash({ algorithm: 'pbkdf2-sha1', phc: '$pbkdf2-sha1$i=5000$c2FsdA$aGFzaA' }),
    ).toHaveProperty('reason');
    expect(
      toOktaPasswordHash({ algorithm: 'pbkdf2-sha256', phc: '$pbkdf2-sha256$i=10$c2FsdA$aGFzaA' }),
    ).toHaveProperty('reason');
    expect(toOktaPasswordHash({ algorithm: 'bcrypt', phc: 'not-bcrypt' })).toHaveProperty('reason');
    expect(toOktaPasswordHash({ algorithm: 'sha256', phc: '$sha256$%%%$aGFzaA' })).toHaveProperty('reason');
  });
});
