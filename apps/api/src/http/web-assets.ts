import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { ApiEnv } from './api-env.js';

/**
 * Serves the built web UI: hashed assets with a long cache life, and index.html for every other GET so the
 * UI's own router handles deep links. A missing asset is a 404, never index.html: an old tab asking for
 * a chunk of a previous build must not cache HTML under a script's name. Call it after the API routes are
 * registered. Without a build, a short page says how to make one.
 */
export function mountWebAssets(app: Hono<ApiEnv>, webRoot: string): void {
  const indexPath = join(webRoot, 'index.html');
  if (!existsSync(indexPath)) {
    app.get('/', (c) =>
      c.html(
        '<!doctype html><meta charset="utf-8"><title>Carapace</title>' +
          '<p>网页界面尚未构建。The web UI is not built: run <code>npm run build</code>. ' +
          'The API is up: <a href="/api/reference">API reference</a>.</p>',
      ),
    );
    return;
  }
  // Mounted after every API route, so these only see paths the API did not answer.
  app.get(
    '/assets/*',
    serveStatic<ApiEnv>({
      root: webRoot,
      onFound: (_path, c) => {
        c.header('cache-control', 'public, max-age=31536000, immutable');
      },
    }),
  );
  app.get('/assets/*', (c) => c.text('Not found', 404));
  app.get('*', serveStatic<ApiEnv>({ root: webRoot }));
  app.get(
    '*',
    serveStatic<ApiEnv>({
      path: indexPath,
      onFound: (_path, c) => {
        c.header('cache-control', 'no-cache');
      },
    }),
  );
}
