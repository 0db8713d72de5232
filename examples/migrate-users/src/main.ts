import { mkdir } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { IdentityError, loadConfig } from '@idport/core';
import { migrateUsers } from './migrate-users';

// node dist/main.js --from configs/source.json --to configs/target.json [--dry-run]
const { values } = parseArgs({
  options: {
    from: { type: 'string', default: 'configs/source.json' },
    to: { type: 'string', default: 'configs/target.json' },
    state: { type: 'string', default: 'data/migration-state.db' },
    report: { type: 'string', default: 'data/migration-report.json' },
    failures: { type: 'string', default: 'data/migration-failures.ndjson' },
    'dry-run': { type: 'boolean', default: false },
  },
});

await mkdir('data', { recursive: true });
try {
  // env: {} so an IDPORT_PROVIDER in the shell cannot turn both sides into one provider.
  const { failures } = await migrateUsers({
    from: await loadConfig({ file: values.from, env: {} }),
    to: await loadConfig({ file: values.to, env: {} }),
    stateFile: values.state,
    reportFile: values.report,
    failureFile: values.failures,
    dryRun: values['dry-run'],
    log: (line) => console.log(line),
  });
  if (failures > 0) console.log(`${failures} users need attention: see ${values.failures}`);
  process.exitCode = failures > 0 ? 1 : 0;
} catch (error) {
  console.error(IdentityError.isInstance(error) ? `failed: ${error.code}: ${error.message}` : error);
  process.exitCode = 2;
}
