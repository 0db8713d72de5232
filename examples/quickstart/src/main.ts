import { fileURLToPath } from 'node:url';
import { createIdentityProvider, IdentityError, loadConfig } from '@idport/core';
import { runQuickstart } from './run-quickstart';

// The provider comes only from configuration: idport.config.json here, overridden by
// IDPORT_PROVIDER and IDPORT_<PROVIDER>_* variables.
const configFile = fileURLToPath(new URL('../idport.config.json', import.meta.url));
const config = await loadConfig({ file: process.env.IDPORT_CONFIG ?? configFile });
const provider = await createIdentityProvider({
  ...config,
  onEvent: (event) => console.log(`  audit: ${event.type}${event.userId ? ` user=${event.userId}` : ''}`),
});
console.log(`idport quickstart against provider "${provider.provider}"`);
try {
  await runQuickstart(provider, (line) => console.log(`- ${line}`));
  console.log('quickstart finished');
} catch (error) {
  console.error(IdentityError.isInstance(error) ? `failed: ${error.code}: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  await provider.close();
}
