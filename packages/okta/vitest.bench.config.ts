import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** `pnpm bench:import`: the 2,000-user import at the fake's default rate budget (about six minutes). */
export default defineConfig({
  resolve: {
    alias: {
      '@idport/core': source('../core/src/index.ts'),
      '@idport/fakes': source('../fakes/src/index.ts'),
    },
  },
  test: {
    include: ['bench/**/*.bench-run.ts'],
    testTimeout: 20 * 60_000,
    reporters: ['default'],
  },
});
