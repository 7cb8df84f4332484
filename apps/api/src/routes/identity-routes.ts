import { OpenAPIHono, createRoute, type z } from '@hono/zod-openapi';
import {
  ApiTokenList,
  CreateApiTokenRequest,
  CreateDataAccessRequest,
  CreatedApiToken,
  CreatePermissionGrantRequest,
  CreateUserRequest,
  CurrentUser,
  DataAccessRequest as DataAccessRequestSchema,
  DataAccessRequestList,
  DecisionListQuery,
  DecisionRequest,
  PermissionGrantRequest as PermissionGrantRequestSchema,
  PermissionGrantRequestList,
  Problem,
  PROBLEM_CONTENT_TYPE,
  RequestIdParams,
  SignedIn,
  SignInRequest,
  User as UserSchema,
  UserList,
} from '@carapace/contracts';
import {
  createAccount,
  decideDataAccess,
  decidePermissionGrant,
  issueApiToken,
  listAccounts,
  listApiTokens,
  listDataAccessRequests,
  listPermissionGrantRequests,
  requestDataAccess,
  requestPermissionGrant,
  revokeApiToken,
  signIn,
  signOut,
  systemContext,
  IDENTITY_ACCESS_RULES,
  type ApiToken,
  type DataAccessRequest,
  type IdentityAction,
  type IdentityServices,
  type PermissionGrantRequest,
  type UnitOfWorkFactory,
  type User,
} from '@carapace/domain';
import type { SessionTokenCodec } from '@carapace/security';
import type { Context } from 'hono';
import type { ApiEnv } from '../http/api-env.js';
import { authorise, requireActor } from '../http/request-access.js';

const problemContent = { [PROBLEM_CONTENT_TYPE]: { schema: Problem } };
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const jsonBody = <T extends z.ZodType>(schema: T) => ({ required: true, content: json(schema) });
const problem = (description: string) => ({ description, content: problemContent });
const TAG = 'Identity and access';

const signInRoute = createRoute({
  method: 'post',
  path: '/api/v1/sessions',
  tags: [TAG],
  summary: 'Sign in with email and password; returns a session token',
  request: { body: jsonBody(SignInRequest) },
  responses: {
    201: { description: 'Signed in', content: json(SignedIn) },
    401: problem('Wrong email or password, or the account is locked after repeated failures'),
  },
});

const signOutRoute = createRoute({
  method: 'delete',
  path: '/api/v1/sessions/current',
  tags: [TAG],
  summary: 'Sign out: the session token stops working',
  responses: { 204: { description: 'Signed out' }, 401: problem('Not signed in') },
});

const meRoute = createRoute({
  method: 'get',
  path: '/api/v1/me',
  tags: [TAG],
  summary: 'The caller: account, tenant and roles in force',
  responses: {
    200: { description: 'The caller', content: json(CurrentUser) },
    401: problem('Not signed in'),
  },
});

const createUserRoute = createRoute({
  method: 'post',
  path: '/api/v1/users',
  tags: [TAG],
  summary: 'Create an account in the caller’s organisation (security admin)',
  request: { body: jsonBody(CreateUserRequest) },
  responses: {
    201: { description: 'Created', content: json(UserSchema) },
    403: problem('Not a security admin'),
    409: problem('The email has an account'),
    422: problem('A role of another kind of organisation, or a weak password'),
  },
});

const listUsersRoute = createRoute({
  method: 'get',
  path: '/api/v1/users',
  tags: [TAG],
  summary: 'Accounts of the caller’s organisation',
  responses: { 200: { description: 'Accounts', content: json(UserList) }, 403: problem('Not allowed') },
});

const createTokenRoute = createRoute({
  method: 'post',
  path: '/api/v1/api-tokens',
  tags: [TAG],
  summary: 'Issue an API token acting as the caller, narrowed to scopes (the secret is shown once)',
  request: { body: jsonBody(CreateApiTokenRequest) },
  responses: { 201: { description: 'Issued', content: json(CreatedApiToken) }, 403: problem('Not allowed') },
});

const listTokensRoute = createRoute({
  method: 'get',
  path: '/api/v1/api-tokens',
  tags: [TAG],
  summary: 'API tokens of the caller’s organisation (never their secrets)',
  responses: { 200: { description: 'Tokens', content: json(ApiTokenList) }, 403: problem('Not allowed') },
});

const revokeTokenRoute = createRoute({
  method: 'delete',
  path: '/api/v1/api-tokens/{id}',
  tags: [TAG],
  summary: 'Revoke an API token',
  request: { params: RequestIdParams },
  responses: { 204: { description: 'Revoked' }, 404: problem('No such token') },
});

