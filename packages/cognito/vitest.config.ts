import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/test-support/global-setup.ts'],
    // The AWS SDK warns once per process that releases after January 2027 need Node 22;
    // the pinned 3.1169.0 supports Node 20. Silenced here only, to keep test output readable.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
