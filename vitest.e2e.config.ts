import { defineConfig } from 'vitest/config';

/** The browser suite: real server, built web app, headless Chromium. Run after `vite build`. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // One browser and one in-memory server at a time: predictable on a 2-core machine.
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
