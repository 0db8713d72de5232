import { describe, expect } from 'vitest';
import type { ContractContext } from './contract-context';
import { contractTest } from './contract-test';
import { expectIdentityError } from './expect-identity-error';

/**
 * Bad input from JavaScript callers: every public method answers INVALID_INPUT naming the
 * field, before anything reaches the vendor, and nothing is half-written.
 */
export function inputValidationContract(context: ContractContext): void {
  describe('input validation', () => {
    const users = () =>
      context.provider.users as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const create = (input: unknown) => users().create?.(input) as Promise<unknown>;

    contractTest(context, 'input.invalid-email', ['users.create'], async () => {
      await expectIdentityError(
        create({ email: 'not-an-email', password: context.password }),
        'INVALID_INPUT',
        'email',
      );
    });

    contractTest(context, 'input.header-injection-in-email', ['users.create'], async () => {
      await expectIdentityError(
        create({ email: 'victim@example.com\r\nBcc: attacker@example.com', password: context.password }),
        'INVALID_INPUT',
        'email',
      );
    });

    contractTest(context, 'input.empty-password', ['users.create'], async () => {
      await expectIdentityError(
        create({ email: context.uniqueEmail(), password: '' }),
        'INVALID_INPUT',
        'password',
      );
    });

    contractTest(context, 'input.huge-name', ['users.create'], async () => {
      await expectIdentityError(
        create({ email: context.uniqueEmail(), password: context.password, givenName: 'x'.repeat(100_000) }),
        'INVALID_INPUT',
        'givenName',
      );
    });

    contractTest(context, 'input.prototype-pollution-key', ['users.create'], async () => {
      const attributes = JSON.parse('{"__proto__": {"polluted": true}}');
      await expectIdentityError(
        create({ email: context.uniqueEmail(), password: context.password, attributes }),
        'INVALID_INPUT',
      );
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    contractTest(context, 'input.constructor-key', ['users.update'], async () => {
      await expectIdentityError(
        users().update?.('some-user', { attributes: { constructor: 'x' } }) as Promise<unknown>,
        'INVALID_INPUT',
      );
    });

    contractTest(context, 'input.wrong-type', ['users.create'], async () => {
      await expectIdentityError(create({ email: 42, password: context.password }), 'INVALID_INPUT', 'email');
    });

    contractTest(context, 'input.unknown-field', ['users.create'], async () => {
      await expectIdentityError(
        create({ email: context.uniqueEmail(), password: context.password, isAdmin: true }),
        'INVALID_INPUT',
      );
    });

    contractTest(context, 'input.empty-id', ['users.get'], async () => {
      await expectIdentityError(users().get?.('') as Promise<unknown>, 'INVALID_INPUT', 'userId');
    });

    contractTest(context, 'input.null-id', ['users.delete'], async () => {
      await expectIdentityError(users().delete?.(null) as Promise<unknown>, 'INVALID_INPUT', 'userId');
    });

    contractTest(context, 'input.control-character-in-id', ['users.get'], async () => {
      await expectIdentityError(users().get?.('abc\u0000def') as Promise<unknown>, 'INVALID_INPUT', 'userId');
    });

    contractTest(context, 'input.control-character-in-password', ['auth.signIn'], async () => {
      await expectIdentityError(
        context.provider.auth.signIn({ email: context.uniqueEmail(), password: 'pass\nword-123' }),
        'INVALID_INPUT',
        'password',
      );
    });

    contractTest(context, 'input.missing-password', ['auth.signIn'], async () => {
      await expectIdentityError(
        context.provider.auth.signIn({ email: context.uniqueEmail() } as never),
        'INVALID_INPUT',
        'password',
      );
    });

    contractTest(context, 'input.huge-token', ['tokens.verifyAccessToken'], async () => {
      await expectIdentityError(
        context.provider.tokens.verifyAccessToken(`eyJ${'a'.repeat(200_000)}`),
        'INVALID_INPUT',
        'token',
      );
    });

    contractTest(context, 'input.empty-group-name', ['groups.create'], async () => {
      await expectIdentityError(context.provider.groups.create({ name: '' }), 'INVALID_INPUT', 'name');
    });

    contractTest(context, 'input.bad-page-size', ['users.list'], async () => {
      for (const pageSize of [0, -1, 1.5, Number.NaN]) {
        await expectIdentityError(
          async () => {
            for await (const _ of context.provider.users.list({ pageSize })) break;
          },
          'INVALID_INPUT',
          'pageSize',
        );
      }
    });

    contractTest(context, 'input.bad-cursor', ['users.list'], async () => {
      await expectIdentityError(async () => {
        for await (const _ of context.provider.users.list({ cursor: 'not-a-cursor-we-issued' })) break;
      }, 'INVALID_INPUT');
    });

    contractTest(context, 'input.nothing-half-written', ['users.create', 'users.findByEmail'], async () => {
      const email = context.uniqueEmail('half');
      await expectIdentityError(
        create({ email, password: context.password, attributes: { ok: 'yes', 'bad key': 'x' } }),
        'INVALID_INPUT',
      );
      expect(await context.provider.users.findByEmail(email)).toBeNull();
    });
  });
}
