import { sql, type Kysely, type Selectable } from 'kysely';
import {
  NotFoundError,
  isCurrencyCode,
  money,
  type Money,
  type Policy,
  type PolicyTransaction,
  type Quote,
  type QuoteContingency,
  type QuoteEvent,
  type QuoteStatus,
  type Submission,
  type SubmissionListFilter,
  type SubmissionListing,
  type UnderwritingRepository,
} from '@carapace/domain';
import type {
  Database,
  PoliciesTable,
  PolicyTransactionsTable,
  QuoteEventsTable,
  QuotesTable,
  StoredQuoteContingency,
  SubmissionsTable,
} from '../schema.js';
import { requireScopeSeesParties, underwritingPartiesInclude, type DataScope } from '../data-scope.js';
import { isUuid } from './uuid.js';

/**
 * Running numbers are zero-padded to six digits and grow past them rather than wrap: '0' digits always
 * print, '9' digits only when significant, FM drops the sign column.
 */
const RUNNING_NUMBER_FORMAT = sql.lit('FM999999000000');

/**
 * Q-2026-000012. The year is the calendar year in China Standard Time (the insurer's business day) of the
 * transaction that creates the quote: now() is the transaction's start, the same instant as created_at.
 */
const NEXT_QUOTE_REFERENCE = sql<string>`'Q-' || to_char(now() at time zone 'Asia/Shanghai', 'YYYY') || '-' || to_char(nextval('quote_reference_seq'), ${RUNNING_NUMBER_FORMAT})`;

/** CRP-CYB-2026-000001, the year of the inception date. */
function nextPolicyNumber(inceptionDate: string) {
  return sql<string>`'CRP-CYB-' || to_char(${inceptionDate}::date, 'YYYY') || '-' || to_char(nextval('policy_number_seq'), ${RUNNING_NUMBER_FORMAT})`;
}

