import { randomUUID } from 'node:crypto';
import { collect, type PortableUser } from '@idport/core';
import { afterAll, describe, expect, it } from 'vitest';
import { expectCode } from './test-support/expect-code';
import { testPassword, testProvider, uniqueEmail } from './test-support/test-provider';
import { totpCode } from './test-support/totp-code';

const source = testProvider('emailPool');
const target = testProvider('usernamePool');
afterAll(async () => {
  await source.close();
  await target.close();
});

function portable(overrides: Partial<PortableUser> = {}): PortableUser {
  return {
    sourceId: `source-${randomUUID()}`,
    email: uniqueEmail('import'),
    emailVerified: true,
    phoneNumber: null,
    givenName: 'Imported',
    familyName: null,
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

describe('transfer against cognito-local', () => {
  it('exports attributes and groups, never a hash, and says so in the manifest', async () => {
    expect(source.capabilities.passwordHashes.exportable).toEqual([]);
    expect(source.capabilities.totpSecrets.exportable).toBe(false);
    const group = `export-${randomUUID().slice(0, 8)}`;
    await source.groups.create({ name: group });
    const email = uniqueEmail('export');
    const user = await source.users.create({
      email,
      password: testPassword,
      emailVerified: true,
      givenName: 'Export',
      attributes: { plan: 'pro' },
    });
    await source.groups.addMember({ groupId: group, userId: user.id });
    // A TOTP factor cannot leave Cognito: the export has no factor for it.
    const signedIn = await source.auth.signIn({ email, password: testPassword });
    if (signedIn.status !== 'authenticated') throw new Error('not authenticated');
    const enrollment = await source.mfa.enrollTotp({
      userId: user.id,
      accessToken: signedIn.tokens.accessToken,
    });
    await source.mfa.confirmEnrollment({
      userId: user.id,
      accessToken: signedIn.tokens.accessToken,
      factorId: 'totp',
      code: totpCode(enrollment.secret),
    });
    const exported = (await collect(source.transfer.exportUsers({ pageSize: 60 }))).find(
      (candidate) => candidate.sourceId === user.id,
    );
    expect(exported).toMatchObject({
      sourceId: user.id,
      email,
      emailVerified: true,
      givenName: 'Export',
      enabled: true,
      attributes: { plan: 'pro' },
      groups: [group],
      passwordHash: null,
      mfaFactors: [],
    });
    expect(JSON.stringify(exported)).not.toContain(enrollment.secret);
  });

  it('imports users without an invitation, with groups and the disabled flag, and reports what was dropped', async () => {
    const group = `import-${randomUUID().slice(0, 8)}`;
    const users = [
      portable({ groups: [group], attributes: { plan: 'team' } }),
      portable({
        enabled: false,
        groups: [group],
        passwordHash: {
          algorithm: 'bcrypt',
          phc: '$2b$10$abcdefghijklmnopqrstuuJ8Cz0u9ySOqPQZq2kVY8rrTQmXVn3IO',
        },
        mfaFactors: [{ type: 'totp', secret: 'JBSWY3DPEHPK3PXP', label: null }],
      }),
    ];
    const outcomes = await target.transfer.importUsers(users);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['created', 'created']);
    expect(outcomes.every((outcome) => outcome.passwordImported === false)).toBe(true);
    expect(outcomes[1]!.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/password hash \(bcrypt\) not imported/),
        expect.stringMatching(/MFA factors \(totp\) not imported/),
      ]),
    );
    const first = await target.users.get(outcomes[0]!.userId!);
    expect(first).toMatchObject({
      email: users[0]!.email,
      givenName: 'Imported',
      attributes: { plan: 'team' },
    });
    expect((await target.users.get(outcomes[1]!.userId!)).enabled).toBe(false);
    expect((await target.groups.listForUser(outcomes[0]!.userId!)).map((listed) => listed.id)).toEqual([
      group,
    ]);
    expect((await target.groups.listForUser(outcomes[1]!.userId!)).map((listed) => listed.id)).toEqual([
      group,
    ]);
    // Nobody knows the imported users' passwords: they must reset.
    await expectCode(
      target.auth.signIn({ email: users[0]!.email, password: '123456' }),
      'INVALID_CREDENTIALS',
    );
  });

  it('skips an existing email by default, and fails it when asked', async () => {
    const email = uniqueEmail('conflict');
    const existing = await target.users.create({ email });
    const [skipped] = await target.transfer.importUsers([portable({ email })]);
    expect(skipped).toMatchObject({ status: 'skipped', userId: existing.id });
    const [failed] = await target.transfer.importUsers([portable({ email })], { onConflict: 'fail' });
    expect(failed).toMatchObject({ status: 'failed', errorCode: 'USER_ALREADY_EXISTS', userId: null });
  });

  it('moves users from one pool to another', async () => {
    const email = uniqueEmail('move');
    await source.users.create({ email, givenName: 'Mover', emailVerified: true });
    const exported = (await collect(source.transfer.exportUsers())).filter((user) => user.email === email);
    const [outcome] = await target.transfer.importUsers(exported);
    expect(outcome).toMatchObject({ status: 'created' });
    expect(await target.users.findByEmail(email)).toMatchObject({ givenName: 'Mover', emailVerified: true });
  });
});
