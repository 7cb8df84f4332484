import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Organisation, Policy, Problem, QuoteList, Submission } from '@carapace/contracts';
import { describeEachDatabase } from '@carapace/store/testing';
import { ChromiumDocumentRenderer } from '../documents/chromium-document-renderer.js';
import { asExtracted, readPdf } from '../documents/testing/pdf-text.js';
import { startApiTestServer, type ApiTestServer } from '../testing/api-test-server.js';
import { documentFileName } from './document-routes.js';

const CNY = (amount: string) => ({ amount, currency: 'CNY' });

/** Shaped like the first demo insured, in wire format; MFA on remote access only attested (a pre-bind condition). */
const PROFILE = {
  industry: 'I',
  annualRevenue: CNY('86000000.00'),
  employees: 210,
  recordsHeld: { personal: 420000, sensitive: 0, payment: 0 },
  country: 'CN',
  controls: {
    mfa_remote_access: { adopted: true, evidenced: false },
    mfa_email: { adopted: true, evidenced: true },
    offline_backups: { adopted: true, evidenced: true },
    backup_restore_tested: { adopted: true, evidenced: true },
    endpoint_detection_response: { adopted: true, evidenced: true },
    email_filtering: { adopted: true, evidenced: true },
  },
  priorClaims: 0,
  openFindings: { critical: 0, knownExploited: 0 },
};

const INSURED = {
  kind: 'insured',
  nameZh: '杭州云栈软件有限公司',
  nameEn: 'Hangzhou Cloudstack Software Co., Ltd.',
  creditCode: '91330106CRP000003K',
};

/** Who `send` and `get` sign in as: the test underwriter of the main server. */
let signedIn: () => Promise<string> = () => Promise.reject(new Error('no server yet'));

async function send(url: string, method: string, body?: unknown): Promise<Response> {
  return fetch(url, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await signedIn()}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { headers: { ...headers, authorization: `Bearer ${await signedIn()}` } });
}

async function problemOf(response: Response): Promise<Problem> {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return Problem.parse(await response.json());
}

