import { NotFoundError, RuleViolationError } from '../shared/domain-error.js';
import { applyTransition, requireQuote } from './quote-use-cases.js';
import type { Policy, PolicyTransaction } from './underwriting-records.js';
import { conditionHolds } from './underwriting-rules.js';
import type { LifecycleServices } from './underwriting-services.js';

/**
 * Policy use cases. Issuing turns a bound quote into a policy and its first transaction in one unit of work;
 * afterwards the policy is never edited (the database refuses it too) — a later change is a new transaction.
 */

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
/** How far back a policy may incept (late paperwork for cover already agreed), and how far ahead. */
export const MAX_BACKDATING_DAYS = 30;
export const MAX_FORWARD_DAYS = 90;

function parseCalendarDate(value: string, field: string): Date {
  const match = DATE_PATTERN.exec(value);
  const date = match === null ? new Date(Number.NaN) : new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new RuleViolationError(
      'inception_date_invalid',
      `${field} must be a calendar date YYYY-MM-DD (got '${value}')`,
      field,
    );
  }
  return date;
}

function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

/**
 * The expiry date (exclusive: cover ends at 24:00 the day before) `months` after inception: the same day of
 * the month, or — when that day does not exist (29 February 2028 + 12 months, 31 January + 1 month) — the
 * first day of the following month, so the last covered day is the end of the shorter month and no day of
 * cover is lost.
 */
export function addMonths(date: Date, months: number): Date {
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  if (date.getUTCDate() > lastDay)
    return new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 1));
  target.setUTCDate(date.getUTCDate());
  return target;
}

export interface IssuedPolicy {
  readonly policy: Policy;
  readonly transactions: readonly PolicyTransaction[];
}

export async function issuePolicy(
  services: LifecycleServices,
  quoteId: string,
  inceptionDate: string,
): Promise<IssuedPolicy> {
  const inception = parseCalendarDate(inceptionDate, 'inceptionDate');
  const now = services.now();
  // Calendar dates are China Standard Time dates: that is the business day the insurer works in.
  const today = parseCalendarDate(formatDate(new Date(now.getTime() + 8 * 3_600_000)), 'today');
  if (inception < addDays(today, -MAX_BACKDATING_DAYS) || inception > addDays(today, MAX_FORWARD_DAYS)) {
    throw new RuleViolationError(
      'inception_date_invalid',
      `inceptionDate must be within ${String(MAX_BACKDATING_DAYS)} days before and ${String(MAX_FORWARD_DAYS)} days after today (${formatDate(today)})`,
      'inceptionDate',
    );
  }
  return services.unitOfWork.run(async (repositories) => {
    const quote = await requireQuote(repositories, quoteId, true);
    await applyTransition(repositories, quote, 'issue_policy', `inception ${inceptionDate}`, now);
    const submission = await repositories.underwriting.findSubmission(quote.submissionId);
    if (submission === undefined) throw new Error(`submission of quote ${quote.id} vanished`);
    const product = services.catalogue.product(submission.productId, submission.productVersion);
    const policy = await repositories.underwriting.insertPolicy({
      quoteId: quote.id,
      organisationId: quote.organisationId,
      insurerId: quote.insurerId,
      brokerId: quote.brokerId,
      productId: product.id,
      productVersion: product.version,
      inceptionDate,
      expiryDate: formatDate(addMonths(inception, product.termMonths)),
      coverage: quote.coverage,
      premium: quote.premium.premium,
      postBindContingencies: product.contingencies.postBind
        .filter(
          (contingency) =>
            contingency.when === undefined ||
            conditionHolds(contingency.when, product, quote.assessment.profile, quote.coverage),
        )
        .map((contingency) => ({
          code: contingency.code,
          text: contingency.text,
          // parseProduct refuses a post-bind contingency without dueDays, so the fallback never applies.
          dueDate: formatDate(addDays(inception, contingency.dueDays ?? 0)),
        })),
      issuedAt: now,
    });
    const transaction = await repositories.underwriting.insertPolicyTransaction({
      policyId: policy.id,
      kind: 'issue',
      effectiveDate: inceptionDate,
      premiumChange: quote.premium.premium,
      createdAt: now,
    });
    return { policy, transactions: [transaction] };
  });
}

export async function getPolicy(
  services: Pick<LifecycleServices, 'unitOfWork'>,
  id: string,
): Promise<IssuedPolicy> {
  return services.unitOfWork.run(async (repositories) => {
    const policy = await repositories.underwriting.findPolicy(id);
    if (policy === undefined) throw new NotFoundError('policy_not_found', `no policy ${id}`);
    return { policy, transactions: await repositories.underwriting.listPolicyTransactions(id) };
  });
}

export async function listPolicies(
  services: Pick<LifecycleServices, 'unitOfWork'>,
  filter: { readonly organisationId?: string; readonly limit: number; readonly offset: number },
): Promise<{ readonly items: Policy[]; readonly total: number }> {
  return services.unitOfWork.run((repositories) => repositories.underwriting.listPolicies(filter));
}
