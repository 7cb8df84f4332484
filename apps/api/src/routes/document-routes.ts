import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  DocumentQuery,
  PolicyIdParams,
  Problem,
  PROBLEM_CONTENT_TYPE,
  QuoteIdParams,
} from '@carapace/contracts';
import { UNDERWRITING_ACCESS_RULES, type Language, type UnitOfWorkFactory } from '@carapace/domain';
import {
  DocumentRendererUnavailableError,
  type DocumentRenderer,
  type PrintableDocument,
} from '../documents/document-renderer.js';
import {
  loadPolicyDocumentData,
  loadQuoteDocumentData,
  type DocumentServices,
} from '../documents/load-document-data.js';
import { renderPolicySchedule } from '../documents/policy-schedule.js';
import { renderQuoteDocument } from '../documents/quote-document.js';
import type { ApiEnv } from '../http/api-env.js';
import { problemJson } from '../http/problem-response.js';
import { authorise } from '../http/request-access.js';

const problemContent = { [PROBLEM_CONTENT_TYPE]: { schema: Problem } };
const pdfContent = { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } };

const TAG_DOCUMENTS = 'Documents';

const documentResponses = {
  200: { description: 'The document as an A4 PDF', content: pdfContent },
  400: { description: 'Invalid request', content: problemContent },
  404: { description: 'Not found', content: problemContent },
  503: { description: 'The PDF renderer (Chromium) is not available', content: problemContent },
};

const quoteDocumentRoute = createRoute({
  method: 'get',
  path: '/api/v1/quotes/{id}/document',
  tags: [TAG_DOCUMENTS],
  summary: 'The quotation as a PDF, in Chinese (default) or English',
  description:
    'Insured, cover, premium and its breakdown, risk score with every contribution, loss-exceedance curve, ' +
    'return-period losses, contingencies and any referral or decline reasons. 报价单 PDF（中文或英文）。',
  request: { params: QuoteIdParams, query: DocumentQuery },
  responses: documentResponses,
});

const policyDocumentRoute = createRoute({
  method: 'get',
  path: '/api/v1/policies/{id}/document',
  tags: [TAG_DOCUMENTS],
  summary: 'The policy schedule as a PDF, in Chinese (default) or English',
  description:
    'Policy number, period, insured, cover, premium, post-bind conditions with due dates and the assessment ' +
    'behind the premium. 保险单明细表 PDF（中文或英文）。',
  request: { params: PolicyIdParams, query: DocumentQuery },
  responses: documentResponses,
});

export interface DocumentRouteServices extends Omit<DocumentServices, 'unitOfWork'> {
  readonly unitOfWorkFor: UnitOfWorkFactory;
  /** Absent when the platform runs without a PDF renderer: the routes answer 503. */
  readonly documents?: DocumentRenderer | undefined;
}

/** `Q-2026-000001-zh-CN.pdf`: only characters every file system and Content-Disposition parser accepts. */
export function documentFileName(reference: string, language: Language): string {
  return `${reference.replace(/[^A-Za-z0-9._-]+/g, '_')}-${language}.pdf`;
}

async function pdfResponse(
  c: Context<ApiEnv>,
  renderer: DocumentRenderer,
  document: PrintableDocument,
  fileName: string,
  language: Language,
): Promise<Response> {
  let pdf: Uint8Array<ArrayBuffer>;
  try {
    pdf = await renderer.renderPdf(document.html, { footerHtml: document.footerHtml });
  } catch (error) {
    if (!(error instanceof DocumentRendererUnavailableError)) throw error;
    c.get('logger').error({ err: error }, 'document renderer unavailable');
    return problemJson(c, {
      code: 'document_renderer_unavailable',
      detail:
        'The PDF renderer could not start; an operator must install Chromium or set CARAPACE_CHROMIUM_PATH.',
    });
  }
  return c.body(pdf, 200, {
    'content-type': 'application/pdf',
    'content-disposition': `inline; filename="${fileName}"`,
    'content-language': language,
    // The document holds the insured's details: no shared cache may keep it.
    'cache-control': 'private, no-store',
  });
}

function rendererMissing(c: Context<ApiEnv>): Response {
  return problemJson(c, {
    code: 'document_renderer_unavailable',
    detail: 'This server runs without a PDF renderer.',
  });
}

/**
 * Routes read as pipelines: validate → authorise → load (404 when missing or another tenant's) → render
 * HTML → print to PDF → present.
 */
export function documentRoutes(services: DocumentRouteServices): OpenAPIHono<ApiEnv> {
  const scoped = async (c: Context<ApiEnv>): Promise<DocumentServices> => {
    const { unitOfWork } = await authorise(
      c,
      services.unitOfWorkFor,
      UNDERWRITING_ACCESS_RULES,
      'document.read',
    );
    return { ...services, unitOfWork };
  };
  return new OpenAPIHono<ApiEnv>()
    .openapi(quoteDocumentRoute, async (c) => {
      const { lang } = c.req.valid('query');
      const data = await loadQuoteDocumentData(await scoped(c), c.req.valid('param').id);
      if (services.documents === undefined) return rendererMissing(c);
      const fileName = documentFileName(data.quote.reference, lang);
      return pdfResponse(c, services.documents, renderQuoteDocument(data, lang), fileName, lang);
    })
    .openapi(policyDocumentRoute, async (c) => {
      const { lang } = c.req.valid('query');
      const data = await loadPolicyDocumentData(await scoped(c), c.req.valid('param').id);
      if (services.documents === undefined) return rendererMissing(c);
      const fileName = documentFileName(data.policy.policyNumber, lang);
      return pdfResponse(c, services.documents, renderPolicySchedule(data, lang), fileName, lang);
    });
}
