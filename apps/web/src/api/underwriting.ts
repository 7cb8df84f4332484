import {
  Assessment,
  ControlWhatIf,
  Organisation,
  Policy,
  PolicyPage,
  ProductSummary,
  Quote,
  QuoteDetail,
  QuoteList,
  Submission,
  type CONTROL_IDS,
} from '@carapace/contracts';
import { getDocument, getJson, postJson, type RequestOptions } from './http-client';

// The contracts export schemas (zod is theirs, not a dependency here); the screens work with the values.
export type AssessmentValue = ReturnType<typeof Assessment.parse>;
export type ControlWhatIfValue = ReturnType<typeof ControlWhatIf.parse>;
export type PolicyValue = ReturnType<typeof Policy.parse>;
export type PolicySummaryValue = ReturnType<typeof PolicyPage.parse>['items'][number];
export type PolicyPageValue = ReturnType<typeof PolicyPage.parse>;
export type ProductValue = ReturnType<typeof ProductSummary.parse>;
export type QuoteValue = ReturnType<typeof Quote.parse>;
export type QuoteDetailValue = ReturnType<typeof QuoteDetail.parse>;
export type SubmissionValue = ReturnType<typeof Submission.parse>;
export type OrganisationValue = ReturnType<typeof Organisation.parse>;
export type ControlId = (typeof CONTROL_IDS)[number];
export type CoverageSelectionValue = QuoteValue['coverage'];
export type MoneyValue = QuoteValue['premium']['premium'];

/** A cover option as the quote request takes it: a limit and retention per section and the aggregate. */
export interface CoverageChoiceValue {
  readonly sections: readonly {
    readonly section: CoverageSelectionValue['sections'][number]['section'];
    readonly limit: MoneyValue;
    readonly retention: MoneyValue;
  }[];
  readonly policyAggregate: MoneyValue;
}

const id = (value: string) => encodeURIComponent(value);

export function fetchSubmission(
  submissionId: string,
  options: RequestOptions = {},
): Promise<SubmissionValue> {
  return getJson(`/api/v1/submissions/${id(submissionId)}`, Submission, options);
}

export function fetchOrganisation(
  organisationId: string,
  options: RequestOptions = {},
): Promise<OrganisationValue> {
  return getJson(`/api/v1/organisations/${id(organisationId)}`, Organisation, options);
}

/** The product in the version the submission was made for, so the cover options match its prices. */
export function fetchProduct(
  productId: string,
  version: string,
  options: RequestOptions = {},
): Promise<ProductValue> {
  const query = new URLSearchParams({ version });
  return getJson(`/api/v1/products/${id(productId)}?${query.toString()}`, ProductSummary, options);
}

/** Prices a submission's profile without storing anything (the stateless assessment). */
export function assessSubmission(
  submission: SubmissionValue,
  options: RequestOptions = {},
): Promise<AssessmentValue> {
  return postJson(
    '/api/v1/assessments',
    {
      productId: submission.productId,
      productVersion: submission.productVersion,
      profile: submission.profile,
    },
    Assessment,
    { ...options, successStatuses: [200] },
  );
}

/** Every control's effect alone, and the chosen `combination` priced together. */
export function fetchControlWhatIf(
  submission: SubmissionValue,
  combination: readonly ControlId[],
  options: RequestOptions = {},
): Promise<ControlWhatIfValue> {
  return postJson(
    '/api/v1/assessments/what-if',
    {
      productId: submission.productId,
      productVersion: submission.productVersion,
      profile: submission.profile,
      ...(combination.length === 0 ? {} : { combination }),
    },
    ControlWhatIf,
    { ...options, successStatuses: [200] },
  );
}

export function fetchSubmissionQuotes(
  submissionId: string,
  options: RequestOptions = {},
): Promise<QuoteValue[]> {
  return getJson(`/api/v1/submissions/${id(submissionId)}/quotes`, QuoteList, options).then(
    (list) => list.items,
  );
}

/** Requests one quote per cover option (one to three). */
export function requestQuotes(
  submissionId: string,
  coverOptions: readonly CoverageChoiceValue[],
  options: RequestOptions = {},
): Promise<QuoteValue[]> {
  return postJson(
    `/api/v1/submissions/${id(submissionId)}/quotes`,
    { options: coverOptions },
    QuoteList,
    options,
  ).then((list) => list.items);
}

export function fetchQuote(quoteId: string, options: RequestOptions = {}): Promise<QuoteDetailValue> {
  return getJson(`/api/v1/quotes/${id(quoteId)}`, QuoteDetail, options);
}

/** A step of the quote's life cycle that takes no input; each answers with the quote after the step. */
export type QuoteStep = 'bind-request' | 'bind-request/withdraw' | 'bind';

export function takeQuoteStep(
  quoteId: string,
  step: QuoteStep,
  options: RequestOptions = {},
): Promise<QuoteValue> {
  // An empty JSON body: the API takes JSON only, even for a step without input.
  return postJson(`/api/v1/quotes/${id(quoteId)}/${step}`, {}, Quote, {
    ...options,
    successStatuses: [200],
  });
}

export function decideReferral(
  quoteId: string,
  decision: 'approve' | 'decline',
  note: string,
  options: RequestOptions = {},
): Promise<QuoteValue> {
  return postJson(`/api/v1/quotes/${id(quoteId)}/referral-decision`, { decision, note }, Quote, {
    ...options,
    successStatuses: [200],
  });
}

export function satisfyContingency(
  quoteId: string,
  code: string,
  note: string | null,
  options: RequestOptions = {},
): Promise<QuoteValue> {
  return postJson(`/api/v1/quotes/${id(quoteId)}/contingencies/${id(code)}/satisfy`, { note }, Quote, {
    ...options,
    successStatuses: [200],
  });
}

/** Issues the policy of a bound quote; `inceptionDate` is a calendar date such as 2026-12-01. */
export function issuePolicy(
  quoteId: string,
  inceptionDate: string,
  options: RequestOptions = {},
): Promise<PolicyValue> {
  return postJson(`/api/v1/quotes/${id(quoteId)}/policy`, { inceptionDate }, Policy, options);
}

export function fetchPolicies(
  params: { readonly organisationId?: string; readonly limit?: number; readonly offset?: number } = {},
  options: RequestOptions = {},
): Promise<PolicyPageValue> {
  const query = new URLSearchParams();
  if (params.organisationId !== undefined) query.set('organisationId', params.organisationId);
  if (params.limit !== undefined) query.set('limit', String(params.limit));
  if (params.offset !== undefined) query.set('offset', String(params.offset));
  const search = query.toString();
  return getJson(`/api/v1/policies${search === '' ? '' : `?${search}`}`, PolicyPage, options);
}

export function fetchPolicy(policyId: string, options: RequestOptions = {}): Promise<PolicyValue> {
  return getJson(`/api/v1/policies/${id(policyId)}`, Policy, options);
}

/** The quotation or the policy schedule as a PDF in `language`. */
export function fetchUnderwritingDocument(
  kind: 'quotes' | 'policies',
  documentId: string,
  language: 'zh-CN' | 'en',
  options: RequestOptions = {},
): Promise<{ readonly blob: Blob; readonly fileName: string | null }> {
  const query = new URLSearchParams({ lang: language });
  return getDocument(
    `/api/v1/${kind}/${id(documentId)}/document?${query.toString()}`,
    'application/pdf',
    options,
  );
}
