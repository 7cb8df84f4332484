import { OpenAPIHono, createRoute, type z } from '@hono/zod-openapi';
import {
  Assessment,
  AssessmentRequest,
  ContingencyParams,
  ContingencyRequest,
  ControlWhatIf,
  CreateSubmissionRequest,
  InventoryScanResult,
  IssuePolicyRequest,
  Policy,
  PolicyIdParams,
  PolicyListQuery,
  PolicyPage,
  Problem,
  PROBLEM_CONTENT_TYPE,
  ProductList,
  ProductParams,
  ProductQuery,
  ProductSummary,
  QuoteDetail,
  QuoteIdParams,
  QuoteList,
  Quote,
  QuoteRequest,
  ReferralDecisionRequest,
  Submission,
  SubmissionIdParams,
  SubmissionListQuery,
  SubmissionPage,
  UpdateSubmissionProfileRequest,
  WhatIfRequest,
} from '@carapace/contracts';
import {
  assessRisk,
  bindQuote,
  controlWhatIf,
  createSubmission,
  decideReferral,
  getPolicy,
  getQuote,
  getSubmission,
  issuePolicy,
  listPolicies,
  listSubmissions,
  listSubmissionQuotes,
  quoteSubmission,
  requestBind,
  satisfyContingency,
  scanInventory,
  submitSubmission,
  updateSubmissionProfile,
  withdrawBindRequest,
  UNDERWRITING_ACCESS_RULES,
  AdvisoryIndexCache,
  RuleViolationError,
  type MonitoringServices,
  type LifecycleServices,
  type UnderwritingAction,
  type UnitOfWorkFactory,
} from '@carapace/domain';
import type { Context } from 'hono';
import type { ApiEnv } from '../http/api-env.js';
import { authorise, requireActor } from '../http/request-access.js';
import {
  assessmentRequestFromWire,
  assessmentToWire,
  coverageChoiceFromWire,
  issuedPolicyToWire,
  policyToWire,
  productToWire,
  profileFromWire,
  quoteEventToWire,
  quoteToWire,
  submissionToWire,
  whatIfToWire,
} from '../underwriting/underwriting-wire-format.js';
import { readInventoryUpload } from '../monitoring/monitoring-wire-format.js';

const problemContent = { [PROBLEM_CONTENT_TYPE]: { schema: Problem } };
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const jsonBody = <T extends z.ZodType>(schema: T) => ({ required: true, content: json(schema) });

const invalid = { description: 'Invalid request', content: problemContent };
const unprocessable = { description: 'Breaks a business rule', content: problemContent };
const notFound = { description: 'Not found', content: problemContent };
const conflict = { description: 'Not allowed in the current state', content: problemContent };

const TAG_PRODUCTS = 'Products';
const TAG_ASSESS = 'Assessment';
const TAG_LIFECYCLE = 'Submissions, quotes and policies';

const listProductsRoute = createRoute({
  method: 'get',
  path: '/api/v1/products',
  tags: [TAG_PRODUCTS],
  summary: 'Products on offer (latest version of each)',
  responses: { 200: { description: 'Products', content: json(ProductList) } },
});

const getProductRoute = createRoute({
  method: 'get',
  path: '/api/v1/products/{id}',
  tags: [TAG_PRODUCTS],
  summary: 'One product: sections, limit and retention options, questionnaire controls and industries',
  request: { params: ProductParams, query: ProductQuery },
  responses: { 200: { description: 'The product', content: json(ProductSummary) }, 404: notFound },
});

const assessRoute = createRoute({
  method: 'post',
  path: '/api/v1/assessments',
  tags: [TAG_ASSESS],
  summary: 'Assess a company: risk score with reasons, simulated losses, premium and the rules’ verdict',
  description:
    'Nothing is stored. The same inputs (and seed) always give the same result. 同一输入（及随机种子）结果相同。',
  request: { body: jsonBody(AssessmentRequest) },
  responses: {
    200: { description: 'The assessment', content: json(Assessment) },
    400: invalid,
    404: notFound,
    422: unprocessable,
  },
});

const whatIfRoute = createRoute({
  method: 'post',
  path: '/api/v1/assessments/what-if',
  tags: [TAG_ASSESS],
  summary: 'Control what-if: premium and expected loss for each missing control, ranked by premium saved',
  request: { body: jsonBody(WhatIfRequest) },
  responses: {
    200: { description: 'Ranked options', content: json(ControlWhatIf) },
    400: invalid,
    404: notFound,
    422: unprocessable,
  },
});

