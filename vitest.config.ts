import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite is single-threaded WASM; a few forks keep memory sane on 2 cores.
    pool: 'forks',
    maxWorkers: 2,
  },
});
