import type { ColumnType, Generated } from 'kysely';
import type {
  AdvisorySource,
  AffectedPackage,
  AlertAudience,
  AlertChannel,
  AlertCondition,
  AlertKind,
  AlertMode,
  AlertStatus,
  FeedKind,
  FindingEventKind,
  FindingState,
  InventoryKind,
  PartnerEventKind,
  SeverityBand,
  SeverityVector,
  Assessment,
  AuditResult,
  DataAccessAction,
  DataSubjectStatus,
  DecisionStatus,
  DestructionOrderStatus,
  DestructionVerification,
  SubjectRequestKind,
  SubjectRequestStatus,
  Role,
  UserStatus,
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
  users: UsersTable;
  userRoles: UserRolesTable;
  sessions: SessionsTable;
  apiTokens: ApiTokensTable;
  permissionGrantRequests: PermissionGrantRequestsTable;
  dataAccessRequests: DataAccessRequestsTable;
  auditLog: AuditLogTable;
  dataSubjects: DataSubjectsTable;
  legalHolds: LegalHoldsTable;
  subjectRequests: SubjectRequestsTable;
  destructionOrders: DestructionOrdersTable;
  destructions: DestructionsTable;
  feedRuns: FeedRunsTable;
  advisories: AdvisoriesTable;
  kevEntries: KevEntriesTable;
  epssScores: EpssScoresTable;
  monitoredInsureds: MonitoredInsuredsTable;
  inventories: InventoriesTable;
  inventoryComponents: InventoryComponentsTable;
  findings: FindingsTable;
  findingEvents: FindingEventsTable;
  alertRules: AlertRulesTable;
  alerts: AlertsTable;
  alertOutbox: AlertOutboxTable;
  partnerEvents: PartnerEventsTable;
  riskScoreSnapshots: RiskScoreSnapshotsTable;
}