const createSubmissionRoute = createRoute({
  method: 'post',
  path: '/api/v1/submissions',
  tags: [TAG_LIFECYCLE],
  summary: 'Start a submission (draft) for an insured company',
  request: { body: jsonBody(CreateSubmissionRequest) },
  responses: {
    201: { description: 'Draft created', content: json(Submission) },
    400: invalid,
    404: notFound,
    422: unprocessable,
  },
});

const listSubmissionsRoute = createRoute({
  method: 'get',
  path: '/api/v1/submissions',
  tags: [TAG_LIFECYCLE],
  summary:
    'Submissions the caller takes part in, newest first by default (an underwriter’s queue, a company’s own)',
  request: { query: SubmissionListQuery },
  responses: { 200: { description: 'One page of submissions', content: json(SubmissionPage) }, 400: invalid },
});

/** How many of an inventory scan's findings the answer lists; the counts cover them all. */
const TOP_FINDINGS_SHOWN = 10;

const inventoryScanRoute = createRoute({
  method: 'post',
  path: '/api/v1/inventory-scans',
  tags: [TAG_LIFECYCLE],
  summary: 'Scan an applicant’s CycloneDX SBOM against the vulnerability feeds, storing nothing',
  description:
    'The body is the SBOM itself (`application/vnd.cyclonedx+json` or `application/json`, up to 1 MiB). The ' +
    'answer counts the critical and the known-exploited vulnerabilities, as a submission’s profile takes them. ' +
    '比对申请人的 SBOM 与漏洞情报，统计严重漏洞与已知被利用漏洞，不保存任何数据。',
  request: {
    body: {
      required: true,
      content: {
        // Not validated here: the SBOM reader checks CycloneDX itself and names the component at fault (422).
        'application/vnd.cyclonedx+json': { schema: { $ref: '#/components/schemas/CycloneDxSbomUpload' } },
        'application/json': { schema: { $ref: '#/components/schemas/CycloneDxSbomUpload' } },
      },
    },
  },
  responses: {
    200: { description: 'What the SBOM shows against today’s feeds', content: json(InventoryScanResult) },
    422: unprocessable,
  },
});

const getSubmissionRoute = createRoute({
  method: 'get',
  path: '/api/v1/submissions/{id}',
  tags: [TAG_LIFECYCLE],
  summary: 'One submission',
  request: { params: SubmissionIdParams },
  responses: { 200: { description: 'The submission', content: json(Submission) }, 404: notFound },
});

const updateProfileRoute = createRoute({
  method: 'put',
  path: '/api/v1/submissions/{id}/profile',
  tags: [TAG_LIFECYCLE],
  summary: 'Replace a draft submission’s profile',
  request: { params: SubmissionIdParams, body: jsonBody(UpdateSubmissionProfileRequest) },
  responses: {
    200: { description: 'Updated', content: json(Submission) },
    400: invalid,
    404: notFound,
    409: conflict,
    422: unprocessable,
  },
});

const submitRoute = createRoute({
  method: 'post',
  path: '/api/v1/submissions/{id}/submit',
  tags: [TAG_LIFECYCLE],
  summary: 'Submit a draft for quoting (its profile is frozen from now on)',
  request: { params: SubmissionIdParams },
  responses: { 200: { description: 'Submitted', content: json(Submission) }, 404: notFound, 409: conflict },
});

const createQuotesRoute = createRoute({
  method: 'post',
  path: '/api/v1/submissions/{id}/quotes',
  tags: [TAG_LIFECYCLE],
  summary: 'Price one to three cover options; each becomes a quote (quoted, referred or declined)',
  request: { params: SubmissionIdParams, body: jsonBody(QuoteRequest) },
  responses: {
    201: { description: 'Quotes created', content: json(QuoteList) },
    400: invalid,
    404: notFound,
    409: conflict,
    422: unprocessable,
  },
});

const listQuotesRoute = createRoute({
  method: 'get',
  path: '/api/v1/submissions/{id}/quotes',
  tags: [TAG_LIFECYCLE],
  summary: 'Quotes of a submission, oldest first',
  request: { params: SubmissionIdParams },
  responses: { 200: { description: 'Quotes', content: json(QuoteList) }, 404: notFound },
});

