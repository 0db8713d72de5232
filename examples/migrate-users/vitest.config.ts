import { defineConfig } from 'vitest/config';

// The AWS SDK's Node 22 notice, printed once per process (globalSetup runs cognito-local's
// pool setup in this one); the pinned 3.1169.0 supports Node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Starts every peer once for the run (cognito-local, the Firebase Auth emulator, the
    // Keycloak, Okta and Auth0 fakes) on free loopback ports, and stops them afterwards.
    globalSetup: ['src/test-support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
