import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          root: './server',
          include: ['src/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['./src/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        test: {
          // The shared vocabulary's pure functions (matter search, distance).
          name: 'contracts',
          root: './contracts',
          include: ['src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          // Pure browser-side logic (the worker app's outbox, patrol, search): no DOM, no server.
          name: 'web',
          root: './web',
          include: ['src/**/*.test.ts', 'vite-plugins/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          root: './web',
          include: ['e2e/**/*.e2e.ts'],
          environment: 'node',
          // The same per-run database templates as the server's tests: each file's server starts
          // on a copy of the migrated demo county instead of migrating and loading it again.
          globalSetup: ['../server/src/test/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
