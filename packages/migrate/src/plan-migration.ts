import { type IdentityProvider, portableUserSchema, supportsOperation } from '@idport/core';
import { portableUsersFrom } from './portable-user-source';
import type { UserMapping } from './user-mapping';

/** What a migration would do, computed before anything is written. */
export interface MigrationPlan {
  readonly from: string;
  readonly to: string;
  readonly users: number;
  /** Users whose password hash the target can import: they keep their password. */
  readonly keepPassword: number;
  /** Users who will need a reset or a lazy migration, by reason. */
  readonly needPasswordReset: Readonly<Record<string, number>>;
  /** TOTP factors that cross, and factors whose users must enroll again (by reason). */
  readonly factorsCross: number;
  readonly factorsReEnroll: Readonly<Record<string, number>>;
  /** Attribute names seen at the source, with how many users have each. */
  readonly attributes: Readonly<Record<string, number>>;
  readonly groups: readonly string[];
  /** Users whose email already exists at the target (checked when `checkConflicts`). */
  readonly conflicts: number;
  readonly conflictsChecked: boolean;
  /** Source users that would be refused, by reason (invalid email, duplicate email, ...). */
  readonly invalid: Readonly<Record<string, number>>;
  readonly bulkImport: boolean;
  readonly targetRateLimits: readonly string[];
  readonly warnings: readonly string[];
}

const increment = (record: Record<string, number>, key: string) => {
  record[key] = (record[key] ?? 0) + 1;
};

/**
 * Reads the two manifests and the source users and says who keeps a password, who needs
 * a reset and why, which factors cross, which attributes and groups move, and which
 * emails already exist at the target. Writes nothing.
 */
export async function planMigration(options: {
  from: IdentityProvider;
  to: IdentityProvider;
  mapping?: UserMapping;
  /** Look up every email at the target (one call per user). Default true. */
  checkConflicts?: boolean;
  /** Plan from the first N users only. */
  limit?: number;
}): Promise<MigrationPlan> {
  const { from, to } = options;
  const source = from.capabilities;
  const target = to.capabilities;
  const checkConflicts = (options.checkConflicts ?? true) && supportsOperation(target, 'users.findByEmail');
  const warnings: string[] = [];
  if (!supportsOperation(source, 'transfer.exportUsers')) {
    warnings.push(`${from.provider} has no export: profiles cross, passwords and factors do not`);
  } else if (source.passwordHashes.exportable.length === 0) {
    warnings.push(
      `${from.provider} never exports password hashes: every user needs a reset or lazy migration`,
    );
  }
  if (!supportsOperation(target, 'transfer.importUsers')) {
    warnings.push(`${to.provider} has no bulk import: users are created one by one, without passwords`);
  }
  const needPasswordReset: Record<string, number> = {};
  const factorsReEnroll: Record<string, number> = {};
  const attributes: Record<string, number> = {};
  const invalid: Record<string, number> = {};
  const groups = new Set<string>();
  const emails = new Set<string>();
  let users = 0;
  let keepPassword = 0;
  let factorsCross = 0;
  let conflicts = 0;
  const pageSize = Math.min(1000, source.limits.maxPageSize);

  for await (const sourceUser of portableUsersFrom(from, { pageSize, cursor: null })) {
    if (options.limit !== undefined && users >= options.limit) break;
    users += 1;
    const user = options.mapping ? await options.mapping(sourceUser) : sourceUser;
    if (!user) {
      increment(invalid, 'left out by the mapping');
      continue;
    }
    const parsed = portableUserSchema.safeParse(user);
    if (!parsed.success) {
      const field = (parsed.error.issues[0]?.path ?? []).map(String).join('.') || 'user';
      increment(invalid, `invalid ${field}`);
      continue;
    }
    const email = user.email.toLowerCase();
    if (emails.has(email)) {
      increment(invalid, 'duplicate email in the source');
      continue;
    }
    emails.add(email);
    if (user.passwordHash === null) {
      increment(
        needPasswordReset,
        supportsOperation(source, 'transfer.exportUsers') && source.passwordHashes.exportable.length > 0
          ? 'no password at the source'
          : `${from.provider} does not export hashes`,
      );
    } else if (!supportsOperation(target, 'transfer.importUsers')) {
      increment(needPasswordReset, `${to.provider} has no bulk import`);
    } else if (target.passwordHashes.importable.includes(user.passwordHash.algorithm)) {
      keepPassword += 1;
    } else {
      increment(needPasswordReset, `${to.provider} cannot import ${user.passwordHash.algorithm} hashes`);
    }
    for (const factor of user.mfaFactors) {
      if (factor.type === 'totp' && target.totpSecrets.importable) factorsCross += 1;
      else if (factor.type === 'totp')
        increment(factorsReEnroll, `${to.provider} does not import TOTP secrets`);
      else increment(factorsReEnroll, `${factor.type} factors are not migrated`);
    }
    if (
      sourceUser.mfaFactors.length === 0 &&
      !source.totpSecrets.exportable &&
      source.mfaFactorTypes.length > 0
    ) {
      // The source cannot say who has an authenticator app, so this counts the users whose
      // factors are unknown, not the users known to have one.
      increment(
        factorsReEnroll,
        `${from.provider} does not export TOTP secrets: any of these users with an authenticator app re-enrolls`,
      );
    }
    for (const name of Object.keys(user.attributes)) increment(attributes, name);
    for (const group of user.groups) groups.add(group);
    if (checkConflicts && (await to.users.findByEmail(user.email))) conflicts += 1;
  }

  return {
    from: from.provider,
    to: to.provider,
    users,
    keepPassword,
    needPasswordReset,
    factorsCross,
    factorsReEnroll,
    attributes,
    groups: [...groups].sort(),
    conflicts,
    conflictsChecked: checkConflicts,
    invalid,
    bulkImport: supportsOperation(target, 'transfer.importUsers'),
    targetRateLimits: target.rateLimits.map(
      (rule) => `${rule.scope}: ${rule.requests} per ${rule.perSeconds} s`,
    ),
    warnings,
  };
}

/** The plan as the few lines a person reads before saying yes. */
export function formatMigrationPlan(plan: MigrationPlan): string {
  const entries = (record: Readonly<Record<string, number>>) =>
    Object.entries(record).map(([reason, count]) => `    ${count} — ${reason}`);
  return [
    `Migration plan: ${plan.from} → ${plan.to}`,
    `  users at the source: ${plan.users}`,
    `  keep their password: ${plan.keepPassword}`,
    `  need a password reset or lazy migration: ${Object.values(plan.needPasswordReset).reduce((a, b) => a + b, 0)}`,
    ...entries(plan.needPasswordReset),
    `  TOTP factors that cross: ${plan.factorsCross}`,
    `  factors needing re-enrollment: ${Object.values(plan.factorsReEnroll).reduce((a, b) => a + b, 0)}`,
    ...entries(plan.factorsReEnroll),
    `  attributes: ${
      Object.entries(plan.attributes)
        .map(([name, count]) => `${name} (${count})`)
        .join(', ') || 'none'
    }`,
    `  groups: ${plan.groups.join(', ') || 'none'}`,
    `  emails already at the target: ${plan.conflictsChecked ? plan.conflicts : 'not checked'}`,
    `  refused before sending: ${Object.values(plan.invalid).reduce((a, b) => a + b, 0)}`,
    ...entries(plan.invalid),
    `  target writes: ${plan.bulkImport ? 'bulk import' : 'one user at a time'}; rate limits: ${plan.targetRateLimits.join('; ') || 'none declared'}`,
    ...plan.warnings.map((warning) => `  note: ${warning}`),
  ].join('\n');
}
