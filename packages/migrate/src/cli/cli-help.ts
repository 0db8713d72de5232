const overview = `idport — move users between identity providers

Usage:
  idport migrate plan   --from <source.json> --to <target.json> [options]
  idport migrate run    --from <source.json> --to <target.json> [options]
  idport migrate status --state <file> --run-id <id>

Provider files are JSON or YAML: { "provider": "auth0", "settings": { ... } }.
IDPORT_MIGRATE_FROM, IDPORT_MIGRATE_TO and IDPORT_MIGRATE_STATE may replace the flags.
Every command runs with a bounded JavaScript heap: --heap-limit-mib <n> (or
IDPORT_HEAP_LIMIT_MIB; default 1024, at least 128) raises or lowers it.
Exit codes: 0 done, 1 failures recorded (see the failure file), 2 usage or configuration
error, 130 stopped by Ctrl-C after the current page (run again to continue).
Run "idport migrate <command> --help" for the options of a command.`;

const planHelp = `idport migrate plan — say what a migration would do, writing nothing

  --from <file>          source provider config (required)
  --to <file>            target provider config (required)
  --mapping <module>     ES module whose default export maps each user (or returns null to leave it out)
  --limit <n>            plan from the first n source users only
  --no-conflict-check    do not look every email up at the target
  --json                 print the plan as JSON`;

const runHelp = `idport migrate run — migrate, resumably

  --from <file>          source provider config (required)
  --to <file>            target provider config (required)
  --state <file>         resumable state database (default ./idport-migration.db)
  --run-id <id>          names the run; the same id resumes it (default <from>-to-<to>)
  --conflict <policy>    email already at the target: skip (default), update, fail
  --mapping <module>     ES module whose default export maps each user
  --page-size <n>        source page size (default: the source's maximum, ≤ 1000)
  --batch-size <n>       users per target call (default: the target's bulk limit)
  --concurrency <n>      most target calls in flight (default 4; halves on 429, then recovers)
  --send-invitations     let the target send welcome/verification messages (off by default)
  --dry-run              print the plan and write nothing
  --report <file>        JSON report (default ./migration-report.json)
  --failures <file>      NDJSON failure file (default ./migration-failures.ndjson)
  --json                 machine-readable output, no progress display
  --heap-limit-mib <n>   JavaScript heap limit (default 1024); a run that reaches it stops and resumes`;

const statusHelp = `idport migrate status — counts of a recorded run

  --state <file>         state database (default ./idport-migration.db)
  --run-id <id>          the run (required)
  --json                 print JSON`;

/** The help text for `idport [group] [command] --help`. */
export function cliHelp(group?: string, command?: string): string {
  if (group === 'migrate' && command === 'plan') return planHelp;
  if (group === 'migrate' && command === 'run') return runHelp;
  if (group === 'migrate' && command === 'status') return statusHelp;
  return overview;
}
