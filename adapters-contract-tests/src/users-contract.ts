import { randomUUID } from 'node:crypto';
import { collect, type User } from '@idport/core';
import { describe, expect } from 'vitest';
import type { ContractContext } from './contract-context';
import { contractTest } from './contract-test';
import { expectIdentityError } from './expect-identity-error';

/** User management: create, read, update, disable, delete, list. */
export function usersContract(context: ContractContext): void {
  describe('users', () => {
    const users = () => context.provider.users;
    const missingId = () => `missing-${randomUUID()}`;

    contractTest(context, 'users.create-and-get', ['users.create', 'users.get'], async () => {
      const email = context.uniqueEmail();
      const created = context.track(
        await users().create({
          email,
          password: context.password,
          givenName: 'Ada',
          familyName: 'Lovelace',
          emailVerified: true,
        }),
      );
      expect(created.id).toBeTruthy();
      const fetched = await users().get(created.id);
      expect(fetched.id).toBe(created.id);
      expect(fetched.email?.toLowerCase()).toBe(email.toLowerCase());
      expect(fetched.givenName).toBe('Ada');
      expect(fetched.familyName).toBe('Lovelace');
      expect(fetched.emailVerified).toBe(true);
      expect(fetched.enabled).toBe(true);
      expect(JSON.stringify(fetched.raw ?? null)).not.toContain(context.password);
    });

    contractTest(context, 'users.create-duplicate-email', ['users.create'], async () => {
      const user = await context.createUser();
      await expectIdentityError(
        users().create({ email: user.email as string, password: context.password }),
        'USER_ALREADY_EXISTS',
      );
    });

    contractTest(context, 'users.get-unknown', ['users.get'], async () => {
      await expectIdentityError(users().get(missingId()), 'USER_NOT_FOUND');
    });

    contractTest(context, 'users.find-by-email', ['users.create', 'users.findByEmail'], async () => {
      const user = await context.createUser();
      expect((await users().findByEmail(user.email as string))?.id).toBe(user.id);
      expect((await users().findByEmail((user.email as string).toUpperCase()))?.id).toBe(user.id);
      expect(await users().findByEmail(context.uniqueEmail('nobody'))).toBeNull();
    });

    contractTest(context, 'users.update-fields', ['users.create', 'users.update', 'users.get'], async () => {
      const user = await context.createUser({ givenName: 'Grace' });
      const updated = await users().update(user.id, { familyName: 'Hopper', displayName: 'Grace Hopper' });
      expect(updated.familyName).toBe('Hopper');
      expect(updated.givenName).toBe('Grace');
      const cleared = await users().update(user.id, { displayName: null });
      expect(cleared.displayName).toBeNull();
      expect((await users().get(user.id)).familyName).toBe('Hopper');
    });

    contractTest(
      context,
      'users.update-attributes-merge',
      ['users.create', 'users.update', 'users.get'],
      async () => {
        const user = await context.createUser();
        await users().update(user.id, { attributes: { plan: 'pro', seats: '3' } });
        await users().update(user.id, { attributes: { seats: '5', plan: null } });
        const fetched = await users().get(user.id);
        expect(fetched.attributes.seats).toBe('5');
        expect(fetched.attributes.plan ?? null).toBeNull();
      },
    );

    contractTest(context, 'users.update-unknown', ['users.update'], async () => {
      await expectIdentityError(users().update(missingId(), { givenName: 'x' }), 'USER_NOT_FOUND');
    });

    contractTest(context, 'users.update-email-conflict', ['users.create', 'users.update'], async () => {
      const first = await context.createUser();
      const second = await context.createUser();
      await expectIdentityError(
        users().update(second.id, { email: first.email as string }),
        'USER_ALREADY_EXISTS',
      );
    });

    contractTest(
      context,
      'users.disable-and-enable',
      ['users.create', 'users.disable', 'users.enable', 'users.get'],
      async () => {
        const user = await context.createUser();
        await users().disable(user.id);
        expect((await users().get(user.id)).enabled).toBe(false);
        await users().enable(user.id);
        expect((await users().get(user.id)).enabled).toBe(true);
      },
    );

    contractTest(context, 'users.delete', ['users.create', 'users.delete', 'users.get'], async () => {
      const user = await context.createUser();
      await users().delete(user.id);
      await expectIdentityError(users().get(user.id), 'USER_NOT_FOUND');
    });

    contractTest(context, 'users.delete-unknown', ['users.delete'], async () => {
      await expectIdentityError(users().delete(missingId()), 'USER_NOT_FOUND');
    });

    const createMany = async (count: number): Promise<User[]> => {
      const created: User[] = [];
      for (let index = 0; index < count; index += 1)
        created.push(await context.createUser({ password: null }));
      return created;
    };

    contractTest(
      context,
      'users.list-pages',
      ['users.create', 'users.list'],
      async () => {
        const created = await createMany(5);
        const seen = new Set<string>();
        let pages = 0;
        for await (const page of users().list({ pageSize: 2 }).pages()) {
          expect(page.items.length).toBeLessThanOrEqual(2);
          for (const user of page.items) seen.add(user.id);
          pages += 1;
          if (created.every((user) => seen.has(user.id))) break;
        }
        expect(pages).toBeGreaterThanOrEqual(3);
        for (const user of created) expect(seen.has(user.id)).toBe(true);
      },
      { when: () => !context.quirks.listIgnoresPageSize },
    );

    contractTest(
      context,
      'users.list-resumes-from-cursor',
      ['users.create', 'users.list'],
      async () => {
        await createMany(3);
        const iterator = users().list({ pageSize: 2 }).pages()[Symbol.asyncIterator]();
        const first = await iterator.next();
        await iterator.return?.();
        expect(first.done).toBe(false);
        const cursor = first.value?.nextCursor;
        expect(cursor).toBeTruthy();
        const firstIds = new Set(first.value?.items.map((user: User) => user.id));
        const rest = await collect(users().list({ pageSize: 2, cursor: cursor as string }), 50);
        expect(rest.length).toBeGreaterThan(0);
        for (const user of rest) expect(firstIds.has(user.id)).toBe(false);
      },
      { when: () => !context.quirks.listIgnoresPageSize },
    );

    contractTest(context, 'users.list-stable-under-inserts', ['users.create', 'users.list'], async () => {
      const before = await createMany(4);
      const counts = new Map<string, number>();
      let inserted = false;
      for await (const page of users().list({ pageSize: 2 }).pages()) {
        for (const user of page.items) counts.set(user.id, (counts.get(user.id) ?? 0) + 1);
        if (!inserted) {
          await context.createUser({ password: null });
          inserted = true;
        }
      }
      for (const user of before) expect(counts.get(user.id)).toBe(1);
      for (const count of counts.values()) expect(count).toBe(1);
    });

    contractTest(context, 'users.unicode-round-trip', ['users.create', 'users.get'], async () => {
      const name = 'Zoë 山田 Ñandú 🚀';
      const user = await context.createUser({ givenName: name });
      expect((await users().get(user.id)).givenName).toBe(name);
    });
  });
}