const getQuoteRoute = createRoute({
  method: 'get',
  path: '/api/v1/quotes/{id}',
  tags: [TAG_LIFECYCLE],
  summary: 'One quote with its assessment and its history',
  request: { params: QuoteIdParams },
  responses: { 200: { description: 'The quote', content: json(QuoteDetail) }, 404: notFound },
});

const quoteStep = (path: string, summary: string, body?: z.ZodType) =>
  createRoute({
    method: 'post',
    path,
    tags: [TAG_LIFECYCLE],
    summary,
    request: body === undefined ? { params: QuoteIdParams } : { params: QuoteIdParams, body: jsonBody(body) },
    responses: {
      200: { description: 'The quote after the step', content: json(Quote) },
      400: invalid,
      404: notFound,
      409: conflict,
      422: unprocessable,
    },
  });

const referralRoute = createRoute({
  method: 'post',
  path: '/api/v1/quotes/{id}/referral-decision',
  tags: [TAG_LIFECYCLE],
  summary: 'Underwriter approves or declines a referred quote (a note is required)',
  request: { params: QuoteIdParams, body: jsonBody(ReferralDecisionRequest) },
  responses: {
    200: { description: 'The quote after the decision', content: json(Quote) },
    400: invalid,
    404: notFound,
    409: conflict,
    422: unprocessable,
  },
});
const requestBindRoute = quoteStep('/api/v1/quotes/{id}/bind-request', 'Ask to bind a quote');
const withdrawBindRoute = quoteStep('/api/v1/quotes/{id}/bind-request/withdraw', 'Withdraw a bind request');
const bindRoute = quoteStep('/api/v1/quotes/{id}/bind', 'Bind (all pre-bind contingencies must be met)');

const satisfyRoute = createRoute({
  method: 'post',
  path: '/api/v1/quotes/{id}/contingencies/{code}/satisfy',
  tags: [TAG_LIFECYCLE],
  summary: 'Record that a pre-bind contingency is met',
  request: { params: ContingencyParams, body: { required: false, content: json(ContingencyRequest) } },
  responses: {
    200: { description: 'The quote', content: json(Quote) },
    400: invalid,
    404: notFound,
    409: conflict,
    422: unprocessable,
  },
});

const issuePolicyRoute = createRoute({
  method: 'post',
  path: '/api/v1/quotes/{id}/policy',
  tags: [TAG_LIFECYCLE],
  summary: 'Issue the policy of a bound quote',
  request: { params: QuoteIdParams, body: jsonBody(IssuePolicyRequest) },
  responses: {
    201: { description: 'Policy issued', content: json(Policy) },
    400: invalid,
    404: notFound,
    409: conflict,
    422: unprocessable,
  },
});

const listPoliciesRoute = createRoute({
  method: 'get',
  path: '/api/v1/policies',
  tags: [TAG_LIFECYCLE],
  summary: 'Issued policies, oldest first',
  request: { query: PolicyListQuery },
  responses: { 200: { description: 'One page of policies', content: json(PolicyPage) }, 400: invalid },
});

const getPolicyRoute = createRoute({
  method: 'get',
  path: '/api/v1/policies/{id}',
  tags: [TAG_LIFECYCLE],
  summary: 'One policy with its transactions',
  request: { params: PolicyIdParams },
  responses: { 200: { description: 'The policy', content: json(Policy) }, 404: notFound },
});

export interface UnderwritingRouteServices extends Omit<LifecycleServices, 'unitOfWork'> {
  readonly unitOfWorkFor: UnitOfWorkFactory;
  /** The monitoring's advisory index, shared so the process builds it once; the routes keep their own without. */
  readonly advisoryIndex?: MonitoringServices['advisoryIndex'];
}

/**
 * Routes read as pipelines: validate (by the route's schema) → authorise (roles; the unit of work is limited
 * to the caller's tenant and audits every access) → convert from the wire → use case → present. Products and
 * the stateless assessment are public (see PUBLIC_API_ROUTES).
 */
