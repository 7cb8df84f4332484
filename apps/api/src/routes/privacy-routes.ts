import { OpenAPIHono, createRoute, type z } from '@hono/zod-openapi';
import {
  CorrectedSubject,
  CorrectionRequest,
  CreateDataSubjectRequest,
  CreateSubjectRequest,
  DataSubject as DataSubjectSchema,
  DataSubjectList,
  DataSubjectListQuery,
  DataSubjectPage,
  DataSubjectSearchQuery,
  Destruction as DestructionSchema,
  DestructionOrder as DestructionOrderSchema,
  FulfilledAccessRequest,
  LegalHold as LegalHoldSchema,
  LegalHoldList,
  OrderDestructionRequest,
  PlaceLegalHoldRequest,
  PrivacyIdParams,
  Problem,
  PROBLEM_CONTENT_TYPE,
  RefuseSubjectRequest,
  SubjectRequest as SubjectRequestSchema,
  SubjectRequestList,
  SubjectRequestListQuery,
} from '@carapace/contracts';
import {
  confirmDestruction,
  correctDataSubject,
  fulfilAccessRequest,
  getDataSubject,
  isOverdue,
  listDataSubjects,
  listLegalHolds,
  listSubjectRequests,
  orderDestruction,
  placeLegalHold,
  receiveSubjectRequest,
  refuseSubjectRequest,
  registerDataSubject,
  releaseLegalHold,
  searchDataSubjects,
  unmaskDataSubject,
  PRIVACY_ACCESS_RULES,
  type DataSubjectView,
  type Destruction,
  type DestructionOrder,
  type LegalHold,
  type PersonalDataProtection,
  type PrivacyAction,
  type PrivacyServices,
  type SubjectExport,
  type SubjectRequest,
  type UnitOfWorkFactory,
  type UserActor,
} from '@carapace/domain';
import type { Context } from 'hono';
import type { ApiEnv } from '../http/api-env.js';
import { authorise } from '../http/request-access.js';

const problemContent = { [PROBLEM_CONTENT_TYPE]: { schema: Problem } };
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const jsonBody = <T extends z.ZodType>(schema: T) => ({ required: true, content: json(schema) });
const problem = (description: string) => ({ description, content: problemContent });
const TAG = 'Personal data';
const APPROVAL_NOTE = 'Send the id of your approved data-access request as the `Carapace-Approval` header.';

const createSubjectRoute = createRoute({
  method: 'post',
  path: '/api/v1/data-subjects',
  tags: [TAG],
  summary: 'Record an insured company’s contact person (fields encrypted under the person’s own key)',
  request: { body: jsonBody(CreateDataSubjectRequest) },
  responses: {
    201: { description: 'Recorded; the answer is masked', content: json(DataSubjectSchema) },
    403: problem('Not allowed'),
    404: problem('No such company visible to the insurer'),
    422: problem('A field is not valid, or the organisation is not an insured company'),
  },
});

const listSubjectsRoute = createRoute({
  method: 'get',
  path: '/api/v1/data-subjects',
  tags: [TAG],
  summary: 'Data subjects, masked; a page over 50 is a bulk query and needs an approval',
  description: APPROVAL_NOTE,
  request: { query: DataSubjectListQuery },
  responses: {
    200: { description: 'A page, masked', content: json(DataSubjectPage) },
    403: problem('Not allowed, or a bulk page without an approved bulk_query (the denial is audited)'),
  },
});

const searchSubjectsRoute = createRoute({
  method: 'post',
  path: '/api/v1/data-subjects/search',
  tags: [TAG],
  summary: 'Find data subjects by mobile or resident ID number (blind index; results masked)',
  description: 'A POST, so that the number never appears in a URL or an access log.',
  request: { body: jsonBody(DataSubjectSearchQuery) },
  responses: {
    200: { description: 'Matches, masked', content: json(DataSubjectList) },
    403: problem('Not allowed'),
    422: problem('Not a mobile number or resident ID number'),
  },
});

const getSubjectRoute = createRoute({
  method: 'get',
  path: '/api/v1/data-subjects/{id}',
  tags: [TAG],
  summary: 'A data subject, masked',
  request: { params: PrivacyIdParams },
  responses: {
    200: { description: 'The subject, masked', content: json(DataSubjectSchema) },
    404: problem('No such data subject'),
  },
});

const unmaskSubjectRoute = createRoute({
  method: 'get',
  path: '/api/v1/data-subjects/{id}/unmasked',
  tags: [TAG],
  summary: 'A data subject in clear, under an approved unmask (audited)',
  description: APPROVAL_NOTE,
  request: { params: PrivacyIdParams },
  responses: {
    200: { description: 'The subject in clear', content: json(DataSubjectSchema) },
    403: problem('No approval, or one that does not cover this subject (the denial is audited)'),
    404: problem('No such data subject'),
    409: problem('The subject has been erased'),
  },
});

