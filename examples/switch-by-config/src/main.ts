import { IdentityError } from '@idport/core';
import { seedDemoUsers } from './seed-demo-users';
import { startServer } from './start-server';

try {
  const server = await startServer();
  const settings = server.provider.provider === 'local' ? process.env.IDPORT_LOCAL_DATABASE : undefined;
  // Only a throwaway in-memory store gets demo users; a real database is left alone.
  if (
    server.provider.provider === 'local' &&
    (settings === undefined || settings === ':memory:') &&
    !process.env.IDPORT_CONFIG
  ) {
    const seeded = await seedDemoUsers(server.provider);
    if (seeded.length > 0) console.log(`demo users: ${seeded.join(', ')} (password in the example's README)`);
  }
  console.log(`idport example on ${server.url} with provider "${server.provider.provider}"`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(IdentityError.isInstance(error) ? `failed: ${error.code}: ${error.message}` : error);
  process.exit(1);
}
