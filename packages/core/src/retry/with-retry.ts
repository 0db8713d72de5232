import { type OperationName, operationNames, splitOperationName } from '../capabilities/operation-name';
import type { Page, PageIterable } from '../pagination/page-iterable';
import type { IdentityProvider } from '../port/identity-provider';
import { idempotentOperations } from './idempotent-operations';
import { type RetryPolicy, retryOperation } from './retry-policy';

type AnyFunction = (...args: unknown[]) => unknown;
const pagedOperations = new Set<OperationName>(['users.list', 'groups.list', 'transfer.exportUsers']);

function retryPages(
  start: (cursor: string | undefined) => PageIterable<unknown>,
  options: { cursor?: string } | undefined,
  policy: RetryPolicy,
): PageIterable<unknown> {
  // A page that fails is fetched again from the last cursor that succeeded, so a long
  // listing survives a 429 in its middle without starting over.
  async function* pages(): AsyncGenerator<Page<unknown>> {
    let cursor = options?.cursor;
    for (;;) {
      const iterator = start(cursor).pages()[Symbol.asyncIterator]();
      const next = await retryOperation(() => iterator.next(), policy);
      if (next.done) return;
      yield next.value;
      if (next.value.nextCursor === null) return;
      cursor = next.value.nextCursor;
      await iterator.return?.();
    }
  }
  return {
    pages,
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) yield* page.items;
    },
  };
}

/**
 * `users.create` is not idempotent: a create that timed out may have landed. Before each
 * retry the email is looked up; if the user is there now, that is the create that landed
 * and it is returned instead of creating a second account.
 */
async function createWithLookup(
  provider: IdentityProvider,
  create: AnyFunction,
  args: unknown[],
  policy: RetryPolicy,
): Promise<unknown> {
  const email = (args[0] as { email?: unknown } | undefined)?.email;
  let attempt = 0;
  return retryOperation(async () => {
    attempt += 1;
    if (attempt > 1 && typeof email === 'string') {
      const landed = await provider.users.findByEmail(email);
      if (landed) return landed;
    }
    return create(...args);
  }, policy);
}

/**
 * Wraps a provider so idempotent operations are retried on retryable errors (429 with
 * Retry-After, 503, timeouts) with jittered backoff. Non-idempotent operations pass
 * through unchanged: their retryable errors reach the caller, who knows whether to repeat.
 */
export function withRetry(provider: IdentityProvider, policy: RetryPolicy = {}): IdentityProvider {
  const groups: Record<string, Record<string, AnyFunction>> = {};
  for (const operation of operationNames) {
    const [group, method] = splitOperationName(operation);
    const source = provider[group] as unknown as Record<string, AnyFunction>;
    const original = (source[method] as AnyFunction).bind(source);
    groups[group] ??= {};
    const target = groups[group] as Record<string, AnyFunction>;
    if (operation === 'users.create' && provider.capabilities.operations.includes('users.findByEmail')) {
      target[method] = (...args: unknown[]) => createWithLookup(provider, original, args, policy);
    } else if (!idempotentOperations.has(operation)) {
      target[method] = original;
    } else if (pagedOperations.has(operation)) {
      target[method] = (options?: unknown) => {
        const base = (options ?? {}) as { cursor?: string };
        return retryPages(
          (cursor) => original({ ...base, ...(cursor ? { cursor } : {}) }) as PageIterable<unknown>,
          base,
          policy,
        );
      };
    } else {
      target[method] = (...args: unknown[]) =>
        retryOperation(() => original(...args) as Promise<unknown>, policy);
    }
  }
  return Object.freeze({
    specificationVersion: provider.specificationVersion,
    provider: provider.provider,
    capabilities: provider.capabilities,
    ...(groups as unknown as Pick<
      IdentityProvider,
      'auth' | 'mfa' | 'users' | 'groups' | 'tokens' | 'transfer'
    >),
    close: () => provider.close(),
  });
}
