import type { PortableUser } from '@idport/core';

/**
 * Turns a source user into what the target receives: rename attributes, map groups, drop
 * fields. Return null to leave the user out (recorded as skipped, reason `MAPPING_SKIPPED`).
 * Errors it throws fail that user only (`MAPPING_FAILED`), never the run.
 */
export type UserMapping = (user: PortableUser) => PortableUser | null | Promise<PortableUser | null>;
