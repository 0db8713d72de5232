import { defineConfig } from 'vitest/config';

/** `pnpm bench:import`: the 2,000-user import at the fake's default rate budget (about four minutes). */
export default defineConfig({
  test: {
    include: ['bench/**/*.bench-run.ts'],
    testTimeout: 20 * 60_000,
    reporters: ['default'],
  },
});
