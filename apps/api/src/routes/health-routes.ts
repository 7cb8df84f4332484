import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { Liveness, Readiness } from '@carapace/contracts';
import { checkDatabaseHealth, type DatabaseHandle } from '@carapace/store';
import type { ApiEnv } from '../http/api-env.js';

export interface HealthDependencies {
  readonly database: DatabaseHandle;
  readonly version: string;
  readonly startedAt: Date;
  readonly clock: () => Date;
  readonly isShuttingDown: () => boolean;
}

const livenessRoute = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['Platform'],
  summary: 'Liveness: the process serves HTTP',
  responses: { 200: { description: 'Alive', content: { 'application/json': { schema: Liveness } } } },
});

const readinessRoute = createRoute({
  method: 'get',
  path: '/readyz',
  tags: ['Platform'],
  summary: 'Readiness: the database answers and its schema is current',
  responses: {
    200: { description: 'Ready to serve', content: { 'application/json': { schema: Readiness } } },
    503: {
      description:
        'Not ready: the database is unreachable, migrations are not current, or the server is stopping',
      content: { 'application/json': { schema: Readiness } },
    },
  },
});

export function healthRoutes(dependencies: HealthDependencies): OpenAPIHono<ApiEnv> {
  const uptimeSeconds = (): number =>
    (dependencies.clock().getTime() - dependencies.startedAt.getTime()) / 1000;
  const engine: 'postgres' | 'pglite' =
    dependencies.database.target.kind === 'postgres' ? 'postgres' : 'pglite';

  return new OpenAPIHono<ApiEnv>()
    .openapi(livenessRoute, (c) =>
      c.json({ status: 'ok' as const, version: dependencies.version, uptimeSeconds: uptimeSeconds() }, 200),
    )
    .openapi(readinessRoute, async (c) => {
      const health = await checkDatabaseHealth(dependencies.database.db);
      if (!health.reachable) {
        // The cause goes to the log; this endpoint is public and says only what an operator needs to look.
        c.get('logger').warn({ reason: health.error }, 'readiness check: the database does not answer');
      }
      const database = health.reachable
        ? {
            engine,
            description: dependencies.database.description,
            reachable: true,
            latencyMs: Math.round(health.latencyMs * 100) / 100,
            serverVersion: health.serverVersion,
          }
        : {
            engine,
            description: dependencies.database.description,
            reachable: false,
            error: 'the database does not answer; the server log has the cause',
          };
      const migrations = health.reachable
        ? {
            current: health.migrations.current,
            applied: [...health.migrations.applied],
            pending: [...health.migrations.pending],
            unknown: [...health.migrations.unknown],
          }
        : null;
      const ready = health.reachable && health.migrations.current && !dependencies.isShuttingDown();
      const body = {
        status: ready ? ('ready' as const) : ('not_ready' as const),
        version: dependencies.version,
        uptimeSeconds: uptimeSeconds(),
        checkedAt: dependencies.clock().toISOString(),
        database,
        migrations,
      };
      return ready ? c.json(body, 200) : c.json(body, 503);
    });
}
