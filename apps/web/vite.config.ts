import { defaultClientConditions, defineConfig } from 'vite';

// Where `npm start` (or `carapace serve`) listens while the UI runs on the Vite dev server.
const API_ORIGIN = 'http://127.0.0.1:3000';

export default defineConfig({
  resolve: {
    // Workspace packages export their TypeScript sources under this condition, so the UI never waits for
    // (or goes stale against) a `tsc` build of @carapace/contracts.
    conditions: ['@carapace/source', ...defaultClientConditions],
  },
  server: {
    proxy: Object.fromEntries(
      ['/api', '/healthz', '/readyz', '/openapi.json', '/problems'].map((prefix) => [prefix, API_ORIGIN]),
    ),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod places explanatory comments where Rollup looks for /*#__PURE__*/ annotations; Rollup only
        // drops those comments, the code is unaffected, and the warning is not ours to fix.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/node_modules/zod/') === true)
          return;
        warn(warning);
      },
    },
  },
});
