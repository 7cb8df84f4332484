import { OpenAPIHono, createRoute, type z } from '@hono/zod-openapi';
import {
  AlertListQuery,
  AlertPage,
  AlertRuleList,
  Alert as AlertSchema,
  AssetListUpload,
  CycloneDxSbomUpload,
  DefineAlertRuleRequest,
  DefinedAlertRule,
  EnrolInsuredRequest,
  FeedRunsQuery,
  FeedStatus,
  FindingDetail,
  FindingListQuery,
  FindingPage,
  Finding as FindingSchema,
  InventoryList,
  MonitoredInsuredDetail,
  MonitoredInsuredList,
  MonitoredInsured as MonitoredInsuredSchema,
  MonitoringIdParams,
  PartnerEventOutcome,
  PartnerEventRequest,
  Problem,
  PROBLEM_CONTENT_TYPE,
  RescanOutcome as RescanOutcomeSchema,
  RiskSnapshotList,
  TriageRequest,
  UploadedInventory,
} from '@carapace/contracts';
import {
  acknowledgeAlert,
  closeAlert,
  defineAlertRule,
  enrolInsured,
  receivePartnerEvent,
  rescanInsured,
  triageFinding,
  uploadInventory,
  MONITORING_ACCESS_RULES,
  type MonitoringAction,
  type MonitoringServices,
  type UnitOfWorkFactory,
} from '@carapace/domain';
import type { Context } from 'hono';
import { toJSONSchema } from 'zod';
import type { ApiEnv } from '../http/api-env.js';
import { authorise } from '../http/request-access.js';
import {
  getFinding,
  getMonitoredInsured,
  listAlertRules,
  listAlerts,
  listFeedRuns,
  listFindings,
  listInventories,
  listMonitoredInsureds,
  listRiskSnapshots,
} from '../monitoring/monitoring-queries.js';
import {
  INVENTORY_MEDIA_TYPES,
  alertConditionFromWire,
  alertRuleToWire,
  alertToWire,
  feedStatusToWire,
  findingEventToWire,
  findingToWire,
  insuredDetailToWire,
  insuredToWire,
  inventoryToWire,
  partnerEventFromWire,
  partnerEventToWire,
  readInventoryUpload,
  rescanToWire,
  snapshotToWire,
  triageDecisionFromWire,
} from '../monitoring/monitoring-wire-format.js';

const problemContent = { [PROBLEM_CONTENT_TYPE]: { schema: Problem } };
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const jsonBody = <T extends z.ZodType>(schema: T) => ({ required: true, content: json(schema) });
const problem = (description: string) => ({ description, content: problemContent });
const invalid = problem('The request is not valid');
const insuredNotFound = problem('No such monitored insured visible to your organisation');
const TAG_INSUREDS = 'Monitoring: insureds and inventories';
const TAG_FINDINGS = 'Monitoring: findings';
const TAG_ALERTS = 'Monitoring: alerts';
const TAG_FEEDS = 'Monitoring: feeds';

/** The largest inventory upload (a CycloneDX SBOM of a large application runs to a few megabytes). */
export const MAX_INVENTORY_BODY_BYTES = 20 * 1024 * 1024;

/** The one route whose body is not a small JSON document: the inventory upload. */
export function isInventoryUpload(method: string, path: string): boolean {
  return method === 'POST' && /^\/api\/v1\/monitored-insureds\/[^/]+\/inventories$/.test(path);
}

const enrolRoute = createRoute({
  method: 'post',
  path: '/api/v1/monitored-insureds',
  tags: [TAG_INSUREDS],
  summary: 'Start watching an insured company (with a KEV-only inbox alert rule)',
  request: { body: jsonBody(EnrolInsuredRequest) },
  responses: {
    201: { description: 'Enrolled', content: json(MonitoredInsuredSchema) },
    400: invalid,
    404: problem('No such insured company or policy visible to the insurer'),
    409: problem('The company is already monitored'),
    422: problem('The broker or partner named is not of that kind'),
  },
});

const listInsuredsRoute = createRoute({
  method: 'get',
  path: '/api/v1/monitored-insureds',
  tags: [TAG_INSUREDS],
  summary: 'Insureds under watch that your organisation takes part in',
  responses: { 200: { description: 'Insureds', content: json(MonitoredInsuredList) } },
});

const getInsuredRoute = createRoute({
  method: 'get',
  path: '/api/v1/monitored-insureds/{id}',
  tags: [TAG_INSUREDS],
  summary: 'One insured with its latest risk snapshot and inventory, findings counted by state and band',
  request: { params: MonitoringIdParams },
  responses: {
    200: { description: 'The insured', content: json(MonitoredInsuredDetail) },
    404: insuredNotFound,
  },
});

