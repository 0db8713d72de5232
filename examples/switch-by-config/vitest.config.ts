import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// The AWS SDK's Node 22 notice, printed once per process (globalSetup runs cognito-local's
// pool setup in this one); the pinned 3.1169.0 supports Node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/test-support/global-setup.ts'],
    // The browser files mostly wait on Chromium and the peers: two at once even on a 2-core
    // machine (where vitest's default is one worker) took the run from about 38 s to 32 s.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