export function underwritingRoutes(routeServices: UnderwritingRouteServices): OpenAPIHono<ApiEnv> {
  const services = routeServices;
  const as = async (c: Context<ApiEnv>, action: UnderwritingAction): Promise<LifecycleServices> => {
    const { unitOfWork } = await authorise(c, routeServices.unitOfWorkFor, UNDERWRITING_ACCESS_RULES, action);
    return { ...routeServices, unitOfWork };
  };
  const ownIndex = new AdvisoryIndexCache();
  const advisoryIndex = routeServices.advisoryIndex ?? ((feeds) => ownIndex.indexFor(feeds));
  return new OpenAPIHono<ApiEnv>()
    .openapi(listProductsRoute, (c) =>
      c.json({ items: services.catalogue.latestProducts().map(productToWire) }, 200),
    )
    .openapi(getProductRoute, (c) => {
      const { version } = c.req.valid('query');
      return c.json(productToWire(services.catalogue.product(c.req.valid('param').id, version)), 200);
    })
    .openapi(assessRoute, async (c) => {
      const assessment = await assessRisk(services, assessmentRequestFromWire(c.req.valid('json')));
      return c.json(assessmentToWire(assessment), 200);
    })
    .openapi(whatIfRoute, async (c) => {
      const body = c.req.valid('json');
      const whatIf = await controlWhatIf(services, {
        ...assessmentRequestFromWire(body),
        ...(body.combination === undefined ? {} : { combination: body.combination }),
      });
      return c.json(whatIfToWire(whatIf), 200);
    })
    .openapi(createSubmissionRoute, async (c) => {
      const scoped = await as(c, 'submission.create');
      const actor = requireActor(c);
      const body = c.req.valid('json');
      // An insurer's underwriter applies to their own insurer; a broker or a company names the insurer.
      const insurerId = actor.tenantKind === 'insurer' ? actor.tenantId : body.insurerId;
      if (insurerId === undefined) {
        throw new RuleViolationError('tenant_invalid', 'name the insurer asked to underwrite', 'insurerId');
      }
      const submission = await createSubmission(scoped, {
        organisationId: body.organisationId,
        insurerId,
        brokerId: actor.tenantKind === 'broker' ? actor.tenantId : null,
        productId: body.productId,
        ...(body.productVersion === undefined ? {} : { productVersion: body.productVersion }),
        profile: profileFromWire(body.profile),
      });
      c.header('location', `/api/v1/submissions/${submission.id}`);
      return c.json(submissionToWire(submission), 201);
    })
    .openapi(listSubmissionsRoute, async (c) => {
      const scoped = await as(c, 'submission.read');
      const query = c.req.valid('query');
      const page = await listSubmissions(scoped, {
        ...(query.status === undefined ? {} : { status: query.status }),
        ...(query.organisationId === undefined ? {} : { organisationId: query.organisationId }),
        order: query.order,
        limit: query.limit,
        offset: query.offset,
      });
      return c.json(
        {
          items: page.items.map((item) => ({
            ...submissionToWire(item.submission),
            organisation: { nameZh: item.organisationNameZh, nameEn: item.organisationNameEn },
          })),
          total: page.total,
          limit: query.limit,
          offset: query.offset,
        },
        200,
      );
    })
    .openapi(inventoryScanRoute, async (c) => {
      const { unitOfWork } = await authorise(
        c,
        routeServices.unitOfWorkFor,
        UNDERWRITING_ACCESS_RULES,
        'assessment.run',
      );
      const read = await readInventoryUpload(c.req.header('content-type') ?? '', await c.req.text());
      const scan = await scanInventory(unitOfWork, { advisoryIndex }, read.components);
      return c.json(
        {
          componentsCompared: scan.componentsCompared,
          versionsUnreadable: scan.versionsUnreadable,
          openFindings: { critical: scan.critical, knownExploited: scan.knownExploited },
          topFindings: scan.findings.slice(0, TOP_FINDINGS_SHOWN).map((finding) => ({
            title: finding.title,
            componentName: finding.componentName,
            componentVersion: finding.componentVersion,
            advisoryIds: [...finding.advisoryIds],
            cveIds: [...finding.cveIds],
            cvssScore: finding.cvssScore,
            epss: finding.epss,
            kev: finding.kev,
            priority: finding.priority,
            severityBand: finding.severityBand,
          })),
        },
        200,
      );
    })
    .openapi(getSubmissionRoute, async (c) => {
      const scoped = await as(c, 'submission.read');
      return c.json(submissionToWire(await getSubmission(scoped, c.req.valid('param').id)), 200);
    })
    .openapi(updateProfileRoute, async (c) => {
      const scoped = await as(c, 'submission.update');
      const submission = await updateSubmissionProfile(
        scoped,
        c.req.valid('param').id,
        profileFromWire(c.req.valid('json').profile),
      );
      return c.json(submissionToWire(submission), 200);
    })
    .openapi(submitRoute, async (c) => {
      const scoped = await as(c, 'submission.submit');
      return c.json(submissionToWire(await submitSubmission(scoped, c.req.valid('param').id)), 200);
    })
    .openapi(createQuotesRoute, async (c) => {
      const scoped = await as(c, 'quote.create');
      const body = c.req.valid('json');
      const quotes = await quoteSubmission(scoped, {
        submissionId: c.req.valid('param').id,
        options: body.options.map(coverageChoiceFromWire),
        ...(body.seed === undefined ? {} : { seed: body.seed }),
      });
      return c.json({ items: quotes.map((quote) => quoteToWire(quote, services.now())) }, 201);
    })
    .openapi(listQuotesRoute, async (c) => {
      const scoped = await as(c, 'quote.read');
      const quotes = await listSubmissionQuotes(scoped, c.req.valid('param').id);
      return c.json({ items: quotes.map((quote) => quoteToWire(quote, services.now())) }, 200);
    })
    .openapi(getQuoteRoute, async (c) => {
      const scoped = await as(c, 'quote.read');
      const { quote, events } = await getQuote(scoped, c.req.valid('param').id);
      return c.json(
        {
          ...quoteToWire(quote, services.now()),
          assessment: assessmentToWire(quote.assessment),
          events: events.map(quoteEventToWire),
        },
        200,
      );
    })
    .openapi(referralRoute, async (c) => {
      const scoped = await as(c, 'quote.decide_referral');
      const { decision, note } = c.req.valid('json');
      return c.json(
        quoteToWire(await decideReferral(scoped, c.req.valid('param').id, decision, note), services.now()),
        200,
      );
    })
    .openapi(requestBindRoute, async (c) => {
      const scoped = await as(c, 'quote.request_bind');
      return c.json(quoteToWire(await requestBind(scoped, c.req.valid('param').id), services.now()), 200);
    })
    .openapi(withdrawBindRoute, async (c) => {
      const scoped = await as(c, 'quote.withdraw_bind_request');
      return c.json(
        quoteToWire(await withdrawBindRequest(scoped, c.req.valid('param').id), services.now()),
        200,
      );
    })
    .openapi(bindRoute, async (c) => {
      const scoped = await as(c, 'quote.bind');
      return c.json(quoteToWire(await bindQuote(scoped, c.req.valid('param').id), services.now()), 200);
    })
    .openapi(satisfyRoute, async (c) => {
      const scoped = await as(c, 'quote.satisfy_contingency');
      const { id, code } = c.req.valid('param');
      const body = (c.req.valid('json') as z.infer<typeof ContingencyRequest> | undefined) ?? { note: null };
      return c.json(quoteToWire(await satisfyContingency(scoped, id, code, body.note), services.now()), 200);
    })
    .openapi(issuePolicyRoute, async (c) => {
      const scoped = await as(c, 'policy.issue');
      const issued = await issuePolicy(scoped, c.req.valid('param').id, c.req.valid('json').inceptionDate);
      c.header('location', `/api/v1/policies/${issued.policy.id}`);
      return c.json(issuedPolicyToWire(issued), 201);
    })
    .openapi(listPoliciesRoute, async (c) => {
      const scoped = await as(c, 'policy.read');
      const query = c.req.valid('query');
      const page = await listPolicies(scoped, {
        ...(query.organisationId === undefined ? {} : { organisationId: query.organisationId }),
        limit: query.limit,
        offset: query.offset,
      });
      return c.json(
        { items: page.items.map(policyToWire), total: page.total, limit: query.limit, offset: query.offset },
        200,
      );
    })
    .openapi(getPolicyRoute, async (c) => {
      const scoped = await as(c, 'policy.read');
      return c.json(issuedPolicyToWire(await getPolicy(scoped, c.req.valid('param').id)), 200);
    });
}