const listHoldsRoute = createRoute({
  method: 'get',
  path: '/api/v1/data-subjects/{id}/legal-holds',
  tags: [TAG],
  summary: 'Legal holds on a data subject',
  request: { params: PrivacyIdParams },
  responses: { 200: { description: 'Holds', content: json(LegalHoldList) }, 404: problem('No such subject') },
});

const placeHoldRoute = createRoute({
  method: 'post',
  path: '/api/v1/data-subjects/{id}/legal-holds',
  tags: [TAG],
  summary: 'Place a legal hold: deletion is refused until it is released (PIPL art. 47 §2)',
  request: { params: PrivacyIdParams, body: jsonBody(PlaceLegalHoldRequest) },
  responses: {
    201: { description: 'Placed', content: json(LegalHoldSchema) },
    404: problem('No such subject'),
    409: problem('The subject has been erased'),
  },
});

const releaseHoldRoute = createRoute({
  method: 'post',
  path: '/api/v1/legal-holds/{id}/release',
  tags: [TAG],
  summary: 'Release a legal hold',
  request: { params: PrivacyIdParams },
  responses: {
    200: { description: 'Released', content: json(LegalHoldSchema) },
    404: problem('No such hold'),
    409: problem('Already released'),
  },
});

const createRequestRoute = createRoute({
  method: 'post',
  path: '/api/v1/subject-requests',
  tags: [TAG],
  summary: 'Record a person’s access, correction or deletion request (due in 30 days)',
  request: { body: jsonBody(CreateSubjectRequest) },
  responses: {
    201: { description: 'Received', content: json(SubjectRequestSchema) },
    404: problem('No such subject'),
    409: problem('The subject has been erased'),
  },
});

const listRequestsRoute = createRoute({
  method: 'get',
  path: '/api/v1/subject-requests',
  tags: [TAG],
  summary: 'Subject requests, soonest due first, with an overdue flag',
  request: { query: SubjectRequestListQuery },
  responses: { 200: { description: 'Requests', content: json(SubjectRequestList) } },
});

const fulfilAccessRoute = createRoute({
  method: 'post',
  path: '/api/v1/subject-requests/{id}/access-fulfilment',
  tags: [TAG],
  summary: 'Answer an access request with a JSON copy of everything held (needs an approved export)',
  description: APPROVAL_NOTE,
  request: { params: PrivacyIdParams },
  responses: {
    200: { description: 'The request, completed, and the copy', content: json(FulfilledAccessRequest) },
    403: problem('No approved export for this subject (the denial is audited)'),
    404: problem('No such request'),
    409: problem('Already answered, or the subject has been erased'),
    422: problem('Not an access request'),
  },
});

const correctRoute = createRoute({
  method: 'post',
  path: '/api/v1/subject-requests/{id}/correction',
  tags: [TAG],
  summary: 'Answer a correction request: the new values are encrypted afresh, the old ones are gone',
  request: { params: PrivacyIdParams, body: jsonBody(CorrectionRequest) },
  responses: {
    200: { description: 'Corrected (masked)', content: json(CorrectedSubject) },
    404: problem('No such request'),
    409: problem('Already answered, or the subject has been erased'),
    422: problem('Not a correction request, or a value is not valid'),
  },
});

const refuseRoute = createRoute({
  method: 'post',
  path: '/api/v1/subject-requests/{id}/refusal',
  tags: [TAG],
  summary: 'Refuse a subject request, with the reason the person is told (PIPL art. 50)',
  request: { params: PrivacyIdParams, body: jsonBody(RefuseSubjectRequest) },
  responses: {
    200: { description: 'Refused', content: json(SubjectRequestSchema) },
    404: problem('No such request'),
    409: problem('Already answered'),
  },
});

const orderDestructionRoute = createRoute({
  method: 'post',
  path: '/api/v1/subject-requests/{id}/destruction-order',
  tags: [TAG],
  summary:
    'Order the crypto-shredding a deletion request asks for, naming a witness (nothing is destroyed yet)',
  request: { params: PrivacyIdParams, body: jsonBody(OrderDestructionRequest) },
  responses: {
    201: { description: 'Ordered, waiting for the witness', content: json(DestructionOrderSchema) },
    403: problem('The executor recorded the request, or the witness is not a third person (audited)'),
    404: problem('No such request'),
    409: problem('A legal hold is active, the request is answered, or a destruction is already ordered'),
    422: problem('Not a deletion request, or the witness is not an auditor or compliance officer'),
  },
});

