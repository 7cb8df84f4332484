import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import { Problem, PROBLEM_CONTENT_TYPE } from '@carapace/contracts';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type {
  LossSimulator,
  MonitoringServices,
  PersonalDataProtection,
  ProductCatalogue,
  UnitOfWorkFactory,
} from '@carapace/domain';
import type { SessionTokenCodec } from '@carapace/security';
import type { DatabaseHandle } from '@carapace/store';
import type { DocumentRenderer } from './documents/document-renderer.js';
import type { ApiEnv } from './http/api-env.js';
import type { InFlightRequests } from './http/in-flight-requests.js';
import { PROBLEM_CATALOGUE, isProblemCode } from './http/problem-catalogue.js';
import { invalidParamsOf, problemForError, problemJson } from './http/problem-response.js';
import { mountWebAssets } from './http/web-assets.js';
import type { Logger } from './logger.js';
import { renderApiReferencePage } from './routes/api-reference-page.js';
import { authenticate, documentAuthentication } from './http/authentication.js';
import type { AuditLogService } from './audit/audit-log-service.js';
import { auditRoutes } from './routes/audit-routes.js';
import { documentRoutes } from './routes/document-routes.js';
import { identityRoutes } from './routes/identity-routes.js';
import { isInventoryMediaType } from './monitoring/monitoring-wire-format.js';
import { isInventoryUpload, MAX_INVENTORY_BODY_BYTES, monitoringRoutes } from './routes/monitoring-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { organisationRoutes } from './routes/organisation-routes.js';
import { privacyRoutes } from './routes/privacy-routes.js';
import { underwritingRoutes } from './routes/underwriting-routes.js';

export interface ApiDependencies {
  readonly database: DatabaseHandle;
  /** Units of work limited to a caller's tenant and audited (see http/request-access.ts). */
  readonly unitOfWorkFor: UnitOfWorkFactory;
  /** Signs and checks session tokens (JWT) with the keyring's session key. */
  readonly sessionTokens: SessionTokenCodec;
  /** Signed tree heads (exported outside the database) and verification of the audit log. */
  readonly auditLog: AuditLogService;
  readonly logger: Logger;
  readonly version: string;
  readonly startedAt: Date;
  /** Directory of the built web UI, or null to serve only the API. */
  readonly webRoot: string | null;
  readonly isShuttingDown: () => boolean;
  readonly clock?: () => Date;
  readonly catalogue: ProductCatalogue;
  readonly simulate: LossSimulator;
  /** Prints documents to PDF; without it the document routes answer 503 `document_renderer_unavailable`. */
  readonly documents?: DocumentRenderer;
  /**
   * Field encryption, blind indexes and crypto-shredding of personal data (the key vault). Without it the
   * personal-data routes are not mounted.
   */
  readonly privacy?: PersonalDataProtection;
  /**
   * What the monitoring use cases need (the advisory index cache, the same protection as `privacy`, the
   * underwriting model for mid-term snapshots). Without it the monitoring routes are not mounted.
   */
  readonly monitoring?: MonitoringServices;
  /** Counts running handlers so a stop can wait for them (the platform passes one; tests may omit it). */
  readonly inFlight?: InFlightRequests;
}

const MAX_BODY_BYTES = 1024 * 1024;
const REQUEST_ID_PATTERN = /^[\w.:-]{1,128}$/;