const requestGrantRoute = createRoute({
  method: 'post',
  path: '/api/v1/permission-grants',
  tags: [TAG],
  summary: 'Ask for a time-boxed role (another person must approve)',
  request: { body: jsonBody(CreatePermissionGrantRequest) },
  responses: { 201: { description: 'Requested', content: json(PermissionGrantRequestSchema) } },
});

const listGrantsRoute = createRoute({
  method: 'get',
  path: '/api/v1/permission-grants',
  tags: [TAG],
  summary: 'Role requests of the caller’s organisation',
  request: { query: DecisionListQuery },
  responses: { 200: { description: 'Requests', content: json(PermissionGrantRequestList) } },
});

const decideGrantRoute = createRoute({
  method: 'post',
  path: '/api/v1/permission-grants/{id}/decision',
  tags: [TAG],
  summary: 'Approve or reject a role request (a security admin who did not ask and would not get it)',
  request: { params: RequestIdParams, body: jsonBody(DecisionRequest) },
  responses: {
    200: { description: 'Decided', content: json(PermissionGrantRequestSchema) },
    403: problem('Self-approval, or not a security admin'),
    404: problem('No such request'),
    409: problem('Already decided'),
  },
});

const requestDataAccessRoute = createRoute({
  method: 'post',
  path: '/api/v1/data-access-requests',
  tags: [TAG],
  summary: 'Ask to unmask, export, bulk-query or break glass (a compliance officer must approve)',
  request: { body: jsonBody(CreateDataAccessRequest) },
  responses: { 201: { description: 'Requested', content: json(DataAccessRequestSchema) } },
});

const listDataAccessRoute = createRoute({
  method: 'get',
  path: '/api/v1/data-access-requests',
  tags: [TAG],
  summary: 'Data-access requests of the caller’s organisation',
  request: { query: DecisionListQuery },
  responses: { 200: { description: 'Requests', content: json(DataAccessRequestList) } },
});

const decideDataAccessRoute = createRoute({
  method: 'post',
  path: '/api/v1/data-access-requests/{id}/decision',
  tags: [TAG],
  summary: 'Approve (for a limited time) or reject a data-access request',
  request: { params: RequestIdParams, body: jsonBody(DecisionRequest) },
  responses: {
    200: { description: 'Decided', content: json(DataAccessRequestSchema) },
    403: problem('Self-approval, or not a compliance officer'),
    404: problem('No such request'),
    409: problem('Already decided'),
  },
});

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

function userToWire(user: User) {
  return { ...user, createdAt: user.createdAt.toISOString() };
}

function apiTokenToWire(token: ApiToken) {
  return {
    id: token.id,
    name: token.name,
    scopes: [...token.scopes],
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt.toISOString(),
    revokedAt: iso(token.revokedAt),
    lastUsedAt: iso(token.lastUsedAt),
  };
}

function grantToWire(request: PermissionGrantRequest) {
  return {
    id: request.id,
    userId: request.userId,
    role: request.role,
    requestedBy: request.requestedBy,
    reason: request.reason,
    durationHours: request.durationHours,
    status: request.status,
    decidedBy: request.decidedBy,
    decidedAt: iso(request.decidedAt),
    decisionNote: request.decisionNote,
    createdAt: request.createdAt.toISOString(),
  };
}

function dataAccessToWire(request: DataAccessRequest) {
  return {
    id: request.id,
    requestedBy: request.requestedBy,
    action: request.action,
    objectType: request.objectType,
    objectId: request.objectId,
    reason: request.reason,
    status: request.status,
    decidedBy: request.decidedBy,
    decidedAt: iso(request.decidedAt),
    decisionNote: request.decisionNote,
    expiresAt: iso(request.expiresAt),
    createdAt: request.createdAt.toISOString(),
  };
}

export interface IdentityRouteServices {
  readonly unitOfWorkFor: UnitOfWorkFactory;
  readonly sessionTokens: SessionTokenCodec;
  readonly now: () => Date;
}

