import type { OperationName } from '@idport/core';
import { it } from 'vitest';
import type { ContractContext } from './contract-context';
import { recordTest } from './contract-run-recorder';
import type { ContractTestId } from './contract-test-ids';

/**
 * Registers one contract test. Tests whose operations the manifest does not declare are
 * not registered (the capabilities group checks those operations really throw); tests on
 * the skip list are registered as skipped with their reason in the name, so a report
 * shows every skip and why.
 */
export function contractTest(
  context: ContractContext,
  id: ContractTestId,
  requires: readonly OperationName[],
  body: () => Promise<void>,
  options: { when?: () => boolean; timeout?: number } = {},
): void {
  recordTest(context.options.name, id, requires);
  const reason = context.options.skip?.[id];
  if (reason) {
    it.skip(`${id} (skipped: ${reason})`, () => undefined);
    return;
  }
  it(id, { timeout: options.timeout ?? 30_000 }, async (testContext) => {
    if (!context.supports(...requires) || (options.when && !options.when())) {
      // Not applicable to this provider's manifest: recorded as skipped with the reason.
      testContext.skip(
        `not declared: ${requires.filter((op) => !context.supports(op)).join(', ') || 'condition'}`,
      );
      return;
    }
    await body();
  });
}
