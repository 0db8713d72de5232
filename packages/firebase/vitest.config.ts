import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Starts the Firebase Auth emulator once for the whole run and stops it afterwards.
    globalSetup: ['./src/__fixtures__/start-auth-emulator.ts'],
    // Every test file talks to the one emulator and resets it; files must not interleave.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
