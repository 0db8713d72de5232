import { collect } from '@idport/core';
import { afterAll, describe, expect, it } from 'vitest';
import { expectCode } from './test-support/expect-code';
import { testPassword, testProvider, uniqueEmail } from './test-support/test-provider';

describe.each(['emailPool', 'usernamePool'] as const)('users against cognito-local (%s)', (pool) => {
  const provider = testProvider(pool);
  afterAll(() => provider.close());

  it('creates, reads, finds by email and deletes a user', async () => {
    const email = uniqueEmail('crud');
    const created = await provider.users.create({
      email,
      password: testPassword,
      emailVerified: true,
      phoneNumber: '+14155550100',
      givenName: 'Grace',
      familyName: 'Hopper',
      displayName: 'Grace Hopper',
      attributes: { plan: 'pro' },
    });
    expect(created).toMatchObject({
      email,
      emailVerified: true,
      phoneNumber: '+14155550100',
      givenName: 'Grace',
      familyName: 'Hopper',
      displayName: 'Grace Hopper',
      enabled: true,
      attributes: { plan: 'pro' },
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(JSON.stringify(created.raw)).not.toContain(testPassword);
    expect(await provider.users.get(created.id)).toMatchObject({ id: created.id, email });
    expect((await provider.users.findByEmail(email))?.id).toBe(created.id);
    await provider.users.delete(created.id);
    await expectCode(provider.users.get(created.id), 'USER_NOT_FOUND');
    expect(await provider.users.findByEmail(email)).toBeNull();
    await expectCode(provider.users.delete(created.id), 'USER_NOT_FOUND');
  });

  it('refuses a duplicate email with USER_ALREADY_EXISTS', async () => {
    const email = uniqueEmail('dup');
    await provider.users.create({ email });
    await expectCode(provider.users.create({ email }), 'USER_ALREADY_EXISTS');
  });

  it('creates a user without a password who cannot sign in with any guess', async () => {
    const email = uniqueEmail('nopassword');
    await provider.users.create({ email });
    // cognito-local would otherwise use its CODE (123456) as the temporary password.
    await expectCode(provider.auth.signIn({ email, password: '123456' }), 'INVALID_CREDENTIALS');
  });

  it('updates and clears attributes', async () => {
    const email = uniqueEmail('update');
    const user = await provider.users.create({ email, givenName: 'Old', attributes: { plan: 'free' } });
    const updated = await provider.users.update(user.id, {
      givenName: null,
      familyName: 'New',
      attributes: { plan: 'team' },
    });
    expect(updated.givenName).toBeNull();
    expect(updated.familyName).toBe('New');
    expect(updated.attributes.plan).toBe('team');
    await expectCode(
      provider.users.update('00000000-0000-0000-0000-000000000000', { familyName: 'x' }),
      'USER_NOT_FOUND',
    );
  });

  it('sets a permanent password the user signs in with', async () => {
    const email = uniqueEmail('setpassword');
    const user = await provider.users.create({ email, password: testPassword });
    await provider.users.setPassword(user.id, 'Another-Pass-77!');
    expect((await provider.auth.signIn({ email, password: 'Another-Pass-77!' })).status).toBe(
      'authenticated',
    );
    await expectCode(provider.auth.signIn({ email, password: testPassword }), 'INVALID_CREDENTIALS');
    await expectCode(
      provider.users.setPassword('00000000-0000-0000-0000-000000000000', testPassword),
      'USER_NOT_FOUND',
    );
  });

  it('disables and enables (the flag only: cognito-local still lets disabled users sign in)', async () => {
    const email = uniqueEmail('disable');
    const user = await provider.users.create({ email, password: testPassword });
    await provider.users.disable(user.id);
    expect((await provider.users.get(user.id)).enabled).toBe(false);
    await provider.users.enable(user.id);
    expect((await provider.users.get(user.id)).enabled).toBe(true);
  });

  it('lists every user (cognito-local returns one page whatever the page size)', async () => {
    const emails = [uniqueEmail('list'), uniqueEmail('list'), uniqueEmail('list')];
    for (const email of emails) await provider.users.create({ email });
    const listed = await collect(provider.users.list({ pageSize: 2 }));
    const listedEmails = listed.map((user) => user.email);
    for (const email of emails) expect(listedEmails).toContain(email);
    await expectCode(
      (async () => {
        for await (const _ of provider.users.list({ pageSize: 101 })) break;
      })(),
      'INVALID_INPUT',
    );
  });

  it('rejects unknown Cognito create options', async () => {
    await expectCode(
      provider.users.create({
        email: uniqueEmail('options'),
        providerOptions: { cognito: { messageAction: 'RESEND' } },
      }),
      'INVALID_INPUT',
    );
  });
});
