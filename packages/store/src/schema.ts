import type { ColumnType, Generated } from 'kysely';
import type {
  Assessment,
  CoverageSelection,
  LocalisedText,
  OrganisationKind,
  PolicyContingency,
  PolicyTransactionKind,
  PremiumBreakdown,
  QuoteEvent,
  QuoteStatus,
  RiskProfile,
  SubmissionStatus,
  TriggeredRule,
} from '@carapace/domain';

/**
 * The database as Kysely sees it. Columns are snake_case in SQL and camelCase here: the CamelCasePlugin
 * translates (docs/decisions/0002-query-layer-kysely.md).
 */
export interface Database {
  organisations: OrganisationsTable;
  platformSettings: PlatformSettingsTable;
  submissions: SubmissionsTable;
  quotes: QuotesTable;
  quoteEvents: QuoteEventsTable;
  policies: PoliciesTable;
  policyTransactions: PolicyTransactionsTable;
}

export interface OrganisationsTable {
  id: Generated<string>;
  kind: OrganisationKind;
  nameZh: string;
  nameEn: string | null;
  creditCode: string | null;
  createdAt: ColumnType<Date, never, never>;
  registrationSeq: ColumnType<string, never, never>;
}

export interface PlatformSettingsTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updatedAt: ColumnType<Date, never, Date>;
}

/** A jsonb column: `pg` parses it on the way out; it goes in as JSON text (pg would write an array as a SQL array). */
type Jsonb<T> = ColumnType<T, string, string>;
/** A jsonb column that is written once. */
type FixedJsonb<T> = ColumnType<T, string, never>;
/** Set on insert, never changed. */
type Fixed<T> = ColumnType<T, T, never>;
/** bigint: `pg` returns it as a decimal string, since it may exceed 2^53. */
type BigintColumn = ColumnType<string, number, never>;
/**
 * A `date`: `pg` would turn it into a Date at local midnight, which shifts the day in any zone west of UTC.
 * Repositories select it through to_char and read a YYYY-MM-DD string; the Date here is only what a bare
 * selectAll would give.
 */
type CalendarDate = ColumnType<Date, string, never>;

export interface SubmissionsTable {
  id: Generated<string>;
  organisationId: Fixed<string>;
  productId: Fixed<string>;
  productVersion: Fixed<string>;
  status: SubmissionStatus;
  profile: Jsonb<RiskProfile>;
  createdAt: ColumnType<Date, never, never>;
  submittedAt: Date | null;
  submissionSeq: ColumnType<string, never, never>;
}

/** A quote's pre-bind contingency as stored: jsonb has no timestamps, so `satisfiedAt` is ISO 8601 text. */
export interface StoredQuoteContingency {
  readonly code: string;
  readonly text: LocalisedText;
  readonly satisfiedAt: string | null;
}

export interface QuotesTable {
  id: Generated<string>;
  reference: Fixed<string>;
  submissionId: Fixed<string>;
  organisationId: Fixed<string>;
  status: QuoteStatus;
  coverage: FixedJsonb<CoverageSelection>;
  premium: FixedJsonb<PremiumBreakdown>;
  premiumMinor: BigintColumn;
  currency: Fixed<string>;
  assessment: FixedJsonb<Assessment>;
  triggeredRules: FixedJsonb<readonly TriggeredRule[]>;
  preBindContingencies: Jsonb<readonly StoredQuoteContingency[]>;
  validUntil: Fixed<Date>;
  createdAt: ColumnType<Date, never, never>;
  quoteSeq: ColumnType<string, never, never>;
}

/** Append-only: the database refuses UPDATE and DELETE. */
export interface QuoteEventsTable {
  quoteId: Fixed<string>;
  sequence: Fixed<number>;
  action: Fixed<QuoteEvent['action']>;
  fromStatus: Fixed<QuoteStatus | null>;
  toStatus: Fixed<QuoteStatus>;
  note: Fixed<string | null>;
  at: Fixed<Date>;
}

/** Append-only: the database refuses UPDATE and DELETE. */
export interface PoliciesTable {
  id: Generated<string>;
  policyNumber: Fixed<string>;
  quoteId: Fixed<string>;
  organisationId: Fixed<string>;
  productId: Fixed<string>;
  productVersion: Fixed<string>;
  inceptionDate: CalendarDate;
  expiryDate: CalendarDate;
  coverage: FixedJsonb<CoverageSelection>;
  premiumMinor: BigintColumn;
  currency: Fixed<string>;
  postBindContingencies: FixedJsonb<readonly PolicyContingency[]>;
  issuedAt: Fixed<Date>;
  policySeq: ColumnType<string, never, never>;
}

/** Append-only: the database refuses UPDATE and DELETE. */
export interface PolicyTransactionsTable {
  policyId: Fixed<string>;
  sequence: Fixed<number>;
  kind: Fixed<PolicyTransactionKind>;
  effectiveDate: CalendarDate;
  premiumChangeMinor: BigintColumn;
  currency: Fixed<string>;
  createdAt: Fixed<Date>;
}
