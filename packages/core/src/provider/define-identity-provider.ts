import { type OperationName, operationNames, splitOperationName } from '../capabilities/operation-name';
import type { ProviderCapabilities } from '../capabilities/provider-capabilities';
import { IdentityError } from '../errors/identity-error';
import { UnsupportedOperationError } from '../errors/unsupported-operation-error';
import type { IdentityEvent, IdentityEventListener } from '../events/identity-event';
import type { Page, PageIterable } from '../pagination/page-iterable';
import type { IdentityProvider } from '../port/identity-provider';
import { operationInputSchemas } from '../validation/operation-input-schemas';
import { validateArguments } from '../validation/validate-arguments';
import { eventForFailure, eventForSuccess } from './event-for-operation';
import type { ProviderImplementation } from './provider-implementation';

/** Everything an adapter hands to {@link defineIdentityProvider}. */
export interface ProviderDefinition {
  provider: string;
  capabilities: ProviderCapabilities;
  implementation: ProviderImplementation;
  /** Maps an error the adapter did not map itself (a vendor SDK error) to an IdentityError. */
  mapError?: (error: unknown) => IdentityError;
  /** Audit listener; receives no secrets. */
  onEvent?: IdentityEventListener;
  close?: () => Promise<void>;
}

const pagedOperations = new Set<OperationName>(['users.list', 'groups.list', 'transfer.exportUsers']);

type AnyFunction = (...args: unknown[]) => unknown;

/**
 * Turns an adapter's operations into a full {@link IdentityProvider}: undeclared operations
 * throw UnsupportedOperationError, every argument is validated before adapter code runs,
 * errors leave as IdentityError, and audit events are emitted. Adapters get this uniformly.
 */
export function defineIdentityProvider(definition: ProviderDefinition): IdentityProvider {
  const { provider, capabilities, implementation } = definition;
  const declared = new Set(capabilities.operations);

  const toIdentityError = (error: unknown): IdentityError => {
    if (IdentityError.isInstance(error)) return error;
    if (definition.mapError) return definition.mapError(error);
    return new IdentityError({
      code: 'PROVIDER_ERROR',
      provider,
      message: `Unexpected error from the ${provider} provider`,
      cause: error,
    });
  };

  const emit = (event: Omit<IdentityEvent, 'provider' | 'at'>): void => {
    if (!definition.onEvent) return;
    try {
      const pending = definition.onEvent({ ...event, provider, at: new Date() });
      if (pending && typeof (pending as Promise<void>).catch === 'function') {
        (pending as Promise<void>).catch(() => undefined);
      }
    } catch {
      // An audit sink failing must never change the outcome of a sign-in.
    }
  };

  const checkPageSize = (operation: OperationName, options: unknown): void => {
    const pageSize = (options as { pageSize?: number } | undefined)?.pageSize;
    if (pageSize !== undefined && pageSize > capabilities.limits.maxPageSize) {
      throw new IdentityError({
        code: 'INVALID_INPUT',
        provider,
        field: 'pageSize',
        message: `Invalid input to ${operation}: pageSize must be at most ${capabilities.limits.maxPageSize}`,
      });
    }
  };

  const wrapPaged = (operation: OperationName, method: AnyFunction): AnyFunction => {
    return (...args: unknown[]) => {
      const parsed = validateArguments(operation, provider, operationInputSchemas[operation], args);
      checkPageSize(operation, parsed[0]);
      const inner = method(...parsed) as PageIterable<unknown>;
      async function* pages(): AsyncGenerator<Page<unknown>> {
        try {
          yield* inner.pages();
        } catch (error) {
          throw toIdentityError(error);
        }
      }
      return {
        pages,
        async *[Symbol.asyncIterator]() {
          for await (const page of pages()) yield* page.items;
        },
      } satisfies PageIterable<unknown>;
    };
  };

  const wrapAsync = (operation: OperationName, method: AnyFunction): AnyFunction => {
    return async (...args: unknown[]) => {
      const parsed = validateArguments(operation, provider, operationInputSchemas[operation], args);
      try {
        const result = await method(...parsed);
        const description = eventForSuccess(operation, parsed, result);
        if (description) emit({ ...description, operation });
        return result;
      } catch (error) {
        const identityError = toIdentityError(error);
        const failure = eventForFailure(operation);
        if (failure) emit({ type: failure, operation, errorCode: identityError.code });
        throw identityError;
      }
    };
  };

  const unsupported = (operation: OperationName): AnyFunction => {
    const fail = () => {
      throw new UnsupportedOperationError({ provider, operation });
    };
    return pagedOperations.has(operation) ? fail : async () => fail();
  };

  const groups: Record<string, Record<string, AnyFunction>> = {
    auth: {},
    mfa: {},
    users: {},
    groups: {},
    tokens: {},
    transfer: {},
  };
  for (const operation of operationNames) {
    const [group, method] = splitOperationName(operation);
    const implemented = (implementation[group] as Record<string, AnyFunction> | undefined)?.[method];
    const target = groups[group] as Record<string, AnyFunction>;
    if (!declared.has(operation)) {
      target[method] = unsupported(operation);
      continue;
    }
    if (typeof implemented !== 'function') {
      throw new IdentityError({
        code: 'CONFIGURATION_ERROR',
        provider,
        message: `The ${provider} adapter declares ${operation} but does not implement it`,
      });
    }
    const bound = implemented.bind(implementation[group]) as AnyFunction;
    target[method] = pagedOperations.has(operation)
      ? wrapPaged(operation, bound)
      : wrapAsync(operation, bound);
  }

  let closed = false;
  return Object.freeze({
    specificationVersion: 'v1',
    provider,
    capabilities,
    ...(groups as unknown as Pick<
      IdentityProvider,
      'auth' | 'mfa' | 'users' | 'groups' | 'tokens' | 'transfer'
    >),
    async close() {
      if (closed) return;
      closed = true;
      await definition.close?.();
    },
  });
}