export function buildApp(dependencies: ApiDependencies): OpenAPIHono<ApiEnv> {
  const clock = dependencies.clock ?? ((): Date => new Date());
  const app = new OpenAPIHono<ApiEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        return problemJson(c, {
          code: 'validation_failed',
          detail: 'One or more values are missing or not valid; see invalidParams.',
          invalidParams: invalidParamsOf(result.error, result.target),
        });
      }
      return undefined;
    },
  });

  const inFlight = dependencies.inFlight;
  if (inFlight !== undefined) {
    app.use('*', async (_c, next) => {
      inFlight.enter();
      try {
        await next();
      } finally {
        inFlight.leave();
      }
    });
  }

  // A caller's request id is kept (so a trace spans systems) only when it is a harmless token.
  app.use('*', async (c, next) => {
    const offered = c.req.header('x-request-id');
    const requestId = offered !== undefined && REQUEST_ID_PATTERN.test(offered) ? offered : randomUUID();
    const logger = dependencies.logger.child({ requestId });
    c.set('requestId', requestId);
    c.set('logger', logger);
    c.header('x-request-id', requestId);
    const started = performance.now();
    await next();
    // While stopping, every response closes its connection, so keep-alive sockets cannot hold the stop open.
    if (dependencies.isShuttingDown()) c.header('connection', 'close');
    logger.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        durationMs: Math.round(performance.now() - started),
      },
      'request',
    );
  });

  app.use('/api/*', async (c, next) => {
    if (dependencies.isShuttingDown()) {
      return problemJson(c, {
        code: 'shutting_down',
        detail: 'Retry against another instance or in a moment.',
      });
    }
    return next();
  });

  const limitBody = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: (c: Context<ApiEnv>) =>
        problemJson(c, { code: 'payload_too_large', detail: `The limit is ${maxSize} bytes.` }),
    });
  const limitSmallBody = limitBody(MAX_BODY_BYTES);
  // An SBOM of a large application runs to megabytes: its upload alone gets a larger limit.
  const limitInventoryBody = limitBody(MAX_INVENTORY_BODY_BYTES);
  const limitBodies: MiddlewareHandler<ApiEnv> = (c, next) =>
    isInventoryUpload(c.req.method, c.req.path) ? limitInventoryBody(c, next) : limitSmallBody(c, next);
  app.use('/api/*', limitBodies);

  // JSON bodies only (and an inventory upload's SBOM or CSV): a form post or a missing content type gets a
  // clear 415 instead of a confusing 400.
  app.use('/api/*', async (c, next) => {
    // A POST that sends nothing (acknowledge an alert, verify the log) has no media type to check; a route
    // that needs a body still rejects the missing one through its schema, with a 400 naming it.
    const sendsBody =
      c.req.header('transfer-encoding') !== undefined || Number(c.req.header('content-length') ?? '0') > 0;
    const hasBody =
      sendsBody && (c.req.method === 'POST' || c.req.method === 'PUT' || c.req.method === 'PATCH');
    const contentType = c.req.header('content-type') ?? '';
    if (isInventoryUpload(c.req.method, c.req.path)) {
      if (isInventoryMediaType(contentType)) return next();
      return problemJson(c, {
        code: 'unsupported_media_type',
        detail: `Got content type '${contentType || '(none)'}'; send application/vnd.cyclonedx+json, application/json or text/csv.`,
      });
    }
    if (hasBody && !/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) {
      return problemJson(c, {
        code: 'unsupported_media_type',
        detail: `Got content type '${contentType || '(none)'}'.`,
      });
    }
    return next();
  });

  app.route(
    '/',
    healthRoutes({
      database: dependencies.database,
      version: dependencies.version,
      startedAt: dependencies.startedAt,
      clock,
      isShuttingDown: dependencies.isShuttingDown,
    }),
  );
  app.use(
    '/api/*',
    authenticate({
      unitOfWorkFor: dependencies.unitOfWorkFor,
      sessionTokens: dependencies.sessionTokens,
      clock,
    }),
  );
  app.route(
    '/',
    identityRoutes({
      unitOfWorkFor: dependencies.unitOfWorkFor,
      sessionTokens: dependencies.sessionTokens,
      now: clock,
    }),
  );
  app.route('/', auditRoutes({ unitOfWorkFor: dependencies.unitOfWorkFor, auditLog: dependencies.auditLog }));
  app.route('/', organisationRoutes(dependencies.unitOfWorkFor));
  app.route(
    '/',
    underwritingRoutes({
      unitOfWorkFor: dependencies.unitOfWorkFor,
      catalogue: dependencies.catalogue,
      simulate: dependencies.simulate,
      now: clock,
      ...(dependencies.monitoring === undefined
        ? {}
        : { advisoryIndex: dependencies.monitoring.advisoryIndex.bind(dependencies.monitoring) }),
    }),
  );
  app.route(
    '/',
    documentRoutes({
      unitOfWorkFor: dependencies.unitOfWorkFor,
      catalogue: dependencies.catalogue,
      now: clock,
      documents: dependencies.documents,
    }),
  );

  if (dependencies.privacy !== undefined) {
    app.route(
      '/',
      privacyRoutes({
        unitOfWorkFor: dependencies.unitOfWorkFor,
        protection: dependencies.privacy,
        now: clock,
      }),
    );
  }

  if (dependencies.monitoring !== undefined) {
    app.route(
      '/',
      monitoringRoutes({ unitOfWorkFor: dependencies.unitOfWorkFor, monitoring: dependencies.monitoring }),
    );
  }

  const openApiConfig = {
    openapi: '3.1.0',
    info: {
      title: 'Carapace API',
      version: dependencies.version,
      description:
        'Cyber-insurance risk platform: assess, underwrite, monitor, claim, portfolio. ' +
        '网络安全保险风险平台：评估、承保、监测、理赔、组合管理。',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    // Every operation needs a session or API token except sign-in, products and the stateless assessment.
    security: [{ bearerAuth: [] }],
  };
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'A session token from POST /api/v1/sessions, or a partner API token (cpt_…).',
  });
  documentAuthentication(app.openAPIRegistry.definitions, {
    [PROBLEM_CONTENT_TYPE]: { schema: Problem },
  });
  app.doc31('/openapi.json', openApiConfig);
  app.get('/api/reference', (c) => c.html(renderApiReferencePage(app.getOpenAPI31Document(openApiConfig))));
  app.get('/problems/:code', (c) => {
    const code = c.req.param('code');
    if (!isProblemCode(code)) return problemJson(c, { code: 'route_not_found' });
    const entry = PROBLEM_CATALOGUE[code];
    return c.json({
      code,
      status: entry.status,
      title: entry.title,
      titleZh: entry.titleZh,
      reference: `/api/reference#problem-${code}`,
    });
  });

  app.all('/api/*', (c) =>
    problemJson(c, { code: 'route_not_found', detail: `${c.req.method} ${c.req.path} is not an API route.` }),
  );
  if (dependencies.webRoot !== null) {
    mountWebAssets(app, dependencies.webRoot);
  }
  app.notFound((c) =>
    problemJson(c, { code: 'route_not_found', detail: `${c.req.method} ${c.req.path} was not found.` }),
  );
  app.onError((error, c) => problemForError(c, error));
  return app;
}
