import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import {
  CreateOrganisationRequest,
  Organisation as OrganisationSchema,
  OrganisationIdParams,
  OrganisationListQuery,
  OrganisationPage,
  Problem,
  PROBLEM_CONTENT_TYPE,
} from '@carapace/contracts';
import {
  getOrganisation,
  listOrganisations,
  registerOrganisation,
  type Organisation,
  ORGANISATION_ACCESS_RULES,
  type UnitOfWorkFactory,
} from '@carapace/domain';
import type { ApiEnv } from '../http/api-env.js';
import { authorise } from '../http/request-access.js';

const problemContent = { [PROBLEM_CONTENT_TYPE]: { schema: Problem } };

function present(organisation: Organisation): OrganisationSchema {
  return { ...organisation, createdAt: organisation.createdAt.toISOString() };
}

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/organisations',
  tags: ['Organisations'],
  summary: 'List organisations, oldest first',
  request: { query: OrganisationListQuery },
  responses: {
    200: {
      description: 'One page of organisations',
      content: { 'application/json': { schema: OrganisationPage } },
    },
    400: { description: 'Invalid query', content: problemContent },
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/api/v1/organisations/{id}',
  tags: ['Organisations'],
  summary: 'Get one organisation',
  request: { params: OrganisationIdParams },
  responses: {
    200: { description: 'The organisation', content: { 'application/json': { schema: OrganisationSchema } } },
    404: { description: 'No organisation has this id', content: problemContent },
  },
});

const createOrganisationRoute = createRoute({
  method: 'post',
  path: '/api/v1/organisations',
  tags: ['Organisations'],
  summary: 'Register an organisation (insurer, broker, insured company or security partner)',
  request: {
    body: { required: true, content: { 'application/json': { schema: CreateOrganisationRequest } } },
  },
  responses: {
    201: { description: 'Registered', content: { 'application/json': { schema: OrganisationSchema } } },
    400: { description: 'Invalid request body', content: problemContent },
    409: {
      description: 'Already registered (same credit code, or same name and kind)',
      content: problemContent,
    },
    415: { description: 'The body is not JSON', content: problemContent },
    422: { description: 'Breaks a business rule (e.g. a wrong check character)', content: problemContent },
  },
});

/** Routes read as pipelines: validate (by the route's schema) → authorise → use case → present. */
export function organisationRoutes(unitOfWorkFor: UnitOfWorkFactory): OpenAPIHono<ApiEnv> {
  return new OpenAPIHono<ApiEnv>()
    .openapi(listRoute, async (c) => {
      const { unitOfWork } = await authorise(
        c,
        unitOfWorkFor,
        ORGANISATION_ACCESS_RULES,
        'organisation.read',
      );
      const query = c.req.valid('query');
      const page = await listOrganisations(unitOfWork, {
        ...(query.kind === undefined ? {} : { kind: query.kind }),
        limit: query.limit,
        offset: query.offset,
      });
      return c.json(
        { items: page.items.map(present), total: page.total, limit: query.limit, offset: query.offset },
        200,
      );
    })
    .openapi(getRoute, async (c) => {
      const { unitOfWork } = await authorise(
        c,
        unitOfWorkFor,
        ORGANISATION_ACCESS_RULES,
        'organisation.read',
      );
      const organisation = await getOrganisation(unitOfWork, c.req.valid('param').id);
      return c.json(present(organisation), 200);
    })
    .openapi(createOrganisationRoute, async (c) => {
      const { unitOfWork, actor } = await authorise(
        c,
        unitOfWorkFor,
        ORGANISATION_ACCESS_RULES,
        'organisation.register',
      );
      // The caller's tenant registers it, and so may see it afterwards.
      const organisation = await registerOrganisation(unitOfWork, {
        ...c.req.valid('json'),
        registeredBy: actor.tenantId,
      });
      c.header('location', `/api/v1/organisations/${organisation.id}`);
      return c.json(present(organisation), 201);
    });
}