const confirmDestructionRoute = createRoute({
  method: 'post',
  path: '/api/v1/destruction-orders/{id}/confirmation',
  tags: [TAG],
  summary:
    'The witness confirms: the subject’s key is destroyed, its fields nulled, the destruction recorded',
  request: { params: PrivacyIdParams },
  responses: {
    200: { description: 'Destroyed and verified', content: json(DestructionSchema) },
    403: problem('The caller is not the named witness (audited)'),
    404: problem('No such order'),
    409: problem('Already confirmed, or a legal hold was placed since the order'),
  },
});

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

function subjectToWire(subject: DataSubjectView) {
  return {
    ...subject,
    details: { ...subject.details },
    createdAt: subject.createdAt.toISOString(),
    erasedAt: iso(subject.erasedAt),
  };
}

function holdToWire(hold: LegalHold) {
  return {
    id: hold.id,
    subjectId: hold.subjectId,
    reason: hold.reason,
    placedBy: hold.placedBy,
    placedAt: hold.placedAt.toISOString(),
    releasedBy: hold.releasedBy,
    releasedAt: iso(hold.releasedAt),
  };
}

function requestToWire(request: SubjectRequest, now: Date) {
  return {
    id: request.id,
    subjectId: request.subjectId,
    kind: request.kind,
    status: request.status,
    receivedAt: request.receivedAt.toISOString(),
    dueAt: request.dueAt.toISOString(),
    overdue: isOverdue(request, now),
    requestedBy: request.requestedBy,
    completedBy: request.completedBy,
    completedAt: iso(request.completedAt),
    outcomeNote: request.outcomeNote,
  };
}

function exportToWire(copy: SubjectExport) {
  return {
    ...copy,
    subject: { ...copy.subject, details: { ...copy.subject.details } },
    legalHolds: copy.legalHolds.map((hold) => ({ ...hold })),
    subjectRequests: copy.subjectRequests.map((request) => ({ ...request })),
  };
}

function orderToWire(order: DestructionOrder) {
  return {
    id: order.id,
    subjectId: order.subjectId,
    subjectRequestId: order.subjectRequestId,
    requestedBy: order.requestedBy,
    orderedBy: order.orderedBy,
    witnessId: order.witnessId,
    status: order.status,
    orderedAt: order.orderedAt.toISOString(),
    confirmedAt: iso(order.confirmedAt),
  };
}

function destructionToWire(destruction: Destruction) {
  return {
    id: destruction.id,
    subjectId: destruction.subjectId,
    subjectRequestId: destruction.subjectRequestId,
    requestedBy: destruction.requestedBy,
    approvedBy: destruction.approvedBy,
    witnessedBy: destruction.witnessedBy,
    method: destruction.method,
    dataKeyId: destruction.dataKeyId,
    destroyedAt: destruction.destroyedAt.toISOString(),
    verification: { ...destruction.verification },
  };
}

export interface PrivacyRouteServices {
  readonly unitOfWorkFor: UnitOfWorkFactory;
  /** Field encryption, blind indexes and crypto-shredding over the key vault. */
  readonly protection: PersonalDataProtection;
  readonly now: () => Date;
}

interface Authorised {
  readonly actor: UserActor;
  readonly services: PrivacyServices;
  /** The `Carapace-Approval` header, when the request carries a well-formed one. */
  readonly approvalId: string | null;
}

/**
 * Data subjects, legal holds, subject requests (PIPL arts. 45–47) and supervised destruction. Every answer
 * is `no-store`: personal data, even masked, is not for caches.
 */
