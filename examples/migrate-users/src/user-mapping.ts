import type { PortableUser } from '@idport/core';

/** Group names at the old provider → names the new one uses. Others move unchanged. */
export const groupRenames: Readonly<Record<string, string>> = {
  Administrators: 'admins',
  'Support Staff': 'support',
};

/**
 * The mapping both the CLI (`--mapping dist/user-mapping.js`) and the library run use:
 * leaves QA accounts behind, renames groups, moves `legacy_plan` to `plan` and drops
 * attributes the new provider should not keep. Pure: the same user maps the same way on a
 * resumed run. Returning null records the user as skipped (`MAPPING_SKIPPED`).
 */
export default function mapUser(user: PortableUser): PortableUser | null {
  if (user.email.endsWith('@test.invalid')) return null;
  const { legacy_plan: legacyPlan, internal_notes: _dropped, ...attributes } = user.attributes;
  return {
    ...user,
    email: user.email.toLowerCase(),
    attributes: legacyPlan === undefined ? attributes : { ...attributes, plan: legacyPlan },
    groups: user.groups.map((group) => groupRenames[group] ?? group),
  };
}
