export { AdaptiveConcurrency } from './adaptive-concurrency';
export { createMigratingProvider, type MigratingProviderOptions } from './create-migrating-provider';
export type { MigrationProgress } from './migration-progress';
export { formatMigrationResult, writeMigrationReport } from './migration-report';
export type {
  MigrationCounts,
  MigrationStateStore,
  MigrationUserRecord,
  MigrationUserStatus,
} from './migration-state-store';
export { formatMigrationPlan, type MigrationPlan, planMigration } from './plan-migration';
export { createProgressDisplay, type ProgressStream } from './progress-display';
export { type MigrationResult, type RunMigrationOptions, runMigration } from './run-migration';
export { createSqliteStateStore } from './sqlite-migration-state-store';
export type { UserMapping } from './user-mapping';
