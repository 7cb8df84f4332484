import { NotFoundError, RuleViolationError } from '../shared/domain-error.js';
import type { Repositories } from '../platform/unit-of-work.js';
import { assessRisk } from './assess-risk.js';
import type { CoverageChoice, CoverageSelection } from './coverage-selection.js';
import type { Product } from './product.js';
import { nextQuoteStatus, type QuoteAction, type QuoteStatus } from './quote-lifecycle.js';
import type { RiskProfile } from './risk-profile.js';
import { requireSubmission } from './submission-use-cases.js';
import { conditionHolds } from './underwriting-rules.js';
import type { Quote, QuoteContingency, QuoteEvent } from './underwriting-records.js';
import type { LifecycleServices } from './underwriting-services.js';

/** Quote use cases: price options for a submitted application and move quotes through their lifecycle. */

export const MAX_QUOTE_OPTIONS = 3;
const DAY_MS = 86_400_000;

export interface QuoteRequest {
  readonly submissionId: string;
  /** One to three cover options; each becomes its own quote. An empty choice takes the product defaults. */
  readonly options: readonly CoverageChoice[];
  readonly seed?: string;
}

export interface QuoteWithHistory {
  readonly quote: Quote;
  readonly events: readonly QuoteEvent[];
}

/** The product's pre-bind contingencies that apply to this company and cover (e.g. evidence of an attested control). */
function preBindContingencies(
  product: Product,
  profile: RiskProfile,
  coverage: CoverageSelection,
): QuoteContingency[] {
  return product.contingencies.preBind
    .filter(
      (contingency) =>
        contingency.when === undefined || conditionHolds(contingency.when, product, profile, coverage),
    )
    .map((contingency) => ({ code: contingency.code, text: contingency.text, satisfiedAt: null }));
}

export async function quoteSubmission(services: LifecycleServices, request: QuoteRequest): Promise<Quote[]> {
  if (request.options.length < 1 || request.options.length > MAX_QUOTE_OPTIONS) {
    throw new RuleViolationError(
      'coverage_option_invalid',
      `give 1 to ${String(MAX_QUOTE_OPTIONS)} cover options (got ${String(request.options.length)})`,
      'options',
    );
  }
  const submission = await services.unitOfWork.run((repositories) =>
    requireSubmission(repositories, request.submissionId),
  );
  if (submission.status !== 'submitted') {
    throw new RuleViolationError(
      'transition_not_allowed',
      `a submission must be submitted before it is quoted (it is ${submission.status})`,
      'status',
    );
  }
  const product = services.catalogue.product(submission.productId, submission.productVersion);
  // Simulation happens outside the transaction: it holds no database connection while the engine runs.
  const assessments = await Promise.all(
    request.options.map(async (coverage, index) => {
      try {
        return await assessRisk(services, {
          productId: submission.productId,
          productVersion: submission.productVersion,
          profile: submission.profile,
          coverage,
          ...(request.seed === undefined ? {} : { seed: request.seed }),
        });
      } catch (error) {
        // Each option is the request's `options[index]`, where assessRisk knows it as `coverage`.
        if (!(error instanceof RuleViolationError) || error.field?.startsWith('coverage') !== true)
          throw error;
        throw new RuleViolationError(
          error.code,
          error.message,
          error.field.replace(/^coverage/, `options.${String(index)}`),
        );
      }
    }),
  );
  const now = services.now();
  return services.unitOfWork.run(async (repositories) => {
    const locked = await requireSubmission(repositories, submission.id, true);
    if (locked.status !== 'submitted') {
      throw new RuleViolationError(
        'transition_not_allowed',
        'the submission changed while it was being priced',
        'status',
      );
    }
    const quotes: Quote[] = [];
    for (const assessment of assessments) {
      const status: QuoteStatus =
        assessment.decision.kind === 'decline'
          ? 'declined'
          : assessment.decision.kind === 'refer'
            ? 'referred'
            : 'quoted';
      const quote = await repositories.underwriting.insertQuote({
        submissionId: submission.id,
        organisationId: submission.organisationId,
        insurerId: submission.insurerId,
        brokerId: submission.brokerId,
        status,
        coverage: assessment.coverage,
        premium: assessment.premium,
        assessment,
        triggeredRules: assessment.decision.kind === 'quote' ? [] : assessment.decision.rules,
        preBindContingencies: preBindContingencies(product, submission.profile, assessment.coverage),
        validUntil: new Date(now.getTime() + product.quoteValidDays * DAY_MS),
      });
      await repositories.underwriting.appendQuoteEvent({
        quoteId: quote.id,
        action: 'create',
        fromStatus: null,
        toStatus: status,
        note:
          assessment.decision.kind === 'quote'
            ? null
            : assessment.decision.rules.map((rule) => rule.code).join(', '),
        at: now,
      });
      quotes.push(quote);
    }
    return quotes;
  });
}

