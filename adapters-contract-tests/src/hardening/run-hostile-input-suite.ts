import { IdentityError, type OperationName, operationNames } from '@idport/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractContext } from '../contract-context';
import type { ContractOptions } from '../contract-options';
import { hostileArgumentsFor } from './hostile-operation-arguments';

/** Options of {@link runHostileInputSuite}. */
export interface HostileInputOptions extends ContractOptions {
  /** Generated calls per operation (default 60). */
  numRuns?: number;
  /** fast-check seed, to replay a failure. */
  seed?: number;
}

type Outcome = 'result' | 'typed error';

function isPolluted(): boolean {
  return (
    (Object.prototype as Record<string, unknown>).polluted !== undefined ||
    ({} as Record<string, unknown>).polluted !== undefined
  );
}

/**
 * Property-based hostile input over every operation of the port: random unicode, control
 * characters, huge strings, wrong JavaScript types, prototype-pollution keys, CRLF and
 * filter-injection strings. Every call must end in a result or an IdentityError — no
 * crash, no raw vendor error, no polluted prototype. Prints the cases generated per
 * operation.
 */
export function runHostileInputSuite(options: HostileInputOptions): void {
  const context = new ContractContext({ ...options, throughRetry: false });
  const counts = new Map<OperationName, Record<Outcome, number>>();
  const numRuns = options.numRuns ?? 60;

  describe(`hostile input: ${options.name}`, () => {
    beforeAll(async () => context.open(), 60_000);
    afterAll(async () => {
      await context.close();
      const lines = [...counts].map(
        ([operation, tally]) =>
          `  ${operation}: ${tally.result + tally['typed error']} cases (${tally.result} results, ${tally['typed error']} typed errors)`,
      );
      const total = [...counts.values()].reduce((sum, tally) => sum + tally.result + tally['typed error'], 0);
      console.log(
        `hostile input against ${options.name}: ${total} generated cases, 0 untyped failures\n${lines.join('\n')}`,
      );
    }, 120_000);

    for (const operation of operationNames) {
      it(`hostile.${operation}`, { timeout: 600_000 }, async () => {
        const [group, method] = operation.split('.') as [string, string];
        const tally: Record<Outcome, number> = { result: 0, 'typed error': 0 };
        counts.set(operation, tally);
        await fc.assert(
          fc.asyncProperty(
            hostileArgumentsFor(operation, options.emailPrefix ?? 'idport-contract'),
            async (args) => {
              const target = (
                context.provider as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>
              )[group];
              let outcome: Outcome;
              try {
                const result = target?.[method]?.(...args);
                if (
                  result &&
                  typeof (result as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function'
                ) {
                  let seen = 0;
                  for await (const item of result as AsyncIterable<unknown>) {
                    seen += 1;
                    if (seen >= 5) break;
                    void item;
                  }
                } else {
                  const value = await result;
                  trackCreated(context, operation, value);
                }
                outcome = 'result';
              } catch (error) {
                if (!IdentityError.isInstance(error)) {
                  throw new Error(
                    `${operation} threw a non-IdentityError: ${(error as Error)?.name}: ${(error as Error)?.message}`,
                  );
                }
                expect(error.code).toBeTruthy();
                outcome = 'typed error';
              }
              tally[outcome] += 1;
              expect(isPolluted(), 'Object.prototype was polluted').toBe(false);
            },
          ),
          { numRuns, ...(options.seed === undefined ? {} : { seed: options.seed }) },
        );
        await context.cleanup();
      });
    }
  });
}

function trackCreated(context: ContractContext, operation: OperationName, value: unknown): void {
  const record = value as Record<string, unknown> | null;
  if (!record || typeof record !== 'object') return;
  if (operation === 'users.create' && typeof record.id === 'string') context.track(record as never);
  if (operation === 'auth.signUp' && typeof (record.user as { id?: unknown })?.id === 'string') {
    context.track(record.user as never);
  }
  if (operation === 'groups.create' && typeof record.id === 'string') context.trackGroup(record.id);
  if (operation === 'transfer.importUsers' && Array.isArray(value)) {
    for (const outcome of value as { status?: string; userId?: unknown }[]) {
      if (outcome.status === 'created' && typeof outcome.userId === 'string')
        context.track({ id: outcome.userId } as never);
    }
  }
}
