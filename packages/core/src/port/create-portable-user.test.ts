import { describe, expect, it } from 'vitest';
import { portableUserSchema } from '../validation/operation-input-schemas';
import { createPortableUser } from './create-portable-user';

describe('createPortableUser', () => {
  it('fills every field a source did not give with its none value, and the result validates', () => {
    const user = createPortableUser({ sourceId: 'source-1', email: 'ada@example.com' });
    expect(user).toEqual({
      sourceId: 'source-1',
      email: 'ada@example.com',
      emailVerified: false,
      phoneNumber: null,
      givenName: null,
      familyName: null,
      displayName: null,
      enabled: true,
      createdAt: null,
      attributes: {},
      groups: [],
      passwordHash: null,
      mfaFactors: [],
    });
    expect(portableUserSchema.safeParse(user).success).toBe(true);
  });

  it('keeps the fields given, and gives each user its own lists', () => {
    const first = createPortableUser({
      sourceId: 'a',
      email: 'a@example.com',
      enabled: false,
      groups: ['admins'],
    });
    const second = createPortableUser({ sourceId: 'b', email: 'b@example.com' });
    expect(first).toMatchObject({ enabled: false, groups: ['admins'] });
    expect(second.groups).toEqual([]);
    expect(second.groups).not.toBe(createPortableUser({ sourceId: 'c', email: 'c@example.com' }).groups);
  });
});
