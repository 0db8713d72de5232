import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Workspace packages from source, so `pnpm test` works on a fresh clone before any build.
    alias: {
      '@idport/core': source('../core/src/index.ts'),
      '@idport/fakes': source('../fakes/src/index.ts'),
      '@idport/password-hashes': source('../password-hashes/src/index.ts'),
      '@idport/contract-tests': source('../../adapters-contract-tests/src/index.ts'),
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    // Each file starts its own in-process Auth0 fake; files run one after another so the
    // two heavy suites (contract, 5,000-user import) do not compete for the CPU.
    fileParallelism: false,
    testTimeout: 30_000,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
