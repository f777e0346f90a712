import { defineConfig } from 'vitest/config';

/**
 * Two groups: fast unit tests beside the code, and end-to-end tests that start the real server,
 * Chromium and (later) the keychain daemon. `npm test` runs both; each can run alone.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            '{common,main,preload,server,renderer,scripts,build}/**/*.test.{ts,tsx}',
            'test/integration/**/*.test.ts',
            'test/fuzz/**/*.test.ts',
          ],
          exclude: ['**/*.keychain.test.ts', '**/node_modules/**'],
          environment: 'node',
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'keychain',
          include: ['**/*.keychain.test.ts'],
          exclude: ['**/node_modules/**'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
