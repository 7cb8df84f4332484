import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Organisation, OrganisationPage, Problem, Readiness } from '@carapace/contracts';
import { migrateDown } from '@carapace/store';
import { describeEachDatabase } from '@carapace/store/testing';
import { startApiTestServer, type ApiTestServer } from './testing/api-test-server.js';

async function problemOf(response: Response): Promise<Problem> {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return Problem.parse(await response.json());
}

/** The session token of the signed-in test underwriter, set before each test. */
let bearer = '';

/** fetch, signed in as the test underwriter. */
function fetchAs(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, {
    ...init,
    headers: { authorization: `Bearer ${bearer}`, ...(init.headers as Record<string, string> | undefined) },
  });
}

function postJson(url: string, body: unknown): Promise<Response> {
  return fetchAs(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describeEachDatabase('HTTP API', ({ handle, kind }) => {
  let server: ApiTestServer;
  beforeEach(async () => {
    server = await startApiTestServer(handle());
    bearer = await server.tokenFor('underwriter');
  });
  afterEach(async () => {
    await server.close();
  });

  describe('platform health', () => {
    it('is alive and ready on a migrated database', async () => {
      const live = await fetch(`${server.url}/healthz`);
      expect(live.status).toBe(200);
      expect(await live.json()).toMatchObject({ status: 'ok', version: '0.0.0-test' });

      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(200);
      const body = Readiness.parse(await ready.json());
      expect(body.status).toBe('ready');
      expect(body.database).toMatchObject({ engine: kind, reachable: true });
      expect(body.migrations).toMatchObject({ current: true, pending: [], unknown: [] });
    });

    it('is not ready while migrations are pending, and says which', async () => {
      await migrateDown(handle().db);
      const response = await fetch(`${server.url}/readyz`);
      expect(response.status).toBe(503);
      const body = Readiness.parse(await response.json());
      expect(body.status).toBe('not_ready');
      // migrateDown reverts the latest migration only.
      expect(body.migrations?.pending).toEqual(['0005-monitoring']);
    });

    it('is not ready and refuses new API work while shutting down', async () => {
      server.setShuttingDown(true);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
      const problem = await problemOf(await fetch(`${server.url}/api/v1/organisations`));
      expect(problem).toMatchObject({ status: 503, code: 'shutting_down' });
    });
  });

  describe('organisations', () => {
    const request = {
      kind: 'insured',
      nameZh: '  宁波　测试制造有限公司 ',
      nameEn: 'Ningbo Test Manufacturing',
      creditCode: '91330200crp000007e',
    };

    it('registers, reads back and lists an organisation', async () => {
      const created = await postJson(`${server.url}/api/v1/organisations`, request);
      expect(created.status).toBe(201);
      const organisation = Organisation.parse(await created.json());
      expect(organisation).toMatchObject({
        kind: 'insured',
        nameZh: '宁波 测试制造有限公司',
        creditCode: '91330200CRP000007E',
      });
      expect(created.headers.get('location')).toBe(`/api/v1/organisations/${organisation.id}`);

      const fetched = await fetchAs(`${server.url}/api/v1/organisations/${organisation.id}`);
      expect(Organisation.parse(await fetched.json())).toEqual(organisation);

      const page = OrganisationPage.parse(
        await (await fetchAs(`${server.url}/api/v1/organisations?kind=insured`)).json(),
      );
      expect(page).toMatchObject({ total: 1, limit: 50, offset: 0 });
      const brokers = OrganisationPage.parse(
        await (await fetchAs(`${server.url}/api/v1/organisations?kind=broker`)).json(),
      );
      expect(brokers.total).toBe(0);
    });

    it('answers a second registration with 409 and stores nothing twice', async () => {
      expect((await postJson(`${server.url}/api/v1/organisations`, request)).status).toBe(201);
      const problem = await problemOf(
        await postJson(`${server.url}/api/v1/organisations`, { ...request, nameZh: '别名有限公司' }),
      );
      expect(problem).toMatchObject({
        status: 409,
        code: 'organisation_exists',
        invalidParams: [{ name: 'body.creditCode' }],
      });
      // The caller's own insurer is listed too: count the insured companies only.
      const page = OrganisationPage.parse(
        await (await fetchAs(`${server.url}/api/v1/organisations?kind=insured`)).json(),
      );
      expect(page.total).toBe(1);
    });

    it('rejects a credit code with a wrong check character as a rule violation (422)', async () => {
      const problem = await problemOf(
        await postJson(`${server.url}/api/v1/organisations`, {
          ...request,
          creditCode: '91330200CRP000007X',
        }),
      );
      expect(problem).toMatchObject({
        status: 422,
        code: 'credit_code_invalid',
        invalidParams: [{ name: 'body.creditCode' }],
      });
    });

    it('refuses a name with a control character as a rule violation, never a 500', async () => {
      const problem = await problemOf(
        await postJson(`${server.url}/api/v1/organisations`, { ...request, nameZh: 'a\u0000b' }),
      );
      expect(problem).toMatchObject({
        status: 422,
        code: 'organisation_name_invalid',
        invalidParams: [{ name: 'body.nameZh' }],
      });
      const english = await problemOf(
        await postJson(`${server.url}/api/v1/organisations`, { ...request, nameEn: 'Bad\u001bName' }),
      );
      expect(english).toMatchObject({ status: 422, invalidParams: [{ name: 'body.nameEn' }] });
    });

    it('names every invalid field of a malformed body (400)', async () => {
      const problem = await problemOf(
        await postJson(`${server.url}/api/v1/organisations`, { kind: 'pirate', extra: 1 }),
      );
      expect(problem.status).toBe(400);
      expect(problem.code).toBe('validation_failed');
      const names = (problem.invalidParams ?? []).map((param) => param.name).sort();
      expect(names).toEqual(['body', 'body.kind', 'body.nameZh']);
    });

    it('rejects unparseable JSON, a non-JSON body and an oversized body', async () => {
      const url = `${server.url}/api/v1/organisations`;
      const malformed = await fetchAs(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"kind":',
      });
      expect(await problemOf(malformed)).toMatchObject({ status: 400, code: 'malformed_json' });
      const form = await fetchAs(url, { method: 'POST', body: new URLSearchParams({ kind: 'insured' }) });
      expect(await problemOf(form)).toMatchObject({ status: 415, code: 'unsupported_media_type' });
      // No body at all is not a wrong media type: the route's schema names what is missing.
      const empty = await fetchAs(url, { method: 'POST' });
      const missing = await problemOf(empty);
      expect(missing).toMatchObject({ status: 400, code: 'validation_failed' });
      expect((missing.invalidParams ?? []).map((param) => param.name).sort()).toEqual([
        'body.kind',
        'body.nameZh',
      ]);
      const huge = await postJson(url, { ...request, nameEn: 'x'.repeat(2 * 1024 * 1024) });
      expect(await problemOf(huge)).toMatchObject({ status: 413, code: 'payload_too_large' });
    });

    it('titles problems in Chinese for a reader who prefers it', async () => {
      const url = `${server.url}/api/v1/organisations/00000000-0000-4000-8000-000000000000`;
      const chinese = await fetchAs(url, { headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' } });
      expect(chinese.headers.get('content-language')).toBe('zh-CN');
      expect((await problemOf(chinese)).title).toBe('机构不存在');
      const english = await fetchAs(url, { headers: { 'accept-language': 'en-GB,zh;q=0.5' } });
      expect((await problemOf(english)).title).toBe('Organisation not found');
      expect((await problemOf(await fetchAs(url))).title).toBe('Organisation not found');
    });

    it('validates query parameters', async () => {
      const problem = await problemOf(await fetchAs(`${server.url}/api/v1/organisations?limit=0&kind=alien`));
      expect(problem.code).toBe('validation_failed');
      expect((problem.invalidParams ?? []).map((param) => param.name).sort()).toEqual([
        'query.kind',
        'query.limit',
      ]);
    });

    it('answers an unknown organisation or route with a 404 problem', async () => {
      const missing = await problemOf(
        await fetchAs(`${server.url}/api/v1/organisations/00000000-0000-4000-8000-000000000000`),
      );
      expect(missing).toMatchObject({ status: 404, code: 'organisation_not_found' });
      const route = await problemOf(await fetchAs(`${server.url}/api/v1/nothing-here`));
      expect(route).toMatchObject({ status: 404, code: 'route_not_found', instance: '/api/v1/nothing-here' });
    });
  });

  describe('API description', () => {
    it('publishes OpenAPI 3.1 built from the contracts', async () => {
      const document = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
        openapi: string;
        paths: Record<
          string,
          Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>
        >;
        components: { schemas: Record<string, unknown> };
      };
      expect(document.openapi).toBe('3.1.0');
      expect(Object.keys(document.paths).sort()).toEqual(
        [
          '/api/v1/api-tokens',
          '/api/v1/api-tokens/{id}',
          '/api/v1/assessments',
          '/api/v1/assessments/what-if',
          '/api/v1/audit-log',
          '/api/v1/audit-log/tree-head',
          '/api/v1/audit-log/verification',
          '/api/v1/data-access-requests',
          '/api/v1/data-access-requests/{id}/decision',
          '/api/v1/inventory-scans',
          '/api/v1/me',
          '/api/v1/organisations',
          '/api/v1/organisations/{id}',
          '/api/v1/policies',
          '/api/v1/policies/{id}',
          '/api/v1/policies/{id}/document',
          '/api/v1/products',
          '/api/v1/products/{id}',
          '/api/v1/quotes/{id}',
          '/api/v1/quotes/{id}/bind',
          '/api/v1/quotes/{id}/bind-request',
          '/api/v1/quotes/{id}/bind-request/withdraw',
          '/api/v1/quotes/{id}/contingencies/{code}/satisfy',
          '/api/v1/quotes/{id}/document',
          '/api/v1/quotes/{id}/policy',
          '/api/v1/quotes/{id}/referral-decision',
          '/api/v1/permission-grants',
          '/api/v1/permission-grants/{id}/decision',
          '/api/v1/sessions',
          '/api/v1/sessions/current',
          '/api/v1/submissions',
          '/api/v1/submissions/{id}',
          '/api/v1/submissions/{id}/profile',
          '/api/v1/submissions/{id}/quotes',
          '/api/v1/submissions/{id}/submit',
          '/api/v1/users',
          '/healthz',
          '/readyz',
        ].sort(),
      );
      expect(Object.keys(document.components.schemas)).toEqual(
        expect.arrayContaining([
          'Organisation',
          'OrganisationPage',
          'Problem',
          'Readiness',
          'CreateOrganisationRequest',
          'Assessment',
          'RiskProfile',
          'Quote',
          'Policy',
        ]),
      );
      // Signing in is public; everything else under /api says it may answer 401 and 403.
      const operations = document.paths as unknown as Record<
        string,
        Record<string, { security?: unknown[]; responses: Record<string, unknown> }>
      >;
      expect(operations['/api/v1/sessions']?.['post']?.security).toEqual([]);
      expect(Object.keys(operations['/api/v1/submissions']?.['post']?.responses ?? {})).toEqual(
        expect.arrayContaining(['401', '403']),
      );
      // Every documented error response is problem+json; readiness reports "not ready" as its own body.
      for (const [path, operations] of Object.entries(document.paths)) {
        for (const operation of Object.values(operations)) {
          for (const [status, response] of Object.entries(operation.responses)) {
            if (Number(status) < 400 || path === '/readyz') continue;
            expect(Object.keys(response.content ?? {}), `${path} ${status}`).toEqual([
              'application/problem+json',
            ]);
          }
        }
      }
    });

    it('renders a readable reference page with every operation and problem code', async () => {
      const response = await fetch(`${server.url}/api/reference`);
      expect(response.headers.get('content-type')).toMatch(/text\/html/);
      const html = await response.text();
      for (const text of [
        '/api/v1/organisations/{id}',
        '/readyz',
        'organisation_exists',
        'CreateOrganisationRequest',
        '接口 / Operations',
      ]) {
        expect(html).toContain(text);
      }
    });
  });

  describe('request ids and errors', () => {
    it('keeps a well-formed caller request id and replaces a hostile one', async () => {
      const kept = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'trace-42.a:b' } });
      expect(kept.headers.get('x-request-id')).toBe('trace-42.a:b');
      const replaced = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': '<script>' } });
      expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });
  });
});

