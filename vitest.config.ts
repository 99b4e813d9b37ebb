import { defineConfig } from 'vitest/config';

/** Node-side code (shared, server) runs in node; UI code (widget, extension, console) in happy-dom. */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/shared/**/*.test.ts', 'test/server/**/*.test.ts'],
          // Real databases and child processes on a 2-core CI machine: generous, never asserted on.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['test/widget/**/*.test.{ts,tsx}', 'test/extension/**/*.test.{ts,tsx}', 'test/console/**/*.test.{ts,tsx}', 'test/sync/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
