import type { OperationGroups } from '../port/identity-provider';

/** What an adapter writes: any subset of the port's operations, grouped as in the port. */
export type ProviderImplementation = {
  [Group in keyof OperationGroups]?: Partial<OperationGroups[Group]>;
};
