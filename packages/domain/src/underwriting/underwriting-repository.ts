import type { QuoteStatus } from './quote-lifecycle.js';
import type {
  Policy,
  PolicyTransaction,
  Quote,
  QuoteContingency,
  QuoteEvent,
  Submission,
  SubmissionListFilter,
  SubmissionListing,
} from './underwriting-records.js';

/**
 * Port: where submissions, quotes and policies are kept. Reads with `forUpdate` lock the row until the unit
 * of work ends, so two concurrent steps on one quote run one after the other. Policies and their
 * transactions are insert-only.
 */
export interface UnderwritingRepository {
  insertSubmission(submission: Omit<Submission, 'id' | 'createdAt'>): Promise<Submission>;
  findSubmission(id: string, options?: { readonly forUpdate?: boolean }): Promise<Submission | undefined>;
  updateSubmission(
    id: string,
    changes: Pick<Submission, 'profile' | 'status' | 'submittedAt'>,
  ): Promise<Submission>;
  /** In creation order, newest first unless the filter asks otherwise; with the filter's total for paging. */
  listSubmissions(filter: SubmissionListFilter): Promise<{
    readonly items: SubmissionListing[];
    readonly total: number;
  }>;

  insertQuote(quote: Omit<Quote, 'id' | 'createdAt' | 'reference'>): Promise<Quote>;
  findQuote(id: string, options?: { readonly forUpdate?: boolean }): Promise<Quote | undefined>;
  listQuotes(submissionId: string): Promise<Quote[]>;
  updateQuoteState(
    id: string,
    state: { readonly status: QuoteStatus; readonly preBindContingencies: readonly QuoteContingency[] },
  ): Promise<Quote>;
  appendQuoteEvent(event: Omit<QuoteEvent, 'sequence'>): Promise<QuoteEvent>;
  listQuoteEvents(quoteId: string): Promise<QuoteEvent[]>;

  insertPolicy(policy: Omit<Policy, 'id' | 'policyNumber'>): Promise<Policy>;
  findPolicy(id: string): Promise<Policy | undefined>;
  findPolicyByQuote(quoteId: string): Promise<Policy | undefined>;
  listPolicies(filter: {
    readonly organisationId?: string;
    readonly limit: number;
    readonly offset: number;
  }): Promise<{
    readonly items: Policy[];
    readonly total: number;
  }>;
  insertPolicyTransaction(transaction: Omit<PolicyTransaction, 'sequence'>): Promise<PolicyTransaction>;
  listPolicyTransactions(policyId: string): Promise<PolicyTransaction[]>;
}
