import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Workspace packages from source, so `pnpm test` works right after `pnpm install`
    // on a fresh clone, without building core and the contract suite first.
    alias: {
      '@idport/core': source('../core/src/index.ts'),
      '@idport/contract-tests': source('../../adapters-contract-tests/src/index.ts'),
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    // Starts the Firebase Auth emulator once for the whole run and stops it afterwards.
    globalSetup: ['./src/__fixtures__/start-auth-emulator.ts'],
    // Every test file talks to the one emulator and resets it: files must not interleave.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