/** Today's calendar date in China Standard Time, the insurer's business day. */
function chinaToday(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

// One browser for the whole file, as the platform shares one across requests.
const renderer = new ChromiumDocumentRenderer('/usr/bin/chromium');
afterAll(async () => {
  await renderer.close();
});

describe('document file names', () => {
  it('keeps only characters every file system and header parser accepts', () => {
    expect(documentFileName('Q-2026-000001', 'zh-CN')).toBe('Q-2026-000001-zh-CN.pdf');
    expect(documentFileName('CRP/CYB 2026"1', 'en')).toBe('CRP_CYB_2026_1-en.pdf');
  });
});

describeEachDatabase('document routes', ({ handle }) => {
  let server: ApiTestServer;
  beforeEach(async () => {
    server = await startApiTestServer(handle(), { documents: renderer });
    signedIn = () => server.tokenFor('underwriter');
  });
  afterEach(async () => {
    await server.close();
  });

  async function quoted() {
    const organisation = Organisation.parse(
      await (await send(`${server.url}/api/v1/organisations`, 'POST', INSURED)).json(),
    );
    const created = await send(`${server.url}/api/v1/submissions`, 'POST', {
      organisationId: organisation.id,
      profile: PROFILE,
    });
    expect(created.status).toBe(201);
    const draft = Submission.parse(await created.json());
    expect((await send(`${server.url}/api/v1/submissions/${draft.id}/submit`, 'POST')).status).toBe(200);
    const response = await send(`${server.url}/api/v1/submissions/${draft.id}/quotes`, 'POST', {
      options: [{}],
      seed: '20261120',
    });
    expect(response.status).toBe(201);
    const [quote] = QuoteList.parse(await response.json()).items;
    if (quote === undefined) throw new Error('no quote');
    expect(quote.status).toBe('quoted');
    return quote;
  }

  async function fetchPdf(path: string) {
    const response = await get(`${server.url}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
    return { response, contents: await readPdf(bytes) };
  }

  it('prints a quote in Chinese by default and in English on request, with the facts that matter', async () => {
    const quote = await quoted();

    const chinese = await fetchPdf(`/api/v1/quotes/${quote.id}/document`);
    expect(chinese.response.headers.get('content-disposition')).toBe(
      `inline; filename="${quote.reference}-zh-CN.pdf"`,
    );
    expect(chinese.response.headers.get('content-language')).toBe('zh-CN');
    expect(chinese.contents.pages).toBeGreaterThanOrEqual(1);
    const zh = chinese.contents.text;
    expect(zh).toContain('网络安全保险报价单');
    expect(zh).toContain(quote.reference);
    expect(zh).toContain(INSURED.nameZh);
    expect(zh).toContain(INSURED.creditCode);
    for (const section of ['网络勒索', '营业中断', '隐私与网络安全责任', '监管调查与罚款'])
      expect(zh).toContain(section);
    const premium = Number(quote.premium.premium.amount).toLocaleString('en', { minimumFractionDigits: 2 });
    expect(zh).toContain(`¥${premium}`);
    expect(zh).toContain('损失超越概率曲线');
    expect(zh).toContain('第 1 页');

    const english = await fetchPdf(`/api/v1/quotes/${quote.id}/document?lang=en`);
    expect(english.response.headers.get('content-disposition')).toBe(
      `inline; filename="${quote.reference}-en.pdf"`,
    );
    const en = english.contents.text;
    expect(en).toContain('Cyber insurance quotation');
    expect(en).toContain(quote.reference);
    expect(en).toContain(INSURED.nameEn);
    for (const section of ['Cyber extortion', 'Business interruption', 'Regulatory defence and penalties']) {
      expect(en).toContain(section);
    }
    expect(en).toContain(asExtracted(`CNY ${premium}`));
    expect(en).toContain('Loss-exceedance curve');
    expect(en).toContain('Page 1 of');
    expect(en).toContain('Random seed 20261120');
  });

  it('prints the schedule of a policy issued from the quote', async () => {
    const quote = await quoted();
    const base = `${server.url}/api/v1/quotes/${quote.id}`;
    expect((await send(`${base}/bind-request`, 'POST')).status).toBe(200);
    for (const contingency of quote.preBindContingencies) {
      expect(
        (await send(`${base}/contingencies/${contingency.code}/satisfy`, 'POST', { note: 'received' }))
          .status,
      ).toBe(200);
    }
    expect((await send(`${base}/bind`, 'POST')).status).toBe(200);
    const inceptionDate = chinaToday();
    const issued = await send(`${base}/policy`, 'POST', { inceptionDate });
    expect(issued.status).toBe(201);
    const policy = Policy.parse(await issued.json());

    const chinese = await fetchPdf(`/api/v1/policies/${policy.id}/document?lang=zh-CN`);
    expect(chinese.response.headers.get('content-disposition')).toBe(
      `inline; filename="${policy.policyNumber}-zh-CN.pdf"`,
    );
    const zh = chinese.contents.text;
    expect(zh).toContain('保单明细表');
    expect(zh).toContain(policy.policyNumber);
    expect(zh).toContain(quote.reference);
    expect(zh).toContain(INSURED.nameZh);
    const [year, month, day] = inceptionDate.split('-').map(Number);
    expect(zh).toContain(`自${String(year)}年${String(month)}月${String(day)}日零时起`);
    expect(zh).toContain('出单后须满足的条件');
    expect(zh).toContain('登记7×24应急响应联系人');

    const en = (await fetchPdf(`/api/v1/policies/${policy.id}/document?lang=en`)).contents.text;
    expect(en).toContain('Cyber insurance policy schedule');
    expect(en).toContain(policy.policyNumber);
    expect(en).toContain('Conditions after binding');
    expect(en).toContain('Register 24×7 incident-response contacts');
    const premium = Number(policy.premium.amount).toLocaleString('en', { minimumFractionDigits: 2 });
    expect(en).toContain(asExtracted(`CNY ${premium}`));
  });

  it('describes both document routes in the OpenAPI document as PDFs with a language parameter', async () => {
    const openApi = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
      paths: Record<
        string,
        {
          get?: {
            parameters?: { name: string; in: string }[];
            responses: Record<string, { content?: Record<string, unknown> }>;
          };
        }
      >;
    };
    for (const path of ['/api/v1/quotes/{id}/document', '/api/v1/policies/{id}/document']) {
      const operation = openApi.paths[path]?.get;
      expect(operation?.responses['200']?.content).toHaveProperty('application/pdf');
      expect(operation?.responses['503']?.content).toHaveProperty('application/problem+json');
      expect(operation?.parameters?.map((parameter) => `${parameter.in}.${parameter.name}`).sort()).toEqual([
        'path.id',
        'query.lang',
      ]);
    }
  });

  it('answers 404 for an unknown quote or policy and 400 for a language it does not print', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await problemOf(await get(`${server.url}/api/v1/quotes/${unknown}/document`))).code).toBe(
      'quote_not_found',
    );
    expect((await problemOf(await get(`${server.url}/api/v1/policies/${unknown}/document`))).code).toBe(
      'policy_not_found',
    );
    const quote = await quoted();
    const problem = await problemOf(await get(`${server.url}/api/v1/quotes/${quote.id}/document?lang=fr`));
    expect(problem).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(problem.invalidParams?.[0]?.name).toBe('query.lang');
  });

  it('answers 503 with a clear problem, not a crash, when Chromium is missing or there is no renderer', async () => {
    const quote = await quoted();
    const broken = new ChromiumDocumentRenderer('/nonexistent/chromium');
    const withoutChromium = await startApiTestServer(handle(), {
      documents: broken,
      keyring: server.keyring,
    });
    const withoutRenderer = await startApiTestServer(handle(), { keyring: server.keyring });
    try {
      const missing = await get(`${withoutChromium.url}/api/v1/quotes/${quote.id}/document`);
      expect(missing.status).toBe(503);
      expect(await problemOf(missing)).toMatchObject({
        code: 'document_renderer_unavailable',
        title: 'Documents cannot be rendered right now',
      });
      expect(withoutChromium.logLines.some((line) => line['msg'] === 'document renderer unavailable')).toBe(
        true,
      );

      const none = await get(`${withoutRenderer.url}/api/v1/quotes/${quote.id}/document`, {
        'accept-language': 'zh-CN',
      });
      expect(none.status).toBe(503);
      expect(await problemOf(none)).toMatchObject({
        code: 'document_renderer_unavailable',
        title: '暂时无法生成文档',
      });
      // The server keeps serving.
      expect((await get(`${withoutChromium.url}/api/v1/quotes/${quote.id}`)).status).toBe(200);
    } finally {
      await withoutChromium.close();
      await withoutRenderer.close();
      await broken.close();
    }
  });
});
