import { mkdir } from 'node:fs/promises';
import { createIdentityProvider, loadConfig } from '@idport/core';
import { seedUsers } from './seed-users';

// node dist/seed-source.js [configs/source.json]: six users in the old provider to migrate.
await mkdir('data', { recursive: true });
const provider = await createIdentityProvider(
  await loadConfig({ file: process.argv[2] ?? 'configs/source.json', env: {} }),
);
try {
  const seeded = await seedUsers(provider);
  console.log(`seeded ${seeded.emails.length} users at ${provider.provider}: ${seeded.emails.join(', ')}`);
} finally {
  await provider.close();
}