export async function requireQuote(
  repositories: Repositories,
  id: string,
  forUpdate = false,
): Promise<Quote> {
  const quote = await repositories.underwriting.findQuote(id, { forUpdate });
  if (quote === undefined) throw new NotFoundError('quote_not_found', `no quote ${id}`);
  return quote;
}

export async function getQuote(
  services: Pick<LifecycleServices, 'unitOfWork'>,
  id: string,
): Promise<QuoteWithHistory> {
  return services.unitOfWork.run(async (repositories) => {
    const quote = await requireQuote(repositories, id);
    return { quote, events: await repositories.underwriting.listQuoteEvents(id) };
  });
}

export async function listSubmissionQuotes(
  services: Pick<LifecycleServices, 'unitOfWork'>,
  submissionId: string,
): Promise<Quote[]> {
  return services.unitOfWork.run(async (repositories) => {
    await requireSubmission(repositories, submissionId);
    return repositories.underwriting.listQuotes(submissionId);
  });
}

function isPastValidity(quote: Quote, now: Date): boolean {
  return (
    (quote.status === 'quoted' || quote.status === 'referred') && now.getTime() > quote.validUntil.getTime()
  );
}

/**
 * Records the expiry of a quote whose validity has passed (in its own transaction, so the record survives
 * the refusal that follows) and refuses the step with `quote_expired`.
 */
async function refuseIfExpired(services: LifecycleServices, id: string, now: Date): Promise<void> {
  const expired = await services.unitOfWork.run(async (repositories) => {
    const quote = await requireQuote(repositories, id, true);
    if (!isPastValidity(quote, now)) return false;
    await applyTransition(repositories, quote, 'expire', 'validity passed', now);
    return true;
  });
  if (expired) {
    throw new RuleViolationError('quote_expired', `quote ${id} expired; ask for a new quote`, 'validUntil');
  }
}

export async function applyTransition(
  repositories: Repositories,
  quote: Quote,
  action: QuoteAction,
  note: string | null,
  at: Date,
  preBindContingencies: readonly QuoteContingency[] = quote.preBindContingencies,
): Promise<Quote> {
  const status = nextQuoteStatus(quote.status, action);
  const updated = await repositories.underwriting.updateQuoteState(quote.id, {
    status,
    preBindContingencies,
  });
  await repositories.underwriting.appendQuoteEvent({
    quoteId: quote.id,
    action,
    fromStatus: quote.status,
    toStatus: status,
    note,
    at,
  });
  return updated;
}

/** Approve or decline a referred quote (an underwriter's decision; the note says why). */
export async function decideReferral(
  services: LifecycleServices,
  id: string,
  decision: 'approve' | 'decline',
  note: string | null,
): Promise<Quote> {
  const now = services.now();
  await refuseIfExpired(services, id, now);
  return services.unitOfWork.run(async (repositories) => {
    const quote = await requireQuote(repositories, id, true);
    return applyTransition(
      repositories,
      quote,
      decision === 'approve' ? 'approve_referral' : 'decline_referral',
      note,
      now,
    );
  });
}

/**
 * Marks a quote expired if its validity has passed; returns it either way. For a scheduled sweep (the job
 * queue arrives with monitoring); until then a quote is expired when someone next acts on it.
 */
