import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the "@carapace/source" export condition,
// so tests never need a build of the libraries they test.
const sourceConditions = ['@carapace/source'];

export default defineConfig({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions, externalConditions: sourceConditions } },
  test: {
    globalSetup: ['packages/store/src/testing/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'packages', include: ['packages/*/src/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'apps',
          include: ['apps/api/src/**/*.test.ts', 'apps/cli/src/**/*.test.ts', 'test/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'browser', include: ['apps/web/e2e/**/*.test.ts'] },
      },
    ],
  },
});
