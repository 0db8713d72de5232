import { operationNames, UnsupportedOperationError } from '@idport/core';
import { describe, expect } from 'vitest';
import type { ContractContext } from './contract-context';
import { contractTest } from './contract-test';
import { expectIdentityError } from './expect-identity-error';

const sampleArguments: Record<string, unknown[]> = {
  'auth.signIn': [{ email: 'nobody@example.com', password: 'x-password-1' }],
  'auth.completeMfa': [{ challenge: { session: 'session', expiresAt: null }, code: '123456' }],
  'auth.completeNewPassword': [
    { challenge: { session: 'session', expiresAt: null }, newPassword: 'x-password-1' },
  ],
  'auth.refresh': [{ refreshToken: 'token' }],
  'auth.revoke': [{ token: 'token' }],
  'auth.signOut': [{ userId: 'user' }],
  'auth.signUp': [{ email: 'nobody@example.com', password: 'x-password-1' }],
  'auth.confirmSignUp': [{ email: 'nobody@example.com', code: '123456' }],
  'mfa.listFactors': [{ userId: 'user' }],
  'mfa.enrollTotp': [{ userId: 'user' }],
  'mfa.confirmEnrollment': [{ userId: 'user', factorId: 'factor', code: '123456' }],
  'mfa.removeFactor': [{ userId: 'user', factorId: 'factor' }],
  'mfa.generateRecoveryCodes': [{ userId: 'user' }],
  'users.create': [{ email: 'nobody@example.com' }],
  'users.get': ['user'],
  'users.findByEmail': ['nobody@example.com'],
  'users.update': ['user', {}],
  'users.setPassword': ['user', 'x-password-1'],
  'users.disable': ['user'],
  'users.enable': ['user'],
  'users.delete': ['user'],
  'users.list': [],
  'groups.list': [],
  'groups.create': [{ name: 'group' }],
  'groups.delete': ['group'],
  'groups.addMember': [{ groupId: 'group', userId: 'user' }],
  'groups.removeMember': [{ groupId: 'group', userId: 'user' }],
  'groups.listForUser': ['user'],
  'tokens.verifyAccessToken': ['token'],
  'tokens.verifyIdToken': ['token'],
  'transfer.exportUsers': [],
  'transfer.importUsers': [[]],
};

/** The manifest cannot lie: undeclared operations throw, declared limits are enforced. */
export function capabilitiesContract(context: ContractContext): void {
  describe('capabilities', () => {
    contractTest(context, 'capabilities.undeclared-operations-throw', [], async () => {
      const declared = new Set(context.provider.capabilities.operations);
      for (const operation of context.provider.capabilities.operations) {
        expect(operationNames, `unknown operation ${operation} in the manifest`).toContain(operation);
      }
      for (const operation of operationNames.filter((name) => !declared.has(name))) {
        const [group, method] = operation.split('.') as [string, string];
        const target = (
          context.provider as unknown as Record<string, Record<string, (...args: unknown[]) => unknown>>
        )[group];
        const call = async () => {
          const result = target?.[method]?.(...(sampleArguments[operation] ?? []));
          if (result && typeof (result as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
            for await (const _ of result as AsyncIterable<unknown>) break;
          }
          return result;
        };
        const error = await expectIdentityError(call, 'UNSUPPORTED_OPERATION');
        expect(UnsupportedOperationError.isInstance(error)).toBe(true);
        expect(error.message).toContain(operation);
      }
    });

    contractTest(context, 'capabilities.page-size-limit-enforced', ['users.list'], async () => {
      const tooLarge = context.provider.capabilities.limits.maxPageSize + 1;
      await expectIdentityError(
        async () => {
          for await (const _ of context.provider.users.list({ pageSize: tooLarge })) break;
        },
        'INVALID_INPUT',
        'pageSize',
      );
    });
  });
}