/** A date column as YYYY-MM-DD text, whatever the session's DateStyle and time zone. */
function calendarDate<C extends 'inceptionDate' | 'expiryDate' | 'effectiveDate'>(column: C) {
  return sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`.as(column);
}

const SUBMISSION_COLUMNS = [
  'id',
  'organisationId',
  'insurerId',
  'brokerId',
  'productId',
  'productVersion',
  'status',
  'profile',
  'createdAt',
  'submittedAt',
] as const;

const QUOTE_COLUMNS = [
  'id',
  'reference',
  'submissionId',
  'organisationId',
  'insurerId',
  'brokerId',
  'status',
  'coverage',
  'premium',
  'assessment',
  'triggeredRules',
  'preBindContingencies',
  'validUntil',
  'createdAt',
] as const;

const QUOTE_EVENT_COLUMNS = [
  'quoteId',
  'sequence',
  'action',
  'fromStatus',
  'toStatus',
  'note',
  'at',
] as const;

const POLICY_COLUMNS = [
  'id',
  'policyNumber',
  'quoteId',
  'organisationId',
  'insurerId',
  'brokerId',
  'productId',
  'productVersion',
  calendarDate('inceptionDate'),
  calendarDate('expiryDate'),
  'coverage',
  'premiumMinor',
  'currency',
  'postBindContingencies',
  'issuedAt',
] as const;

const POLICY_TRANSACTION_COLUMNS = [
  'policyId',
  'sequence',
  'kind',
  calendarDate('effectiveDate'),
  'premiumChangeMinor',
  'currency',
  'createdAt',
] as const;

type SubmissionRow = Pick<Selectable<SubmissionsTable>, (typeof SUBMISSION_COLUMNS)[number]>;
type QuoteRow = Pick<Selectable<QuotesTable>, (typeof QUOTE_COLUMNS)[number]>;
type QuoteEventRow = Selectable<QuoteEventsTable>;
type PolicyRow = Omit<Selectable<PoliciesTable>, 'inceptionDate' | 'expiryDate' | 'policySeq'> & {
  readonly inceptionDate: string;
  readonly expiryDate: string;
};
type PolicyTransactionRow = Omit<Selectable<PolicyTransactionsTable>, 'effectiveDate'> & {
  readonly effectiveDate: string;
};

/** A bigint column read by `pg` (a decimal string) as a number, refusing what a double cannot hold exactly. */
function safeInteger(text: string, column: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new Error(`${column} holds ${text}, beyond the exactly representable integers`);
  }
  return value;
}

function moneyFromColumns(minorText: string, currency: string, column: string): Money {
  if (!isCurrencyCode(currency)) {
    throw new Error(`${column} is in currency '${currency}', which this version of Carapace does not know`);
  }
  return money(safeInteger(minorText, column), currency);
}

function storeContingency(contingency: QuoteContingency): StoredQuoteContingency {
  return {
    code: contingency.code,
    text: contingency.text,
    satisfiedAt: contingency.satisfiedAt === null ? null : contingency.satisfiedAt.toISOString(),
  };
}

function readContingency(stored: StoredQuoteContingency): QuoteContingency {
  return {
    code: stored.code,
    text: stored.text,
    satisfiedAt: stored.satisfiedAt === null ? null : new Date(stored.satisfiedAt),
  };
}

function toSubmission(row: SubmissionRow): Submission {
  return {
    id: row.id,
    organisationId: row.organisationId,
    insurerId: row.insurerId,
    brokerId: row.brokerId,
    productId: row.productId,
    productVersion: row.productVersion,
    status: row.status,
    profile: row.profile,
    createdAt: row.createdAt,
    submittedAt: row.submittedAt,
  };
}

function toQuote(row: QuoteRow): Quote {
  return {
    id: row.id,
    reference: row.reference,
    submissionId: row.submissionId,
    organisationId: row.organisationId,
    insurerId: row.insurerId,
    brokerId: row.brokerId,
    status: row.status,
    coverage: row.coverage,
    premium: row.premium,
    assessment: row.assessment,
    triggeredRules: row.triggeredRules,
    preBindContingencies: row.preBindContingencies.map(readContingency),
    validUntil: row.validUntil,
    createdAt: row.createdAt,
  };
}

function toQuoteEvent(row: QuoteEventRow): QuoteEvent {
  return {
    quoteId: row.quoteId,
    sequence: row.sequence,
    action: row.action,
    fromStatus: row.fromStatus,
    toStatus: row.toStatus,
    note: row.note,
    at: row.at,
  };
}

function toPolicy(row: PolicyRow): Policy {
  return {
    id: row.id,
    policyNumber: row.policyNumber,
    quoteId: row.quoteId,
    organisationId: row.organisationId,
    insurerId: row.insurerId,
    brokerId: row.brokerId,
    productId: row.productId,
    productVersion: row.productVersion,
    inceptionDate: row.inceptionDate,
    expiryDate: row.expiryDate,
    coverage: row.coverage,
    premium: moneyFromColumns(row.premiumMinor, row.currency, 'policies.premium_minor'),
    postBindContingencies: row.postBindContingencies,
    issuedAt: row.issuedAt,
  };
}

function toPolicyTransaction(row: PolicyTransactionRow): PolicyTransaction {
  return {
    policyId: row.policyId,
    sequence: row.sequence,
    kind: row.kind,
    effectiveDate: row.effectiveDate,
    premiumChange: moneyFromColumns(
      row.premiumChangeMinor,
      row.currency,
      'policy_transactions.premium_change_minor',
    ),
    createdAt: row.createdAt,
  };
}

/**
 * Submissions, quotes and policies in PostgreSQL (or PGlite). Ids that are not UUIDs are treated as not
 * found, never sent to the database. Foreign-key, check and append-only violations are not caught: they
 * mean a use case skipped a check, and the error aborts its transaction.
 *
 * Every query carries the scope's filter (a tenant sees the records where it is the insurer, the insured
 * company or the broker), in addition to the database's Row-Level Security: another tenant's record is
 * simply not found.
 */
export class KyselyUnderwritingRepository implements UnderwritingRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly scope: DataScope,
  ) {}

  /** Children (events, transactions) are visible when their parent is. */
  private async parentVisible(table: 'quotes' | 'policies', id: string): Promise<boolean> {
    const row = await this.db
      .selectFrom(table)
      .select('id')
      .where('id', '=', id)
      .where(underwritingPartiesInclude(this.scope))
      .executeTakeFirst();
    return row !== undefined;
  }

  async insertSubmission(submission: Omit<Submission, 'id' | 'createdAt'>): Promise<Submission> {
    requireScopeSeesParties(this.scope, submission, 'submission');
    const row = await this.db
      .insertInto('submissions')
      .values({
        organisationId: submission.organisationId,
        insurerId: submission.insurerId,
        brokerId: submission.brokerId,
        productId: submission.productId,
        productVersion: submission.productVersion,
        status: submission.status,
        profile: JSON.stringify(submission.profile),
        submittedAt: submission.submittedAt,
      })
      .returning(SUBMISSION_COLUMNS)
      .executeTakeFirstOrThrow();
    return toSubmission(row);
  }

  async findSubmission(
    id: string,
    options: { readonly forUpdate?: boolean } = {},
  ): Promise<Submission | undefined> {
    if (!isUuid(id)) return undefined;
    let query = this.db
      .selectFrom('submissions')
      .select(SUBMISSION_COLUMNS)
      .where('id', '=', id)
      .where(underwritingPartiesInclude(this.scope));
    if (options.forUpdate === true) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row === undefined ? undefined : toSubmission(row);
  }

  /** @throws NotFoundError `submission_not_found` if there is no such submission. */
  async updateSubmission(
    id: string,
    changes: Pick<Submission, 'profile' | 'status' | 'submittedAt'>,
  ): Promise<Submission> {
    const row = isUuid(id)
      ? await this.db
          .updateTable('submissions')
          .set({
            profile: JSON.stringify(changes.profile),
            status: changes.status,
            submittedAt: changes.submittedAt,
          })
          .where('id', '=', id)
          .where(underwritingPartiesInclude(this.scope))
          .returning(SUBMISSION_COLUMNS)
          .executeTakeFirst()
      : undefined;
    if (row === undefined) throw new NotFoundError('submission_not_found', `no submission ${id}`);
    return toSubmission(row);
  }

  /** Each with the insured company's names (visible to whoever sees the submission). */
  async listSubmissions(
    filter: SubmissionListFilter,
  ): Promise<{ readonly items: SubmissionListing[]; readonly total: number }> {
    if (filter.organisationId !== undefined && !isUuid(filter.organisationId)) return { items: [], total: 0 };
    let query = this.db
      .selectFrom('submissions')
      .innerJoin('organisations', 'organisations.id', 'submissions.organisationId')
      .where(underwritingPartiesInclude(this.scope, 'submissions'));
    if (filter.status !== undefined) query = query.where('submissions.status', '=', filter.status);
    if (filter.organisationId !== undefined) {
      query = query.where('submissions.organisationId', '=', filter.organisationId);
    }
    // The total rides along with the page (one statement, one snapshot), so the two always agree.
    const rows = await query
      .select(SUBMISSION_COLUMNS.map((column) => `submissions.${column}` as const))
      .select(['organisations.nameZh as organisationNameZh', 'organisations.nameEn as organisationNameEn'])
      .select((eb) => eb.fn.countAll<string>().over().as('total'))
      .orderBy('submissions.submissionSeq', filter.order === 'oldest_first' ? 'asc' : 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute();
    const [first] = rows;
    const total =
      first !== undefined
        ? first.total
        : // A page past the end has no row to carry the total.
          (await query.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow()).total;
    return {
      items: rows.map((row) => ({
        submission: toSubmission(row),
        organisationNameZh: row.organisationNameZh,
        organisationNameEn: row.organisationNameEn,
      })),
      total: safeInteger(total, 'count(submissions)'),
    };
  }

  async insertQuote(quote: Omit<Quote, 'id' | 'createdAt' | 'reference'>): Promise<Quote> {
    requireScopeSeesParties(this.scope, quote, 'quote');
    const row = await this.db
      .insertInto('quotes')
      .values({
        reference: NEXT_QUOTE_REFERENCE,
        submissionId: quote.submissionId,
        organisationId: quote.organisationId,
        insurerId: quote.insurerId,
        brokerId: quote.brokerId,
        status: quote.status,
        coverage: JSON.stringify(quote.coverage),
        premium: JSON.stringify(quote.premium),
        premiumMinor: quote.premium.premium.minor,
        currency: quote.premium.premium.currency,
        assessment: JSON.stringify(quote.assessment),
        triggeredRules: JSON.stringify(quote.triggeredRules),
        preBindContingencies: JSON.stringify(quote.preBindContingencies.map(storeContingency)),
        validUntil: quote.validUntil,
      })
      .returning(QUOTE_COLUMNS)
      .executeTakeFirstOrThrow();
    return toQuote(row);
  }

  async findQuote(id: string, options: { readonly forUpdate?: boolean } = {}): Promise<Quote | undefined> {
    if (!isUuid(id)) return undefined;
    let query = this.db
      .selectFrom('quotes')
      .select(QUOTE_COLUMNS)
      .where('id', '=', id)
      .where(underwritingPartiesInclude(this.scope));
    if (options.forUpdate === true) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row === undefined ? undefined : toQuote(row);
  }

  /** Oldest first. */
  async listQuotes(submissionId: string): Promise<Quote[]> {
    if (!isUuid(submissionId)) return [];
    const rows = await this.db
      .selectFrom('quotes')
      .select(QUOTE_COLUMNS)
      .where('submissionId', '=', submissionId)
      .where(underwritingPartiesInclude(this.scope))
      .orderBy('quoteSeq')
      .execute();
    return rows.map(toQuote);
  }

  /** @throws NotFoundError `quote_not_found` if there is no such quote. */
  async updateQuoteState(
    id: string,
    state: { readonly status: QuoteStatus; readonly preBindContingencies: readonly QuoteContingency[] },
  ): Promise<Quote> {
    const row = isUuid(id)
      ? await this.db
          .updateTable('quotes')
          .set({
            status: state.status,
            preBindContingencies: JSON.stringify(state.preBindContingencies.map(storeContingency)),
          })
          .where('id', '=', id)
          .where(underwritingPartiesInclude(this.scope))
          .returning(QUOTE_COLUMNS)
          .executeTakeFirst()
      : undefined;
    if (row === undefined) throw new NotFoundError('quote_not_found', `no quote ${id}`);
    return toQuote(row);
  }

  /**
   * Appends the event after the quote's last one. The caller holds the quote's row lock (findQuote with
   * forUpdate), so no one else appends meanwhile; without it, a concurrent append fails on the primary key
   * rather than writing a duplicate sequence.
   */
  async appendQuoteEvent(event: Omit<QuoteEvent, 'sequence'>): Promise<QuoteEvent> {
    if (!(await this.parentVisible('quotes', event.quoteId))) {
      throw new NotFoundError('quote_not_found', `no quote ${event.quoteId}`);
    }
    const row = await this.db
      .insertInto('quoteEvents')
      .values({
        quoteId: event.quoteId,
        sequence: this.db
          .selectFrom('quoteEvents')
          .select(sql<number>`coalesce(max(sequence), 0) + 1`.as('next'))
          .where('quoteId', '=', event.quoteId),
        action: event.action,
        fromStatus: event.fromStatus,
        toStatus: event.toStatus,
        note: event.note,
        at: event.at,
      })
      .returning(QUOTE_EVENT_COLUMNS)
      .executeTakeFirstOrThrow();
    return toQuoteEvent(row);
  }

  /** In sequence order. */
  async listQuoteEvents(quoteId: string): Promise<QuoteEvent[]> {
    if (!isUuid(quoteId) || !(await this.parentVisible('quotes', quoteId))) return [];
    const rows = await this.db
      .selectFrom('quoteEvents')
      .select(QUOTE_EVENT_COLUMNS)
      .where('quoteId', '=', quoteId)
      .orderBy('sequence')
      .execute();
    return rows.map(toQuoteEvent);
  }

  async insertPolicy(policy: Omit<Policy, 'id' | 'policyNumber'>): Promise<Policy> {
    requireScopeSeesParties(this.scope, policy, 'policy');
    const row = await this.db
      .insertInto('policies')
      .values({
        policyNumber: nextPolicyNumber(policy.inceptionDate),
        quoteId: policy.quoteId,
        organisationId: policy.organisationId,
        insurerId: policy.insurerId,
        brokerId: policy.brokerId,
        productId: policy.productId,
        productVersion: policy.productVersion,
        inceptionDate: policy.inceptionDate,
        expiryDate: policy.expiryDate,
        coverage: JSON.stringify(policy.coverage),
        premiumMinor: policy.premium.minor,
        currency: policy.premium.currency,
        postBindContingencies: JSON.stringify(policy.postBindContingencies),
        issuedAt: policy.issuedAt,
      })
      .returning(POLICY_COLUMNS)
      .executeTakeFirstOrThrow();
    return toPolicy(row);
  }

  async findPolicy(id: string): Promise<Policy | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.db
      .selectFrom('policies')
      .select(POLICY_COLUMNS)
      .where('id', '=', id)
      .where(underwritingPartiesInclude(this.scope))
      .executeTakeFirst();
    return row === undefined ? undefined : toPolicy(row);
  }

  async findPolicyByQuote(quoteId: string): Promise<Policy | undefined> {
    if (!isUuid(quoteId)) return undefined;
    const row = await this.db
      .selectFrom('policies')
      .select(POLICY_COLUMNS)
      .where('quoteId', '=', quoteId)
      .where(underwritingPartiesInclude(this.scope))
      .executeTakeFirst();
    return row === undefined ? undefined : toPolicy(row);
  }

  /** Oldest issued first. */
  async listPolicies(filter: {
    readonly organisationId?: string;
    readonly limit: number;
    readonly offset: number;
  }): Promise<{ readonly items: Policy[]; readonly total: number }> {
    if (filter.organisationId !== undefined && !isUuid(filter.organisationId)) return { items: [], total: 0 };
    let query = this.db.selectFrom('policies').where(underwritingPartiesInclude(this.scope));
    if (filter.organisationId !== undefined) {
      query = query.where('organisationId', '=', filter.organisationId);
    }
    // The total rides along with the page (one statement, one snapshot), so the two always agree.
    const rows = await query
      .select(POLICY_COLUMNS)
      .select((eb) => eb.fn.countAll<string>().over().as('total'))
      .orderBy('policySeq')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute();
    const [first] = rows;
    if (first !== undefined) {
      return { items: rows.map(toPolicy), total: safeInteger(first.total, 'count(policies)') };
    }
    // A page past the end has no row to carry the total.
    const count = await query.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow();
    return { items: [], total: safeInteger(count.total, 'count(policies)') };
  }

  /**
   * Appends the transaction after the policy's last one. Two concurrent appends to one policy cannot both
   * succeed: the second fails on the primary key.
   */
  async insertPolicyTransaction(
    transaction: Omit<PolicyTransaction, 'sequence'>,
  ): Promise<PolicyTransaction> {
    if (!(await this.parentVisible('policies', transaction.policyId))) {
      throw new NotFoundError('policy_not_found', `no policy ${transaction.policyId}`);
    }
    const row = await this.db
      .insertInto('policyTransactions')
      .values({
        policyId: transaction.policyId,
        sequence: this.db
          .selectFrom('policyTransactions')
          .select(sql<number>`coalesce(max(sequence), 0) + 1`.as('next'))
          .where('policyId', '=', transaction.policyId),
        kind: transaction.kind,
        effectiveDate: transaction.effectiveDate,
        premiumChangeMinor: transaction.premiumChange.minor,
        currency: transaction.premiumChange.currency,
        createdAt: transaction.createdAt,
      })
      .returning(POLICY_TRANSACTION_COLUMNS)
      .executeTakeFirstOrThrow();
    return toPolicyTransaction(row);
  }

  /** In sequence order. */
  async listPolicyTransactions(policyId: string): Promise<PolicyTransaction[]> {
    if (!isUuid(policyId) || !(await this.parentVisible('policies', policyId))) return [];
    const rows = await this.db
      .selectFrom('policyTransactions')
      .select(POLICY_TRANSACTION_COLUMNS)
      .where('policyId', '=', policyId)
      .orderBy('sequence')
      .execute();
    return rows.map(toPolicyTransaction);
  }
}
