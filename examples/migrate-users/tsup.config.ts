import { defineConfig } from 'tsup';

export default defineConfig({
  // user-mapping is its own entry: the idport CLI loads dist/user-mapping.js with --mapping.
  entry: ['src/main.ts', 'src/user-mapping.ts', 'src/seed-source.ts'],
  format: ['esm'],
  sourcemap: true,
  clean: true,
  target: 'node20',
});