const uploadInventoryRoute = createRoute({
  method: 'post',
  path: '/api/v1/monitored-insureds/{id}/inventories',
  tags: [TAG_INSUREDS],
  summary: 'Upload a CycloneDX SBOM or an asset list: a new inventory version, rescanned at once',
  description:
    'The body is the SBOM itself (`application/vnd.cyclonedx+json`, or `application/json`), an asset list as ' +
    'a JSON array, or an asset list as CSV (`text/csv`, header `vendor,product,version`). Up to 20 MiB. The ' +
    'inventory, its findings, alerts and risk snapshot are stored together or not at all. ' +
    '上传 CycloneDX SBOM 或资产清单，立即重新比对漏洞情报。',
  request: {
    params: MonitoringIdParams,
    body: {
      required: true,
      content: {
        // Documented by reference, not validated here: the SBOM reader checks the CycloneDX schema itself
        // and names the component at fault (422), which a generic validator could not.
        [INVENTORY_MEDIA_TYPES.cyclonedx]: { schema: { $ref: '#/components/schemas/CycloneDxSbomUpload' } },
        [INVENTORY_MEDIA_TYPES.json]: {
          schema: {
            oneOf: [
              { $ref: '#/components/schemas/CycloneDxSbomUpload' },
              { $ref: '#/components/schemas/AssetListUpload' },
            ],
          },
        },
        [INVENTORY_MEDIA_TYPES.csv]: {
          schema: { type: 'string', example: 'vendor,product,version\nFortinet,FortiOS,7.2.4\n' },
        },
      },
    },
  },
  responses: {
    201: { description: 'Stored and rescanned', content: json(UploadedInventory) },
    404: insuredNotFound,
    413: problem('Larger than 20 MiB'),
    415: problem('Not a CycloneDX JSON SBOM, a JSON asset list or a CSV asset list'),
    422: problem('Not a valid inventory: the problem names the component (JSON path, bom-ref, name) or line'),
  },
});

const listInventoriesRoute = createRoute({
  method: 'get',
  path: '/api/v1/monitored-insureds/{id}/inventories',
  tags: [TAG_INSUREDS],
  summary: 'Inventory versions, newest first',
  request: { params: MonitoringIdParams },
  responses: { 200: { description: 'Versions', content: json(InventoryList) }, 404: insuredNotFound },
});

const rescanRoute = createRoute({
  method: 'post',
  path: '/api/v1/monitored-insureds/{id}/rescan',
  tags: [TAG_INSUREDS],
  summary: 'Match the latest inventory against the current feeds again',
  request: { params: MonitoringIdParams },
  responses: { 200: { description: 'Rescanned', content: json(RescanOutcomeSchema) }, 404: insuredNotFound },
});

const listFindingsRoute = createRoute({
  method: 'get',
  path: '/api/v1/monitored-insureds/{id}/findings',
  tags: [TAG_FINDINGS],
  summary: 'Findings of an insured, highest priority first unless sorted otherwise',
  request: { params: MonitoringIdParams, query: FindingListQuery },
  responses: {
    200: { description: 'One page of findings', content: json(FindingPage) },
    400: invalid,
    404: insuredNotFound,
  },
});

const getFindingRoute = createRoute({
  method: 'get',
  path: '/api/v1/findings/{id}',
  tags: [TAG_FINDINGS],
  summary: 'One finding with its history (detections, triage decisions, reopenings)',
  request: { params: MonitoringIdParams },
  responses: {
    200: { description: 'The finding', content: json(FindingDetail) },
    404: problem('No such finding'),
  },
});

const triageRoute = createRoute({
  method: 'post',
  path: '/api/v1/findings/{id}/triage',
  tags: [TAG_FINDINGS],
  summary: 'Record a triage decision; NOT_AFFECTED, FALSE_POSITIVE and RISK_ACCEPTED survive rescans',
  description: 'Accepting a risk needs the `finding.accept_risk` permission (underwriter or policyholder).',
  request: { params: MonitoringIdParams, body: jsonBody(TriageRequest) },
  responses: {
    200: { description: 'Decided', content: json(FindingSchema) },
    400: invalid,
    404: problem('No such finding'),
    422: problem('The justification is missing or too short, or the acceptance date is out of range'),
  },
});

