import { expect, it } from 'vitest';
import { operationNames, operationsExcept } from './operation-name';

it('operationsExcept keeps the port order and leaves out exactly the named operations', () => {
  const kept = operationsExcept('auth.signUp', 'mfa.generateRecoveryCodes');
  expect(kept).toHaveLength(operationNames.length - 2);
  expect(kept).not.toContain('auth.signUp');
  expect(kept).not.toContain('mfa.generateRecoveryCodes');
  expect(kept).toEqual(operationNames.filter((name) => kept.includes(name)));
});
