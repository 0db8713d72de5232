import { inspect } from 'node:util';
import { IdentityError, isSafeForEndUser } from '@idport/core';
import { describe, expect } from 'vitest';
import type { ContractContext } from './contract-context';
import { contractTest } from './contract-test';
import { expectIdentityError } from './expect-identity-error';

/** The shape of errors, and that they never carry secrets or reveal accounts. */
export function errorsContract(context: ContractContext): void {
  describe('errors', () => {
    contractTest(context, 'errors.shape', ['users.create', 'auth.signIn'], async () => {
      const user = await context.createUser();
      const error = await expectIdentityError(
        context.provider.auth.signIn({ email: user.email as string, password: context.otherPassword() }),
        'INVALID_CREDENTIALS',
      );
      expect(error).toBeInstanceOf(Error);
      expect(IdentityError.isInstance(error)).toBe(true);
      expect(error.provider).toBe(context.provider.provider);
      expect(error.retryable).toBe(false);
      expect(typeof error.message).toBe('string');
    });

    contractTest(context, 'errors.no-secret-in-errors', ['users.create', 'auth.signIn'], async () => {
      const user = await context.createUser();
      const canary = `Canary-${Date.now()}-Secret!`;
      const error = await expectIdentityError(
        context.provider.auth.signIn({ email: user.email as string, password: canary }),
        'INVALID_CREDENTIALS',
      );
      const rendered = [
        error.message,
        JSON.stringify(error),
        inspect(error, { depth: 10 }),
        String(error.cause ?? ''),
        inspect(error.cause, { depth: 10 }),
      ].join('\n');
      expect(rendered).not.toContain(canary);
    });

    contractTest(
      context,
      'errors.end-user-safety',
      ['users.get', 'users.create', 'auth.signIn'],
      async () => {
        const user = await context.createUser();
        const wrongPassword = await expectIdentityError(
          context.provider.auth.signIn({ email: user.email as string, password: context.otherPassword() }),
          'INVALID_CREDENTIALS',
        );
        expect(isSafeForEndUser(wrongPassword)).toBe(true);
        const missing = await expectIdentityError(
          context.provider.users.get('missing-user-id-000'),
          'USER_NOT_FOUND',
        );
        expect(isSafeForEndUser(missing)).toBe(false);
      },
    );
  });
}