export interface OrganisationsTable {
  id: Generated<string>;
  kind: OrganisationKind;
  nameZh: string;
  nameEn: string | null;
  creditCode: string | null;
  registeredBy: Fixed<string | null>;
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
  insurerId: Fixed<string>;
  brokerId: Fixed<string | null>;
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
  insurerId: Fixed<string>;
  brokerId: Fixed<string | null>;
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
  insurerId: Fixed<string>;
  brokerId: Fixed<string | null>;
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

export interface UsersTable {
  id: Generated<string>;
  tenantId: Fixed<string>;
  email: Fixed<string>;
  displayName: string;
  passwordHash: string;
  status: UserStatus;
  failedSignIns: Generated<number>;
  lockedUntil: Date | null;
  createdAt: ColumnType<Date, never, never>;
  userSeq: ColumnType<string, never, never>;
}

export interface UserRolesTable {
  id: Generated<string>;
  tenantId: Fixed<string>;
  userId: Fixed<string>;
  role: Fixed<Role>;
  grantedAt: Fixed<Date>;
  expiresAt: Fixed<Date | null>;
  grantRequestId: Fixed<string | null>;
}

export interface SessionsTable {
  id: Generated<string>;
  tenantId: Fixed<string>;
  userId: Fixed<string>;
  createdAt: Fixed<Date>;
  expiresAt: Fixed<Date>;
  revokedAt: Date | null;
}

export interface ApiTokensTable {
  id: Fixed<string>;
  tenantId: Fixed<string>;
  userId: Fixed<string>;
  name: Fixed<string>;
  scopes: Fixed<string[]>;
  secretHash: Fixed<string>;
  createdAt: Fixed<Date>;
  expiresAt: Fixed<Date>;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export interface PermissionGrantRequestsTable {
  id: Generated<string>;
  tenantId: Fixed<string>;
  userId: Fixed<string>;
  role: Fixed<Role>;
  requestedBy: Fixed<string>;
  reason: Fixed<string>;
  durationHours: Fixed<number>;
  status: DecisionStatus;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  createdAt: Fixed<Date>;
  requestSeq: ColumnType<string, never, never>;
}

export interface DataAccessRequestsTable {
  id: Generated<string>;
  tenantId: Fixed<string>;
  requestedBy: Fixed<string>;
  action: Fixed<DataAccessAction>;
  objectType: Fixed<string>;
  objectId: Fixed<string | null>;
  reason: Fixed<string>;
  status: DecisionStatus;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  expiresAt: Date | null;
  createdAt: Fixed<Date>;
  requestSeq: ColumnType<string, never, never>;
}

/** Append-only: the database refuses UPDATE and DELETE, and every row is a Merkle leaf. */
export interface AuditLogTable {
  sequence: BigintColumn;
  recordedAt: Fixed<Date>;
  /** The canonical record the leaf hash covers; the other columns repeat parts of it for searching. */
  record: FixedJsonb<Record<string, unknown>>;
  tenantId: Fixed<string | null>;
  actorId: Fixed<string>;
  action: Fixed<string>;
  objectType: Fixed<string>;
  objectId: Fixed<string | null>;
  subjectId: Fixed<string | null>;
  result: Fixed<AuditResult>;
  leafHash: Fixed<string>;
}

/**
 * A natural person whose data the tenant holds. The personal fields are application-encrypted ciphertexts
 * (`v1.A256GCM.…`) and blind indexes; erasure nulls them all.
 */
export interface DataSubjectsTable {
  id: Fixed<string>;
  tenantId: Fixed<string>;
  organisationId: Fixed<string>;
  kind: Fixed<'contact_person'>;
  nameCiphertext: string | null;
  mobileCiphertext: string | null;
  idNumberCiphertext: string | null;
  emailCiphertext: string | null;
  mobileIndex: string | null;
  idNumberIndex: string | null;
  status: DataSubjectStatus;
  createdAt: Fixed<Date>;
  erasedAt: Date | null;
  subjectSeq: ColumnType<string, never, never>;
}

export interface LegalHoldsTable {
  id: Generated<string>;
  tenantId: Fixed<string>;
  subjectId: Fixed<string>;
  reason: Fixed<string>;
  placedBy: Fixed<string>;
  placedAt: Fixed<Date>;
  releasedBy: string | null;
  releasedAt: Date | null;
}

export interface SubjectRequestsTable {
  id: Generated<string>;
  tenantId: Fixed<string>;
  subjectId: Fixed<string>;
  kind: Fixed<SubjectRequestKind>;
  status: SubjectRequestStatus;
  receivedAt: Fixed<Date>;
  dueAt: Fixed<Date>;
  requestedBy: Fixed<string>;
  completedBy: string | null;
  completedAt: Date | null;
  outcomeNote: string | null;
  requestSeq: ColumnType<string, never, never>;
}

export interface DestructionOrdersTable {
  id: Generated<string>;
  tenantId: Fixed<string>;
  subjectId: Fixed<string>;
  subjectRequestId: Fixed<string>;
  requestedBy: Fixed<string>;
  orderedBy: Fixed<string>;
  witnessId: Fixed<string>;
  status: DestructionOrderStatus;
  orderedAt: Fixed<Date>;
  confirmedAt: Date | null;
}

/** Append-only: the database refuses UPDATE and DELETE. */
export interface DestructionsTable {
  id: Generated<string>;
  tenantId: Fixed<string>;
  subjectId: Fixed<string>;
  subjectRequestId: Fixed<string>;
  requestedBy: Fixed<string>;
  approvedBy: Fixed<string>;
  witnessedBy: Fixed<string>;
  method: Fixed<'crypto_shredding'>;
  dataKeyId: Fixed<string | null>;
  destroyedAt: Fixed<Date>;
  verification: FixedJsonb<DestructionVerification>;
}

// --- Monitoring (migration 0005) ------------------------------------------------------------------------

export interface FeedRunsTable {
  id: Fixed<string>;
  feed: Fixed<FeedKind>;
  location: Fixed<string>;
  status: 'running' | 'succeeded' | 'failed';
  startedAt: Fixed<Date>;
  finishedAt: Date | null;
  startedBy: Fixed<string>;
  recordsRead: Generated<number>;
  added: Generated<number>;
  changed: Generated<number>;
  unchanged: Generated<number>;
  withdrawn: Generated<number>;
  rejected: Generated<number>;
  skipped: Generated<number>;
  sourceVersion: string | null;
  error: string | null;
}

export interface AdvisoriesTable {
  id: Fixed<string>;
  source: AdvisorySource;
  aliases: string[];
  aliasGroup: string;
  summary: string;
  details: string;
  publishedAt: Date | null;
  modifiedAt: Date | null;
  withdrawnAt: Date | null;
  affected: Jsonb<AffectedPackage[]>;
  severity: Jsonb<SeverityVector[]>;
  referenceUrls: Jsonb<string[]>;
  contentHash: string;
  firstRunId: Fixed<string>;
  lastChangedRunId: string;
}

export interface KevEntriesTable {
  cveId: Fixed<string>;
  vendorProject: string;
  product: string;
  vulnerabilityName: string;
  dateAdded: ColumnType<Date, string, string>;
  dueDate: ColumnType<Date | null, string | null, string | null>;
  shortDescription: string;
  knownRansomwareUse: boolean;
  cwes: string[];
  contentHash: string;
  lastChangedRunId: string;
  withdrawnAt: Date | null;
}

export interface EpssScoresTable {
  cveId: Fixed<string>;
  probability: number;
  percentile: number;
  lastChangedRunId: string;
}

export interface MonitoredInsuredsTable {
  id: Fixed<string>;
  insurerId: Fixed<string>;
  organisationId: Fixed<string>;
  brokerId: Fixed<string | null>;
  partnerId: string | null;
  policyId: Fixed<string | null>;
  status: 'active' | 'ended';
  enrolledAt: Fixed<Date>;
  enrolledBy: Fixed<string>;
  endedAt: Date | null;
}

export interface InventoriesTable {
  id: Fixed<string>;
  monitoredInsuredId: Fixed<string>;
  version: Fixed<number>;
  kind: Fixed<InventoryKind>;
  serialNumber: Fixed<string | null>;
  specVersion: Fixed<string | null>;
  describedComponent: Fixed<string | null>;
  componentCount: Fixed<number>;
  uploadedAt: Fixed<Date>;
  uploadedBy: Fixed<string>;
  supersededAt: Date | null;
}

export interface InventoryComponentsTable {
  inventoryId: Fixed<string>;
  position: Fixed<number>;
  componentKey: Fixed<string>;
  name: Fixed<string>;
  version: Fixed<string | null>;
  purl: Fixed<string | null>;
  ecosystem: Fixed<string | null>;
  packageName: Fixed<string | null>;
  vendor: Fixed<string | null>;
  product: Fixed<string | null>;
  bomRef: Fixed<string | null>;
}

export interface FindingsTable {
  id: Fixed<string>;
  monitoredInsuredId: Fixed<string>;
  componentKey: Fixed<string>;
  aliasGroup: string;
  state: FindingState;
  source: Fixed<'feed' | 'partner'>;
  title: string;
  componentName: string;
  componentVersion: string | null;
  purl: string | null;
  advisoryIds: string[];
  cveIds: string[];
  cvssScore: number | null;
  cvssVector: string | null;
  epss: number | null;
  kev: boolean;
  knownRansomwareUse: boolean;
  priority: number;
  severityBand: SeverityBand;
  firstSeenAt: Fixed<Date>;
  lastSeenAt: Date;
  stateChangedAt: Date;
  justification: string | null;
  decidedBy: string | null;
  riskAcceptedBy: string | null;
  riskAcceptedUntil: Date | null;
  resolvedAt: Date | null;
  resolutionConfirmedAt: Date | null;
}

export interface FindingEventsTable {
  id: Fixed<string>;
  findingId: Fixed<string>;
  at: Fixed<Date>;
  kind: Fixed<FindingEventKind>;
  fromState: Fixed<FindingState | null>;
  toState: Fixed<FindingState>;
  actor: Fixed<string>;
  justification: Fixed<string | null>;
  details: FixedJsonb<Record<string, string | number | boolean | null>>;
  eventSeq: ColumnType<string, never, never>;
}

export interface AlertRulesTable {
  id: Fixed<string>;
  monitoredInsuredId: Fixed<string>;
  name: Fixed<string>;
  audience: Fixed<AlertAudience>;
  condition: FixedJsonb<AlertCondition>;
  mode: Fixed<AlertMode>;
  channel: Fixed<AlertChannel>;
  targetCiphertext: Fixed<string | null>;
  targetHint: Fixed<string | null>;
  secretCiphertext: Fixed<string | null>;
  acknowledgeWithinHours: Fixed<number>;
  enabled: boolean;
  createdBy: Fixed<string>;
  createdAt: Fixed<Date>;
}

export interface AlertsTable {
  id: Fixed<string>;
  monitoredInsuredId: Fixed<string>;
  ruleId: Fixed<string | null>;
  findingId: Fixed<string | null>;
  kind: Fixed<AlertKind>;
  title: Fixed<string>;
  priority: Fixed<number>;
  status: AlertStatus;
  dedupeId: Fixed<string>;
  createdAt: Fixed<Date>;
  acknowledgeBy: Fixed<Date>;
  deliveredAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  closedAt: Date | null;
  closedBy: string | null;
  escalatedAt: Date | null;
  escalationOf: Fixed<string | null>;
}

export interface AlertOutboxTable {
  id: Fixed<string>;
  alertId: Fixed<string>;
  ruleId: Fixed<string | null>;
  channel: Fixed<'webhook' | 'email'>;
  dedupeId: Fixed<string>;
  payload: FixedJsonb<Record<string, unknown>>;
  createdAt: Fixed<Date>;
  deliverAfter: Date;
  dispatchedAt: Date | null;
  attempts: Generated<number>;
  deliveredAt: Date | null;
  failedAt: Date | null;
  lastError: string | null;
}

export interface PartnerEventsTable {
  id: Fixed<string>;
  monitoredInsuredId: Fixed<string>;
  partnerId: Fixed<string>;
  kind: Fixed<PartnerEventKind>;
  externalId: Fixed<string>;
  payload: FixedJsonb<Record<string, unknown>>;
  receivedAt: Fixed<Date>;
  findingId: string | null;
  alertId: string | null;
}

export interface RiskScoreSnapshotsTable {
  id: Fixed<string>;
  monitoredInsuredId: Fixed<string>;
  takenAt: Fixed<Date>;
  reason: Fixed<string>;
  score: Fixed<number | null>;
  expectedLossMinor: ColumnType<string | null, number | null, never>;
  currency: Fixed<string | null>;
  openFindings: Fixed<number>;
  openCritical: Fixed<number>;
  openKnownExploited: Fixed<number>;
  snapshotSeq: ColumnType<string, never, never>;
}
