import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { ApiEnv } from './api-env.js';

/** Paths that belong to the API; everything else under GET is the single-page web UI. */
export const API_PATH_PREFIXES = ['/api/', '/healthz', '/readyz', '/openapi.json', '/problems/'] as const;

function isApiPath(path: string): boolean {
  return API_PATH_PREFIXES.some((prefix) => path === prefix.replace(/\/$/, '') || path.startsWith(prefix));
}

/**
 * Serves the built web UI: hashed assets with a long cache life, and index.html for every other GET so the
 * UI's own router handles deep links. Without a build, a short page says how to make one.
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
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('cache-control', 'public, max-age=31536000, immutable');
  });
  app.use('*', async (c, next) => (isApiPath(c.req.path) ? next() : serveStatic<ApiEnv>({ root: webRoot })(c, next)));
  app.get('*', async (c, next) => {
    if (isApiPath(c.req.path) || c.req.path.startsWith('/assets/')) return next();
    c.header('cache-control', 'no-cache');
    return serveStatic<ApiEnv>({ path: indexPath })(c, next);
  });
}
