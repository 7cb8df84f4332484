import { OpenAPIHono, createRoute, type z } from '@hono/zod-openapi';
import {
  AuditLogQuery,
  AuditRecordList,
  AuditVerification,
  Problem,
  PROBLEM_CONTENT_TYPE,
  SignedTreeHead,
} from '@carapace/contracts';
import { IDENTITY_ACCESS_RULES, type AuditRecord, type UnitOfWorkFactory } from '@carapace/domain';
import type { AuditLogService } from '../audit/audit-log-service.js';
import type { ApiEnv } from '../http/api-env.js';
import { authorise } from '../http/request-access.js';

const problemContent = { [PROBLEM_CONTENT_TYPE]: { schema: Problem } };
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const TAG = 'Audit log';

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/audit-log',
  tags: [TAG],
  summary: 'Search the caller’s organisation’s audit records, newest first (auditor, compliance officer)',
  request: { query: AuditLogQuery },
  responses: {
    200: { description: 'Records', content: json(AuditRecordList) },
    403: { description: 'Not allowed', content: problemContent },
  },
});

const treeHeadRoute = createRoute({
  method: 'get',
  path: '/api/v1/audit-log/tree-head',
  tags: [TAG],
  summary: 'The newest signed tree head (Ed25519 over the RFC 6962 root)',
  responses: {
    200: {
      description: 'The head (null before the first checkpoint)',
      content: json(SignedTreeHead.nullable()),
    },
  },
});

const verifyRoute = createRoute({
  method: 'post',
  path: '/api/v1/audit-log/verification',
  tags: [TAG],
  summary: 'Verify the whole log against its exported signed tree heads',
  responses: {
    200: { description: 'The result (ok false lists each problem)', content: json(AuditVerification) },
  },
});

function recordToWire(record: AuditRecord) {
  return { ...record, recordedAt: record.recordedAt.toISOString(), details: { ...record.details } };
}

export interface AuditRouteServices {
  readonly unitOfWorkFor: UnitOfWorkFactory;
  readonly auditLog: AuditLogService;
}

/**
 * Reading the log is tenant-limited (an insurer's auditor sees the records of their own organisation's
 * people); verification covers the whole log, since its Merkle tree does, and reports only sequence numbers.
 */
export function auditRoutes(services: AuditRouteServices): OpenAPIHono<ApiEnv> {
  return new OpenAPIHono<ApiEnv>()
    .openapi(listRoute, async (c) => {
      const { unitOfWork, actor } = await authorise(
        c,
        services.unitOfWorkFor,
        IDENTITY_ACCESS_RULES,
        'audit.read',
      );
      const query = c.req.valid('query');
      const filter = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined));
      const records = await unitOfWork.run(async (repositories) => {
        const found = await repositories.audit.list({
          ...filter,
          limit: query.limit,
          tenantId: actor.tenantId,
        });
        await repositories.audit.record({
          action: 'list',
          objectType: 'audit_log',
          objectId: null,
          result: 'success',
          rows: found.length,
        });
        return found;
      });
      return c.json({ items: records.map(recordToWire) }, 200);
    })
    .openapi(treeHeadRoute, async (c) => {
      await authorise(c, services.unitOfWorkFor, IDENTITY_ACCESS_RULES, 'audit.verify');
      return c.json(await services.auditLog.latestTreeHead(), 200);
    })
    .openapi(verifyRoute, async (c) => {
      const { unitOfWork } = await authorise(
        c,
        services.unitOfWorkFor,
        IDENTITY_ACCESS_RULES,
        'audit.verify',
      );
      const report = await services.auditLog.verify();
      await unitOfWork.run((repositories) =>
        repositories.audit.record({
          action: 'verify',
          objectType: 'audit_log',
          objectId: null,
          result: report.ok ? 'success' : 'failed',
          details: { problems: report.problems.length, records: report.checkedRecords },
        }),
      );
      return c.json(
        {
          ok: report.ok,
          checkedRecords: report.checkedRecords,
          checkedTreeHeads: report.checkedTreeHeads,
          latestTreeHead: report.latestTreeHead,
          publicKey: report.publicKey,
          problems: report.problems.map((problem) => ({ ...problem })),
        },
        200,
      );
    });
}
