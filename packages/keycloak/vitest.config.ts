import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // One Keycloak fake serves every file; files run one after another so each test's spec
    // violations are attributed to it.
    globalSetup: ['src/__fixtures__/keycloak-fake-global-setup.ts'],
    fileParallelism: false,
    testTimeout: 30_000,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