/** Sign-in and sign-out, accounts, API tokens, and the two approval flows (role grants, data access). */
export function identityRoutes(services: IdentityRouteServices): OpenAPIHono<ApiEnv> {
  const as = async (c: Context<ApiEnv>, action: IdentityAction): Promise<IdentityServices> => {
    const { unitOfWork } = await authorise(c, services.unitOfWorkFor, IDENTITY_ACCESS_RULES, action);
    return { unitOfWork, now: services.now };
  };
  const signInServices: IdentityServices = {
    unitOfWork: services.unitOfWorkFor(systemContext('authentication', 'identity.sign_in')),
    now: services.now,
  };
  return new OpenAPIHono<ApiEnv>()
    .openapi(signInRoute, async (c) => {
      const signedIn = await signIn(signInServices, c.req.valid('json'));
      const now = services.now();
      const token = await services.sessionTokens.issue({
        userId: signedIn.user.id,
        tenantId: signedIn.user.tenantId,
        sessionId: signedIn.session.id,
        ttlSeconds: Math.max(1, Math.floor((signedIn.session.expiresAt.getTime() - now.getTime()) / 1000)),
        now,
      });
      c.header('cache-control', 'no-store');
      return c.json(
        {
          token,
          expiresAt: signedIn.session.expiresAt.toISOString(),
          user: userToWire(signedIn.user),
          tenant: { id: signedIn.session.tenantId, kind: signedIn.tenantKind },
          roles: [...signedIn.roles],
        },
        201,
      );
    })
    .openapi(signOutRoute, async (c) => {
      const actor = requireActor(c);
      await signOut(
        {
          unitOfWork: services.unitOfWorkFor({
            actor,
            purpose: 'identity.sign_out',
            requestId: c.get('requestId'),
            approvalId: null,
          }),
          now: services.now,
        },
        actor,
      );
      return c.body(null, 204);
    })
    .openapi(meRoute, async (c) => {
      const actor = requireActor(c);
      const user = await services
        .unitOfWorkFor({ actor, purpose: 'identity.me', requestId: c.get('requestId'), approvalId: null })
        .run((repositories) => repositories.identity.findUser(actor.userId));
      if (user === undefined) throw new Error('the signed-in user vanished');
      return c.json(
        {
          user: userToWire(user),
          tenant: { id: actor.tenantId, kind: actor.tenantKind },
          roles: [...actor.roles],
          authentication: actor.apiTokenId === null ? ('session' as const) : ('api_token' as const),
        },
        200,
      );
    })
    .openapi(createUserRoute, async (c) => {
      const scoped = await as(c, 'user.create');
      const actor = requireActor(c);
      const created = await createAccount(scoped, actor, {
        ...c.req.valid('json'),
        tenantId: actor.tenantId,
      });
      return c.json(userToWire(created.user), 201);
    })
    .openapi(listUsersRoute, async (c) => {
      const scoped = await as(c, 'user.list');
      const accounts = await listAccounts(scoped, requireActor(c));
      return c.json(
        {
          items: accounts.map((account) => ({
            ...userToWire(account.user),
            roles: account.roles.map((held) => ({ role: held.role, expiresAt: iso(held.expiresAt) })),
          })),
        },
        200,
      );
    })
    .openapi(createTokenRoute, async (c) => {
      const scoped = await as(c, 'api_token.create');
      const issued = await issueApiToken(scoped, requireActor(c), c.req.valid('json'));
      c.header('cache-control', 'no-store');
      return c.json({ ...apiTokenToWire(issued.token), token: issued.presented }, 201);
    })
    .openapi(listTokensRoute, async (c) => {
      const scoped = await as(c, 'api_token.list');
      const tokens = await listApiTokens(scoped, requireActor(c));
      return c.json({ items: tokens.map(apiTokenToWire) }, 200);
    })
    .openapi(revokeTokenRoute, async (c) => {
      const scoped = await as(c, 'api_token.revoke');
      await revokeApiToken(scoped, requireActor(c), c.req.valid('param').id);
      return c.body(null, 204);
    })
    .openapi(requestGrantRoute, async (c) => {
      const scoped = await as(c, 'permission_grant.request');
      const created = await requestPermissionGrant(scoped, requireActor(c), c.req.valid('json'));
      return c.json(grantToWire(created), 201);
    })
    .openapi(listGrantsRoute, async (c) => {
      const scoped = await as(c, 'permission_grant.list');
      const requests = await listPermissionGrantRequests(
        scoped,
        requireActor(c),
        c.req.valid('query').status,
      );
      return c.json({ items: requests.map(grantToWire) }, 200);
    })
    .openapi(decideGrantRoute, async (c) => {
      const scoped = await as(c, 'permission_grant.decide');
      const decided = await decidePermissionGrant(
        scoped,
        requireActor(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      return c.json(grantToWire(decided), 200);
    })
    .openapi(requestDataAccessRoute, async (c) => {
      const scoped = await as(c, 'data_access.request');
      const created = await requestDataAccess(scoped, requireActor(c), c.req.valid('json'));
      return c.json(dataAccessToWire(created), 201);
    })
    .openapi(listDataAccessRoute, async (c) => {
      const scoped = await as(c, 'data_access.list');
      const requests = await listDataAccessRequests(scoped, requireActor(c), c.req.valid('query').status);
      return c.json({ items: requests.map(dataAccessToWire) }, 200);
    })
    .openapi(decideDataAccessRoute, async (c) => {
      const scoped = await as(c, 'data_access.decide');
      const decided = await decideDataAccess(
        scoped,
        requireActor(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      return c.json(dataAccessToWire(decided), 200);
    });
}