export async function expireQuoteIfDue(services: LifecycleServices, id: string): Promise<Quote> {
  const now = services.now();
  return services.unitOfWork.run(async (repositories) => {
    const quote = await requireQuote(repositories, id, true);
    return isPastValidity(quote, now)
      ? applyTransition(repositories, quote, 'expire', 'validity passed', now)
      : quote;
  });
}

export async function requestBind(services: LifecycleServices, id: string): Promise<Quote> {
  const now = services.now();
  await refuseIfExpired(services, id, now);
  return services.unitOfWork.run(async (repositories) => {
    const quote = await requireQuote(repositories, id, true);
    return applyTransition(repositories, quote, 'request_bind', null, now);
  });
}

export async function withdrawBindRequest(services: LifecycleServices, id: string): Promise<Quote> {
  const now = services.now();
  return services.unitOfWork.run(async (repositories) => {
    const quote = await requireQuote(repositories, id, true);
    return applyTransition(repositories, quote, 'withdraw_bind_request', null, now);
  });
}

/** Records that a pre-bind contingency is met (e.g. the signed application arrived). Only while bind is requested. */
export async function satisfyContingency(
  services: LifecycleServices,
  id: string,
  code: string,
  note: string | null,
): Promise<Quote> {
  const now = services.now();
  return services.unitOfWork.run(async (repositories) => {
    const quote = await requireQuote(repositories, id, true);
    if (quote.status !== 'bind_requested') {
      throw new RuleViolationError(
        'transition_not_allowed',
        `contingencies are met after bind is requested (the quote is ${quote.status.replaceAll('_', ' ')})`,
        'status',
      );
    }
    if (!quote.preBindContingencies.some((contingency) => contingency.code === code)) {
      // No field: the code is a path parameter, not part of a request body.
      throw new RuleViolationError(
        'contingency_unknown',
        `quote ${quote.reference} has no contingency '${code}'`,
      );
    }
    const contingencies = quote.preBindContingencies.map((contingency) =>
      contingency.code === code && contingency.satisfiedAt === null
        ? { ...contingency, satisfiedAt: now }
        : contingency,
    );
    const updated = await repositories.underwriting.updateQuoteState(quote.id, {
      status: quote.status,
      preBindContingencies: contingencies,
    });
    await repositories.underwriting.appendQuoteEvent({
      quoteId: quote.id,
      action: 'satisfy_contingency',
      fromStatus: quote.status,
      toStatus: quote.status,
      note: note === null ? code : `${code}: ${note}`,
      at: now,
    });
    return updated;
  });
}

export async function bindQuote(services: LifecycleServices, id: string): Promise<Quote> {
  const now = services.now();
  return services.unitOfWork.run(async (repositories) => {
    const unlocked = await requireQuote(repositories, id);
    // Lock the application first (then the quote), so two options of it cannot be bound at once.
    await requireSubmission(repositories, unlocked.submissionId, true);
    const quote = await requireQuote(repositories, id, true);
    const siblings = await repositories.underwriting.listQuotes(quote.submissionId);
    const alreadyBound = siblings.find(
      (sibling) =>
        sibling.id !== quote.id && (sibling.status === 'bound' || sibling.status === 'policy_issued'),
    );
    if (alreadyBound !== undefined) {
      throw new RuleViolationError(
        'transition_not_allowed',
        `cannot bind ${quote.reference}: ${alreadyBound.reference} of the same application is already bound`,
        'status',
      );
    }
    const outstanding = quote.preBindContingencies.filter((contingency) => contingency.satisfiedAt === null);
    if (quote.status === 'bind_requested' && outstanding.length > 0) {
      throw new RuleViolationError(
        'contingencies_outstanding',
        `cannot bind ${quote.reference}: outstanding contingencies ${outstanding.map((c) => c.code).join(', ')}`,
        'preBindContingencies',
      );
    }
    return applyTransition(repositories, quote, 'bind', null, now);
  });
}