export function privacyRoutes(services: PrivacyRouteServices): OpenAPIHono<ApiEnv> {
  const as = async (c: Context<ApiEnv>, action: PrivacyAction): Promise<Authorised> => {
    const { actor, unitOfWork, context } = await authorise(
      c,
      services.unitOfWorkFor,
      PRIVACY_ACCESS_RULES,
      action,
    );
    c.header('cache-control', 'no-store');
    return {
      actor,
      approvalId: context.approvalId,
      services: { unitOfWork, protection: services.protection, now: services.now },
    };
  };
  return new OpenAPIHono<ApiEnv>()
    .openapi(createSubjectRoute, async (c) => {
      const { actor, services: scoped } = await as(c, 'data_subject.create');
      const subject = await registerDataSubject(scoped, actor, c.req.valid('json'));
      c.header('location', `/api/v1/data-subjects/${subject.id}`);
      return c.json(subjectToWire(subject), 201);
    })
    .openapi(listSubjectsRoute, async (c) => {
      const { actor, services: scoped, approvalId } = await as(c, 'data_subject.list');
      const query = c.req.valid('query');
      const page = await listDataSubjects(scoped, actor, {
        ...(query.organisationId === undefined ? {} : { organisationId: query.organisationId }),
        limit: query.limit,
        offset: query.offset,
        approvalId,
      });
      return c.json(
        { items: page.items.map(subjectToWire), total: page.total, limit: query.limit, offset: query.offset },
        200,
      );
    })
    .openapi(searchSubjectsRoute, async (c) => {
      const { actor, services: scoped } = await as(c, 'data_subject.search');
      const query = c.req.valid('json');
      const found = await searchDataSubjects(
        scoped,
        actor,
        query.mobile === undefined
          ? { by: 'idNumber', value: query.idNumber ?? '' }
          : { by: 'mobile', value: query.mobile },
      );
      return c.json({ items: found.map(subjectToWire) }, 200);
    })
    .openapi(getSubjectRoute, async (c) => {
      const { actor, services: scoped } = await as(c, 'data_subject.read');
      const subject = await getDataSubject(scoped, actor, c.req.valid('param').id);
      return c.json(subjectToWire(subject), 200);
    })
    .openapi(unmaskSubjectRoute, async (c) => {
      const { actor, services: scoped, approvalId } = await as(c, 'data_subject.unmask');
      const subject = await unmaskDataSubject(scoped, actor, c.req.valid('param').id, approvalId);
      return c.json(subjectToWire(subject), 200);
    })
    .openapi(listHoldsRoute, async (c) => {
      const { actor, services: scoped } = await as(c, 'legal_hold.list');
      const holds = await listLegalHolds(scoped, actor, c.req.valid('param').id);
      return c.json({ items: holds.map(holdToWire) }, 200);
    })
    .openapi(placeHoldRoute, async (c) => {
      const { actor, services: scoped } = await as(c, 'legal_hold.place');
      const hold = await placeLegalHold(scoped, actor, {
        subjectId: c.req.valid('param').id,
        reason: c.req.valid('json').reason,
      });
      return c.json(holdToWire(hold), 201);
    })
    .openapi(releaseHoldRoute, async (c) => {
      const { actor, services: scoped } = await as(c, 'legal_hold.release');
      const hold = await releaseLegalHold(scoped, actor, c.req.valid('param').id);
      return c.json(holdToWire(hold), 200);
    })
    .openapi(createRequestRoute, async (c) => {
      const { actor, services: scoped } = await as(c, 'subject_request.create');
      const request = await receiveSubjectRequest(scoped, actor, c.req.valid('json'));
      return c.json(requestToWire(request, services.now()), 201);
    })
    .openapi(listRequestsRoute, async (c) => {
      const { actor, services: scoped } = await as(c, 'subject_request.list');
      const query = c.req.valid('query');
      const requests = await listSubjectRequests(scoped, actor, {
        ...(query.subjectId === undefined ? {} : { subjectId: query.subjectId }),
        ...(query.status === undefined ? {} : { status: query.status }),
        ...(query.kind === undefined ? {} : { kind: query.kind }),
      });
      const now = services.now();
      return c.json({ items: requests.map((request) => requestToWire(request, now)) }, 200);
    })
    .openapi(fulfilAccessRoute, async (c) => {
      const { actor, services: scoped, approvalId } = await as(c, 'subject_request.fulfil_access');
      const { request, copy } = await fulfilAccessRequest(scoped, actor, c.req.valid('param').id, approvalId);
      return c.json({ request: requestToWire(request, services.now()), copy: exportToWire(copy) }, 200);
    })
    .openapi(correctRoute, async (c) => {
      const { actor, services: scoped } = await as(c, 'subject_request.correct');
      const { request, subject } = await correctDataSubject(
        scoped,
        actor,
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      return c.json(
        { request: requestToWire(request, services.now()), subject: subjectToWire(subject) },
        200,
      );
    })
    .openapi(refuseRoute, async (c) => {
      const { actor, services: scoped } = await as(c, 'subject_request.refuse');
      const request = await refuseSubjectRequest(
        scoped,
        actor,
        c.req.valid('param').id,
        c.req.valid('json').reason,
      );
      return c.json(requestToWire(request, services.now()), 200);
    })
    .openapi(orderDestructionRoute, async (c) => {
      const { actor, services: scoped } = await as(c, 'destruction.order');
      const order = await orderDestruction(scoped, actor, c.req.valid('param').id, c.req.valid('json'));
      return c.json(orderToWire(order), 201);
    })
    .openapi(confirmDestructionRoute, async (c) => {
      const { actor, services: scoped } = await as(c, 'destruction.witness');
      const destruction = await confirmDestruction(scoped, actor, c.req.valid('param').id);
      return c.json(destructionToWire(destruction), 200);
    });
}