describeEachDatabase('HTTP API failures', ({ handle }) => {
  it('answers an unexpected error with a bare 500 and logs it under the request id', async () => {
    const server = await startApiTestServer(handle(), {
      unitOfWorkFor: () => ({
        run: () =>
          Promise.reject(new Error('connection string postgres://admin:hunter2@db/internal exploded')),
      }),
    });
    try {
      const response = await fetch(`${server.url}/api/v1/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'someone@example.com', password: 'not relevant here' }),
      });
      const problem = await problemOf(response);
      expect(problem).toMatchObject({ status: 500, code: 'internal_error' });
      expect(JSON.stringify(problem)).not.toMatch(/hunter2|exploded|postgres:/);
      const logged = server.logLines.find((line) => line['msg'] === 'unhandled error');
      expect(logged?.['requestId']).toBe(problem.requestId);
      expect(JSON.stringify(logged)).toContain('exploded');
      expect(JSON.stringify(server.logLines)).not.toContain('hunter2');
    } finally {
      await server.close();
    }
  });
});

describeEachDatabase('web UI hosting', ({ handle }) => {
  let webRoot: string;
  beforeEach(async () => {
    webRoot = await mkdtemp(join(tmpdir(), 'carapace-web-'));
  });
  afterEach(async () => {
    await rm(webRoot, { recursive: true, force: true });
  });

  it('serves the built UI, its assets, and index.html for deep links, but never for API paths', async () => {
    await mkdir(join(webRoot, 'assets'));
    await writeFile(join(webRoot, 'index.html'), '<!doctype html><title>Carapace UI</title>');
    await writeFile(join(webRoot, 'assets', 'app-1a2b.js'), 'console.log(1)');
    const server = await startApiTestServer(handle(), { webRoot });
    try {
      const home = await fetch(`${server.url}/`);
      expect(await home.text()).toContain('Carapace UI');
      const deepLink = await fetch(`${server.url}/monitoring/findings/42`);
      expect(deepLink.status).toBe(200);
      expect(deepLink.headers.get('cache-control')).toBe('no-cache');
      expect(await deepLink.text()).toContain('Carapace UI');
      const asset = await fetch(`${server.url}/assets/app-1a2b.js`);
      expect(asset.headers.get('cache-control')).toContain('immutable');
      expect(asset.headers.get('content-type')).toMatch(/javascript/);
      // A chunk of an older build is a 404, never index.html cached for a year under a script's name.
      const staleChunk = await fetch(`${server.url}/assets/app-0ld0.js`);
      expect(staleChunk.status).toBe(404);
      expect(staleChunk.headers.get('cache-control')).toBeNull();
      const api = await fetchAs(`${server.url}/api/v1/unknown`);
      expect(api.headers.get('content-type')).toBe('application/problem+json');
      const traversal = await fetch(`${server.url}/..%2f..%2fetc%2fpasswd`);
      expect(await traversal.text()).not.toContain('root:');
    } finally {
      await server.close();
    }
  });

  it('says how to build the UI when it is not built', async () => {
    const server = await startApiTestServer(handle(), { webRoot });
    try {
      expect(await (await fetch(`${server.url}/`)).text()).toContain('npm run build');
    } finally {
      await server.close();
    }
  });
});
