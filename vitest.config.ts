import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // `npm run test:coverage` (the unit tests, measured): the logic must stay tested. Pages,
    // components, the CLI, the integration and the reader's scripts are covered by the build and
    // browser tests instead, which run in other processes.
    coverage: {
      provider: 'v8',
      include: ['src/{bibliography,citeproc,sources,markdown,checks,render,search,publishing,pipeline,lib,schemas}/**/*.ts'],
      reporter: ['text-summary', 'json-summary'],
      thresholds: { lines: 87, statements: 87, branches: 84, functions: 92 },
    },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          // Some units read every fixture or run citeproc on a whole essay: seconds on a shared machine.
          testTimeout: 30_000,
          // Units check what the code computes, never what an earlier run left in a build cache.
          env: { APPARATUS_CACHE: 'off' },
        },
      },
      {
        test: {
          name: 'build',
          include: ['tests/build/**/*.test.ts'],
          // Builds the site once (the real `npm run build`) before any build test reads dist/.
          globalSetup: ['tests/support/build-once.ts'],
          testTimeout: 120_000,
          // Builds in sandboxes run side by side, as many as the machine's two cores serve well.
          maxConcurrency: 3,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          // Builds the site, serves dist/ on a free localhost port and finds Chromium.
          globalSetup: ['tests/support/build-once.ts', 'tests/e2e/setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
