import { collect, IdentityError, type IdentityProvider, UnsupportedOperationError } from '@idport/core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createEmulatorProvider, emulatorBackdoor } from './__fixtures__/firebase-test-environment';

const host = inject('firebaseEmulatorHost');
const backdoor = emulatorBackdoor(host);
const password = 'Correct-Horse-9-Battery!';

let provider: IdentityProvider;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (IdentityError.isInstance(error)) return error.code;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe.skipIf(!host)('firebase users against the Auth emulator', () => {
  beforeAll(() => {
    provider = createEmulatorProvider(host);
  });
  afterAll(async () => {
    await provider.close();
  });
  beforeEach(async () => {
    await backdoor.reset();
  });

  it('creates a user with every port field and reads it back', async () => {
    const created = await provider.users.create({
      email: 'grace@example.com',
      password,
      emailVerified: true,
      phoneNumber: '+15555550123',
      givenName: 'Grace',
      familyName: 'Hopper',
      displayName: 'Grace Hopper',
      attributes: { plan: 'pro', seats: 3, beta: true },
    });
    const read = await provider.users.get(created.id);
    expect(read).toMatchObject({
      id: created.id,
      email: 'grace@example.com',
      emailVerified: true,
      phoneNumber: '+15555550123',
      givenName: 'Grace',
      familyName: 'Hopper',
      displayName: 'Grace Hopper',
      enabled: true,
      attributes: { plan: 'pro', seats: 3, beta: true },
    });
    expect(read.createdAt).toBeInstanceOf(Date);
    // raw never carries the hash (the emulator's "fake hash" even holds the plain password).
    expect(JSON.stringify(read.raw)).not.toContain(password);
    expect(read.raw).not.toHaveProperty('passwordHash');
    expect(read.raw).not.toHaveProperty('passwordSalt');
  });

  it('honours providerOptions.firebase.uid and refuses unknown provider options', async () => {
    const user = await provider.users.create({
      email: 'uid@example.com',
      providerOptions: { firebase: { uid: 'my-uid-1' } },
    });
    expect(user.id).toBe('my-uid-1');
    expect(
      await codeOf(
        provider.users.create({ email: 'x@example.com', providerOptions: { firebase: { nope: true } } }),
      ),
    ).toBe('INVALID_INPUT');
  });

  it('maps duplicate email, weak password and missing users', async () => {
    await provider.users.create({ email: 'dup@example.com', password });
    expect(await codeOf(provider.users.create({ email: 'dup@example.com', password }))).toBe(
      'USER_ALREADY_EXISTS',
    );
    expect(await codeOf(provider.users.create({ email: 'weak@example.com', password: '123' }))).toBe(
      'WEAK_PASSWORD',
    );
    expect(await codeOf(provider.users.get('missing-user'))).toBe('USER_NOT_FOUND');
    expect(await codeOf(provider.users.update('missing-user', { displayName: 'x' }))).toBe('USER_NOT_FOUND');
    expect(await codeOf(provider.users.delete('missing-user'))).toBe('USER_NOT_FOUND');
    expect(await codeOf(provider.users.setPassword('missing-user', password))).toBe('USER_NOT_FOUND');
  });

  it('findByEmail finds case-insensitively and answers null for unknown emails', async () => {
    const user = await provider.users.create({ email: 'find@example.com' });
    expect((await provider.users.findByEmail('FIND@example.com'))?.id).toBe(user.id);
    expect(await provider.users.findByEmail('nobody@example.com')).toBeNull();
  });

  it('updates only the given fields, clears with null and merges attributes', async () => {
    const user = await provider.users.create({
      email: 'up@example.com',
      phoneNumber: '+15555550124',
      givenName: 'Old',
      displayName: 'Old Name',
      attributes: { plan: 'free', keep: 'yes' },
    });
    await provider.groups.addMember({ groupId: 'admins', userId: user.id });
    const updated = await provider.users.update(user.id, {
      email: 'new@example.com',
      givenName: null,
      familyName: 'Family',
      displayName: null,
      phoneNumber: null,
      attributes: { plan: 'pro' },
    });
    expect(updated).toMatchObject({
      email: 'new@example.com',
      givenName: null,
      familyName: 'Family',
      displayName: null,
      phoneNumber: null,
      attributes: { plan: 'pro', keep: 'yes' },
    });
    // Updating profile claims keeps the group claim.
    expect((await provider.groups.listForUser(user.id)).map((group) => group.name)).toEqual(['admins']);
  });

  it('setPassword changes the password; temporary passwords are refused, not faked', async () => {
    const user = await provider.users.create({ email: 'pw@example.com', password });
    await provider.users.setPassword(user.id, 'Another-Horse-7!');
    expect(await codeOf(provider.auth.signIn({ email: 'pw@example.com', password }))).toBe(
      'INVALID_CREDENTIALS',
    );
    expect(
      (await provider.auth.signIn({ email: 'pw@example.com', password: 'Another-Horse-7!' })).status,
    ).toBe('authenticated');
    await expect(provider.users.setPassword(user.id, password, { temporary: true })).rejects.toSatisfy(
      (error) => UnsupportedOperationError.isInstance(error),
    );
  });

  it('disable/enable flip enabled; delete removes the user', async () => {
    const user = await provider.users.create({ email: 'life@example.com' });
    await provider.users.disable(user.id);
    expect((await provider.users.get(user.id)).enabled).toBe(false);
    await provider.users.enable(user.id);
    expect((await provider.users.get(user.id)).enabled).toBe(true);
    await provider.users.delete(user.id);
    expect(await codeOf(provider.users.get(user.id))).toBe('USER_NOT_FOUND');
  });

  it('lists every user page by page and resumes from a cursor', async () => {
    const emails = Array.from({ length: 7 }, (_, index) => `list${index}@example.com`);
    for (const email of emails) await provider.users.create({ email });
    const pages = [];
    for await (const page of provider.users.list({ pageSize: 3 }).pages()) pages.push(page);
    expect(pages.map((page) => page.items.length)).toEqual([3, 3, 1]);
    expect(pages.flatMap((page) => page.items.map((user) => user.email)).sort()).toEqual([...emails].sort());
    const resumed = await collect(
      provider.users.list({ pageSize: 3, cursor: pages[0]?.nextCursor as string }),
    );
    expect(resumed.map((user) => user.id)).toEqual(
      pages.slice(1).flatMap((page) => page.items.map((user) => user.id)),
    );
    // Paged operations validate when called, before any iteration.
    expect(() => provider.users.list({ pageSize: 1001 })).toThrowError(
      expect.objectContaining({ code: 'INVALID_INPUT', field: 'pageSize' }),
    );
  });
});