const listRulesRoute = createRoute({
  method: 'get',
  path: '/api/v1/monitored-insureds/{id}/alert-rules',
  tags: [TAG_ALERTS],
  summary: 'Alert rules of an insured (targets shown as hints only)',
  request: { params: MonitoringIdParams },
  responses: { 200: { description: 'Rules', content: json(AlertRuleList) }, 404: insuredNotFound },
});

const defineRuleRoute = createRoute({
  method: 'post',
  path: '/api/v1/monitored-insureds/{id}/alert-rules',
  tags: [TAG_ALERTS],
  summary: 'Add an alert rule; a webhook rule’s signing secret is returned this once',
  request: { params: MonitoringIdParams, body: jsonBody(DefineAlertRuleRequest) },
  responses: {
    201: { description: 'Defined', content: json(DefinedAlertRule) },
    400: invalid,
    404: insuredNotFound,
    422: problem('The rule is not valid (name, condition, target or acknowledgement time)'),
  },
});

const listAlertsRoute = createRoute({
  method: 'get',
  path: '/api/v1/alerts',
  tags: [TAG_ALERTS],
  summary: 'The alert inbox, newest first',
  request: { query: AlertListQuery },
  responses: {
    200: { description: 'One page of alerts', content: json(AlertPage) },
    400: invalid,
    404: insuredNotFound,
  },
});

const acknowledgeRoute = createRoute({
  method: 'post',
  path: '/api/v1/alerts/{id}/acknowledgement',
  tags: [TAG_ALERTS],
  summary: 'Acknowledge an alert: it stops counting towards escalation',
  request: { params: MonitoringIdParams },
  responses: {
    200: { description: 'Acknowledged', content: json(AlertSchema) },
    404: problem('No such alert'),
    409: problem('Already acknowledged or closed'),
  },
});

const closeRoute = createRoute({
  method: 'post',
  path: '/api/v1/alerts/{id}/closure',
  tags: [TAG_ALERTS],
  summary: 'Close an alert (acknowledging it if nobody had)',
  request: { params: MonitoringIdParams },
  responses: {
    200: { description: 'Closed', content: json(AlertSchema) },
    404: problem('No such alert'),
    409: problem('Already closed'),
  },
});

const partnerEventRoute = createRoute({
  method: 'post',
  path: '/api/v1/monitored-insureds/{id}/partner-events',
  tags: [TAG_ALERTS],
  summary: 'A security partner reports a scan result, an indicator hit or an incident about its client',
  description:
    'For the security firm the insured named, usually with an API token scoped to `partner_event.submit`. ' +
    'A scan result becomes a finding; an indicator hit or incident becomes an alert at once. Posting the ' +
    'same `externalId` again changes nothing (200).',
  request: { params: MonitoringIdParams, body: jsonBody(PartnerEventRequest) },
  responses: {
    200: { description: 'Already received', content: json(PartnerEventOutcome) },
    201: { description: 'Received', content: json(PartnerEventOutcome) },
    400: invalid,
    403: problem('Your firm is not this insured’s named security partner'),
    404: insuredNotFound,
    422: problem('The event is not valid'),
  },
});

const listSnapshotsRoute = createRoute({
  method: 'get',
  path: '/api/v1/monitored-insureds/{id}/risk-snapshots',
  tags: [TAG_INSUREDS],
  summary: 'Mid-term risk snapshots, newest first',
  request: { params: MonitoringIdParams },
  responses: { 200: { description: 'Snapshots', content: json(RiskSnapshotList) }, 404: insuredNotFound },
});

const feedRunsRoute = createRoute({
  method: 'get',
  path: '/api/v1/feeds/runs',
  tags: [TAG_FEEDS],
  summary: 'Vulnerability feeds: each feed’s last run and last success, and the latest runs',
  description: 'Feeds are imported by the operator (`carapace feeds import`), never through the API.',
  request: { query: FeedRunsQuery },
  responses: { 200: { description: 'Feed status', content: json(FeedStatus) }, 400: invalid },
});

/**
 * Adds a contract schema, and the schemas it names, to the document's components without attaching it to a
 * route (where it would validate the body). Its JSON Schema (2020-12, which OpenAPI 3.1 uses) names them in
 * `$defs`; here they become `#/components/schemas/…`.
 */
function registerSchemaComponents(registry: OpenAPIHono['openAPIRegistry'], schema: z.ZodType): void {
  const { $defs } = toJSONSchema(schema, { io: 'input' }) as { $defs?: Record<string, unknown> };
  const components = JSON.parse(
    JSON.stringify($defs ?? {}).replaceAll('"#/$defs/', '"#/components/schemas/'),
  ) as Record<string, Parameters<typeof registry.registerComponent<'schemas'>>[2]>;
  for (const [name, component] of Object.entries(components)) {
    registry.registerComponent('schemas', name, component);
  }
}

