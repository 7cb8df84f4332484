import type { Context, MiddlewareHandler } from 'hono';
import {
  actorForApiToken,
  actorForSession,
  AuthenticationError,
  systemContext,
  type UnitOfWorkFactory,
} from '@carapace/domain';
import { parsePresentedApiToken, type SessionTokenCodec } from '@carapace/security';
import type { ApiEnv } from './api-env.js';
import { problemJson } from './problem-response.js';

/**
 * Routes anyone may call without signing in. Sign-in, obviously; and the stateless assessment an SME uses on
 * its own before it has any account (the MIIT/NFRA "lightweight quantification tool"): products, assessment
 * and what-if read no stored customer data and store nothing. Everything else under /api needs a caller.
 */
const PUBLIC_API_ROUTES: readonly { readonly method: string; readonly path: RegExp }[] = [
  { method: 'POST', path: /^\/api\/v1\/sessions$/ },
  { method: 'GET', path: /^\/api\/v1\/products(?:\/[^/]+)?$/ },
  { method: 'POST', path: /^\/api\/v1\/assessments(?:\/what-if)?$/ },
  { method: 'GET', path: /^\/api\/reference$/ },
];

function isPublic(method: string, path: string): boolean {
  return PUBLIC_API_ROUTES.some((route) => route.method === method && route.path.test(path));
}

interface DocumentedRoute {
  method: string;
  path: string;
  security?: Record<string, string[]>[];
  responses: Record<string, unknown>;
}

/**
 * Makes the OpenAPI document say what the middleware does: public operations need no security; every other
 * operation may answer 401 (no or an ended session) and 403 (the role does not allow it) as problem+json.
 * OpenAPI paths use `{id}` where requests have a value, which the public patterns accept alike.
 */
export function documentAuthentication(
  definitions: readonly { readonly type: string; readonly route?: unknown }[],
  problemContent: Record<string, unknown>,
): void {
  for (const definition of definitions) {
    if (definition.type !== 'route') continue;
    const route = definition.route as DocumentedRoute;
    if (!route.path.startsWith('/api/')) continue;
    if (isPublic(route.method.toUpperCase(), route.path)) {
      route.security = [];
      continue;
    }
    route.responses['401'] ??= {
      description: 'Not signed in, or the session has ended',
      content: problemContent,
    };
    route.responses['403'] ??= {
      description: 'The caller’s roles do not allow this',
      content: problemContent,
    };
  }
}

const BEARER = /^Bearer ([\w.~+/=-]{16,4096})$/;

export interface AuthenticationDependencies {
  readonly unitOfWorkFor: UnitOfWorkFactory;
  readonly sessionTokens: SessionTokenCodec;
  readonly clock: () => Date;
}

/**
 * Establishes the caller from `Authorization: Bearer …`: a session token (a signed JWT naming an open
 * session) or a partner's API token (`cpt_…`). The session row is checked on every request, so sign-out and
 * a disabled account take effect at once; roles are read fresh, so an expired grant does too.
 */
export function authenticate(dependencies: AuthenticationDependencies): MiddlewareHandler<ApiEnv> {
  const identity = {
    unitOfWork: dependencies.unitOfWorkFor(systemContext('authentication')),
    now: dependencies.clock,
  };
  return async (c, next) => {
    c.set('actor', null);
    const header = c.req.header('authorization');
    if (header === undefined) {
      if (isPublic(c.req.method, c.req.path)) return next();
      return unauthenticated(
        c,
        'authentication_required',
        'Sign in and send the token as Authorization: Bearer <token>.',
      );
    }
    const token = BEARER.exec(header)?.[1];
    if (token === undefined) {
      return unauthenticated(c, 'session_invalid', 'The Authorization header is not a Bearer token.');
    }
    try {
      const apiToken = parsePresentedApiToken(token);
      if (apiToken !== null) {
        c.set('actor', await actorForApiToken(identity, apiToken));
      } else {
        const verified = await dependencies.sessionTokens.verify(token, dependencies.clock());
        if (verified.kind !== 'valid') {
          return unauthenticated(
            c,
            'session_invalid',
            verified.kind === 'expired'
              ? 'The session has expired; sign in again.'
              : 'The token is not valid.',
          );
        }
        const { sub, tid, sid } = verified.claims;
        c.set('actor', await actorForSession(identity, { userId: sub, tenantId: tid, sessionId: sid }));
      }
    } catch (error) {
      if (error instanceof AuthenticationError) return unauthenticated(c, 'session_invalid', error.message);
      throw error;
    }
    return next();
  };
}

function unauthenticated(
  c: Context<ApiEnv>,
  code: 'authentication_required' | 'session_invalid',
  detail: string,
): Response {
  c.header('www-authenticate', 'Bearer realm="carapace"');
  return problemJson(c, { code, detail });
}
