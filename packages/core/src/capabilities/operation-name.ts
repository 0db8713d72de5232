/** Every operation of the port, as `group.method`. Capability manifests are keyed by these. */
export const operationNames = [
  'auth.signIn',
  'auth.completeMfa',
  'auth.completeNewPassword',
  'auth.refresh',
  'auth.revoke',
  'auth.signOut',
  'auth.signUp',
  'auth.confirmSignUp',
  'mfa.listFactors',
  'mfa.enrollTotp',
  'mfa.confirmEnrollment',
  'mfa.removeFactor',
  'mfa.generateRecoveryCodes',
  'users.create',
  'users.get',
  'users.findByEmail',
  'users.update',
  'users.setPassword',
  'users.disable',
  'users.enable',
  'users.delete',
  'users.list',
  'groups.list',
  'groups.create',
  'groups.delete',
  'groups.addMember',
  'groups.removeMember',
  'groups.listForUser',
  'tokens.verifyAccessToken',
  'tokens.verifyIdToken',
  'transfer.exportUsers',
  'transfer.importUsers',
] as const;

export type OperationName = (typeof operationNames)[number];

export type OperationGroupName = OperationName extends `${infer Group}.${string}` ? Group : never;

/** Splits `users.create` into `['users', 'create']`. */
export function splitOperationName(name: OperationName): [OperationGroupName, string] {
  const [group, method] = name.split('.') as [OperationGroupName, string];
  return [group, method];
}

/**
 * Every operation except the given ones, in the port's order. Manifests are written as
 * what an adapter leaves out, which is the short list each adapter documents with reasons.
 */
export function operationsExcept(...excluded: readonly OperationName[]): OperationName[] {
  const left = new Set(excluded);
  return operationNames.filter((operation) => !left.has(operation));
}