export interface MonitoringRouteServices {
  readonly unitOfWorkFor: UnitOfWorkFactory;
  readonly monitoring: MonitoringServices;
}

/** Enough runs to find every feed's last run and last success among them. */
const FEED_STATUS_RUNS = 200;

const asArray = <T>(value: T | readonly T[] | undefined): readonly T[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? (value as readonly T[]) : [value as T];

/**
 * Continuous monitoring. Routes read as pipelines: validate (the route's schema) → authorise (the caller's
 * roles; the unit of work is limited to its tenant and audits every access) → use case → present. Findings
 * and alerts are business-confidential: no answer is cached.
 */
export function monitoringRoutes(services: MonitoringRouteServices): OpenAPIHono<ApiEnv> {
  const as = async (c: Context<ApiEnv>, action: MonitoringAction) => {
    const authorised = await authorise(c, services.unitOfWorkFor, MONITORING_ACCESS_RULES, action);
    c.header('cache-control', 'no-store');
    return authorised;
  };
  const routes = new OpenAPIHono<ApiEnv>();
  for (const schema of [CycloneDxSbomUpload, AssetListUpload]) {
    registerSchemaComponents(routes.openAPIRegistry, schema);
  }
  return routes
    .openapi(enrolRoute, async (c) => {
      const { unitOfWork, context } = await as(c, 'monitoring.enrol');
      const body = c.req.valid('json');
      const insured = await enrolInsured(
        unitOfWork,
        context,
        {
          organisationId: body.organisationId,
          ...(body.brokerId === undefined ? {} : { brokerId: body.brokerId }),
          ...(body.partnerId === undefined ? {} : { partnerId: body.partnerId }),
          ...(body.policyId === undefined ? {} : { policyId: body.policyId }),
        },
        services.monitoring.clock(),
      );
      c.header('location', `/api/v1/monitored-insureds/${insured.id}`);
      return c.json(insuredToWire(insured), 201);
    })
    .openapi(listInsuredsRoute, async (c) => {
      const { unitOfWork } = await as(c, 'monitoring.read');
      return c.json({ items: (await listMonitoredInsureds(unitOfWork)).map(insuredToWire) }, 200);
    })
    .openapi(getInsuredRoute, async (c) => {
      const { unitOfWork } = await as(c, 'monitoring.read');
      const overview = await getMonitoredInsured(unitOfWork, c.req.valid('param').id);
      return c.json(
        insuredDetailToWire(
          overview.insured,
          overview.findings,
          overview.latestSnapshot,
          overview.latestInventory,
        ),
        200,
      );
    })
    .openapi(uploadInventoryRoute, async (c) => {
      const { unitOfWork, context } = await as(c, 'inventory.upload');
      const read = await readInventoryUpload(c.req.header('content-type') ?? '', await c.req.text());
      const uploaded = await uploadInventory(
        unitOfWork,
        services.monitoring,
        context,
        c.req.valid('param').id,
        read,
      );
      c.get('logger').info(
        {
          monitoredInsuredId: uploaded.inventory.monitoredInsuredId,
          inventoryVersion: uploaded.inventory.version,
          components: uploaded.inventory.componentCount,
          newFindings: uploaded.rescan.newFindings,
        },
        'inventory uploaded',
      );
      return c.json(
        { inventory: inventoryToWire(uploaded.inventory), rescan: rescanToWire(uploaded.rescan) },
        201,
      );
    })
    .openapi(listInventoriesRoute, async (c) => {
      const { unitOfWork } = await as(c, 'monitoring.read');
      const inventories = await listInventories(unitOfWork, c.req.valid('param').id);
      return c.json({ items: inventories.map(inventoryToWire) }, 200);
    })
    .openapi(rescanRoute, async (c) => {
      const { unitOfWork, context } = await as(c, 'monitoring.rescan');
      const outcome = await rescanInsured(unitOfWork, services.monitoring, context, c.req.valid('param').id);
      return c.json(rescanToWire(outcome), 200);
    })
    .openapi(listFindingsRoute, async (c) => {
      const { unitOfWork } = await as(c, 'monitoring.read');
      const query = c.req.valid('query');
      const states = asArray(query.state);
      const bands = asArray(query.band);
      const page = await listFindings(unitOfWork, c.req.valid('param').id, {
        ...(states === undefined ? {} : { states }),
        ...(bands === undefined ? {} : { severityBands: bands }),
        ...(query.kev === undefined ? {} : { kev: query.kev === 'true' }),
        ...(query.minEpss === undefined ? {} : { minEpss: query.minEpss }),
        ...(query.minPriority === undefined ? {} : { minPriority: query.minPriority }),
        sort: query.sort,
        limit: query.limit,
        offset: query.offset,
      });
      return c.json(
        { items: page.items.map(findingToWire), total: page.total, limit: query.limit, offset: query.offset },
        200,
      );
    })
    .openapi(getFindingRoute, async (c) => {
      const { unitOfWork } = await as(c, 'monitoring.read');
      const { finding, events } = await getFinding(unitOfWork, c.req.valid('param').id);
      return c.json({ ...findingToWire(finding), events: events.map(findingEventToWire) }, 200);
    })
    .openapi(triageRoute, async (c) => {
      const decision = triageDecisionFromWire(c.req.valid('json'));
      const { unitOfWork, context } = await as(
        c,
        decision.state === 'RISK_ACCEPTED' ? 'finding.accept_risk' : 'finding.triage',
      );
      const finding = await triageFinding(
        unitOfWork,
        services.monitoring,
        context,
        c.req.valid('param').id,
        decision,
      );
      return c.json(findingToWire(finding), 200);
    })
    .openapi(listRulesRoute, async (c) => {
      const { unitOfWork } = await as(c, 'monitoring.read');
      const rules = await listAlertRules(unitOfWork, c.req.valid('param').id);
      return c.json({ items: rules.map(alertRuleToWire) }, 200);
    })
    .openapi(defineRuleRoute, async (c) => {
      const { unitOfWork, context } = await as(c, 'alert_rule.manage');
      const { target, condition, ...request } = c.req.valid('json');
      const defined = await defineAlertRule(
        unitOfWork,
        services.monitoring,
        context,
        c.req.valid('param').id,
        {
          ...request,
          condition: alertConditionFromWire(condition),
          ...(target === undefined ? {} : { target }),
        },
      );
      // The one place the secret is revealed: the receiver needs it to verify signatures.
      return c.json(
        { rule: alertRuleToWire(defined.rule), webhookSecret: defined.webhookSecret?.reveal() ?? null },
        201,
      );
    })
    .openapi(listAlertsRoute, async (c) => {
      const { unitOfWork } = await as(c, 'monitoring.read');
      const query = c.req.valid('query');
      const statuses = asArray(query.status);
      const page = await listAlerts(unitOfWork, {
        ...(query.monitoredInsuredId === undefined ? {} : { monitoredInsuredId: query.monitoredInsuredId }),
        ...(statuses === undefined ? {} : { statuses }),
        limit: query.limit,
        offset: query.offset,
      });
      return c.json(
        { items: page.items.map(alertToWire), total: page.total, limit: query.limit, offset: query.offset },
        200,
      );
    })
    .openapi(acknowledgeRoute, async (c) => {
      const { unitOfWork, context } = await as(c, 'alert.acknowledge');
      const alert = await acknowledgeAlert(
        unitOfWork,
        context,
        c.req.valid('param').id,
        services.monitoring.clock(),
      );
      return c.json(alertToWire(alert), 200);
    })
    .openapi(closeRoute, async (c) => {
      const { unitOfWork, context } = await as(c, 'alert.close');
      const alert = await closeAlert(
        unitOfWork,
        context,
        c.req.valid('param').id,
        services.monitoring.clock(),
      );
      return c.json(alertToWire(alert), 200);
    })
    .openapi(partnerEventRoute, async (c) => {
      const { unitOfWork, context } = await as(c, 'partner_event.submit');
      const outcome = await receivePartnerEvent(
        unitOfWork,
        services.monitoring,
        context,
        c.req.valid('param').id,
        partnerEventFromWire(c.req.valid('json')),
      );
      const body = { event: partnerEventToWire(outcome.event), created: outcome.created };
      return outcome.created ? c.json(body, 201) : c.json(body, 200);
    })
    .openapi(listSnapshotsRoute, async (c) => {
      const { unitOfWork } = await as(c, 'monitoring.read');
      const snapshots = await listRiskSnapshots(unitOfWork, c.req.valid('param').id);
      return c.json({ items: snapshots.map(snapshotToWire) }, 200);
    })
    .openapi(feedRunsRoute, async (c) => {
      const { unitOfWork } = await as(c, 'feed.read');
      const { limit } = c.req.valid('query');
      const runs = await listFeedRuns(unitOfWork, Math.max(limit, FEED_STATUS_RUNS));
      const status = feedStatusToWire(runs);
      return c.json({ ...status, runs: status.runs.slice(0, limit) }, 200);
    });
}
