import type { MaskRuleName } from '@carapace/security';

/**
 * JR/T 0171-2020 §4.2 classes (C3 authentication data, C2 identifying and key financial data, C1 other
 * personal data) plus three of our own: BIZ-CONF for a business customer's confidential data (security
 * posture, questionnaires, pricing), PUBLIC for what is published anyway, INTERNAL for the platform's own
 * keys, states and logs.
 */
export const DATA_CLASSES = ['C3', 'C2', 'C1', 'BIZ-CONF', 'PUBLIC', 'INTERNAL'] as const;
export type DataClass = (typeof DATA_CLASSES)[number];

/** How long a column's values are kept (PIPL art. 19: the shortest period necessary, unless a law says longer). */
export const RETENTION_RULES = {
  relationship_plus_10_years:
    'While the customer relationship lasts and 10 years after it ends (AML Law 2024 art. 34), unless erased earlier on a deletion request without a legal hold',
  until_erasure: 'Until the subject is erased (PIPL art. 47) or the relationship ends; then crypto-shredded',
  contract_plus_10_years: 'The policy term and 10 years after it (insurance and AML records)',
  account_lifetime: 'While the staff account exists',
  until_expiry: 'Until it expires or is revoked, then kept for the audit period',
  decision_plus_3_years: 'Three years after the decision (PIPL art. 56 records)',
  audit_minimum_3_years:
    'At least 3 years online (PIPL art. 56; Cybersecurity Law art. 21 asks 6 months); never edited',
  permanent: 'Kept while the platform runs: reference data and configuration',
} as const;
export type RetentionRule = keyof typeof RETENTION_RULES;

/** One column's tag (REQ-CLS-1). */
export interface ColumnClassification {
  readonly dataClass: DataClass;
  /** Sensitive personal information under PIPL art. 28 (and GB/T 35273 Annex B). */
  readonly piplSensitive: boolean;
  readonly retention: RetentionRule;
  /** How a screen or printout shows the value (`MASK_RULES` of @carapace/security). */
  readonly mask: MaskRuleName;
}

type Tag = readonly [DataClass, MaskRuleName?, 'sensitive'?];

function table(
  retention: RetentionRule,
  columns: Readonly<Record<string, Tag>>,
): Readonly<Record<string, ColumnClassification>> {
  return Object.fromEntries(
    Object.entries(columns).map(([column, [dataClass, mask, sensitive]]) => [
      column,
      { dataClass, retention, mask: mask ?? 'none', piplSensitive: sensitive === 'sensitive' },
    ]),
  );
}

const ID: Tag = ['INTERNAL'];
const TIME: Tag = ['INTERNAL'];
const STATE: Tag = ['INTERNAL'];
const BIZ: Tag = ['BIZ-CONF'];
const STAFF: Tag = ['C1', 'person_name'];

/**
 * Every column of every table, tagged. A store test compares this with the live schema on both databases:
 * a new column without a tag, or a tag for a column that is gone, fails the build.
 */
export const DATA_CLASSIFICATION: Readonly<Record<string, Readonly<Record<string, ColumnClassification>>>> = {
  organisations: table('permanent', {
    id: ID,
    kind: STATE,
    // A company's registered name and 统一社会信用代码 are published in the national enterprise register.
    name_zh: ['PUBLIC'],
    name_en: ['PUBLIC'],
    credit_code: ['PUBLIC'],
    created_at: TIME,
    registration_seq: ID,
    registered_by: ID,
  }),
  platform_settings: table('permanent', { key: ['INTERNAL'], value: ['INTERNAL'], updated_at: TIME }),
  schema_migration: table('permanent', { name: ['INTERNAL'], timestamp: ['INTERNAL'] }),
  schema_migration_lock: table('permanent', { id: ['INTERNAL'], is_locked: ['INTERNAL'] }),
  submissions: table('contract_plus_10_years', {
    id: ID,
    organisation_id: ID,
    insurer_id: ID,
    broker_id: ID,
    product_id: ['INTERNAL'],
    product_version: ['INTERNAL'],
    status: STATE,
    // Questionnaire answers and firmographics: the company's security posture (REQ-CLS-2).
    profile: BIZ,
    created_at: TIME,
    submitted_at: TIME,
    submission_seq: ID,
  }),
  quotes: table('contract_plus_10_years', {
    id: ID,
    reference: BIZ,
    submission_id: ID,
    organisation_id: ID,
    insurer_id: ID,
    broker_id: ID,
    status: STATE,
    coverage: BIZ,
    premium: BIZ,
    premium_minor: BIZ,
    currency: ['INTERNAL'],
    assessment: BIZ,
    triggered_rules: BIZ,
    pre_bind_contingencies: BIZ,
    valid_until: TIME,
    created_at: TIME,
    quote_seq: ID,
  }),
  quote_events: table('contract_plus_10_years', {
    quote_id: ID,
    sequence: ID,
    action: STATE,
    from_status: STATE,
    to_status: STATE,
    note: BIZ,
    at: TIME,
  }),
  policies: table('contract_plus_10_years', {
    id: ID,
    policy_number: BIZ,
    quote_id: ID,
    organisation_id: ID,
    insurer_id: ID,
    broker_id: ID,
    product_id: ['INTERNAL'],
    product_version: ['INTERNAL'],
    inception_date: BIZ,
    expiry_date: BIZ,
    coverage: BIZ,
    premium_minor: BIZ,
    currency: ['INTERNAL'],
    post_bind_contingencies: BIZ,
    issued_at: TIME,
    policy_seq: ID,
  }),
  policy_transactions: table('contract_plus_10_years', {
    policy_id: ID,
    sequence: ID,
    kind: STATE,
    effective_date: BIZ,
    premium_change_minor: BIZ,
    currency: ['INTERNAL'],
    created_at: TIME,
  }),
  users: table('account_lifetime', {
    id: ID,
    tenant_id: ID,
    email: ['C1', 'email'],
    display_name: STAFF,
    // An authentication secret, even hashed (JR/T 0171 C3): never displayed.
    password_hash: ['C3', 'hidden'],
    status: STATE,
    failed_sign_ins: STATE,
    locked_until: TIME,
    created_at: TIME,
    user_seq: ID,
  }),
  user_roles: table('account_lifetime', {
    id: ID,
    tenant_id: ID,
    user_id: ID,
    role: STATE,
    granted_at: TIME,
    expires_at: TIME,
    grant_request_id: ID,
  }),
  sessions: table('until_expiry', {
    id: ID,
    tenant_id: ID,
    user_id: ID,
    created_at: TIME,
    expires_at: TIME,
    revoked_at: TIME,
  }),
  api_tokens: table('until_expiry', {
    id: ID,
    tenant_id: ID,
    user_id: ID,
    name: ['INTERNAL'],
    scopes: STATE,
    secret_hash: ['C3', 'hidden'],
    created_at: TIME,
    expires_at: TIME,
    revoked_at: TIME,
    last_used_at: TIME,
  }),
  permission_grant_requests: table('decision_plus_3_years', {
    id: ID,
    tenant_id: ID,
    user_id: ID,
    role: STATE,
    requested_by: ID,
    reason: ['INTERNAL'],
    duration_hours: STATE,
    status: STATE,
    decided_by: ID,
    decided_at: TIME,
    decision_note: ['INTERNAL'],
    created_at: TIME,
    request_seq: ID,
  }),
  data_access_requests: table('decision_plus_3_years', {
    id: ID,
    tenant_id: ID,
    requested_by: ID,
    action: STATE,
    object_type: STATE,
    object_id: ID,
    reason: ['INTERNAL'],
    status: STATE,
    decided_by: ID,
    decided_at: TIME,
    decision_note: ['INTERNAL'],
    expires_at: TIME,
    created_at: TIME,
    request_seq: ID,
  }),
  // Subjects by id, values never (REQ-AUD-2).
  audit_log: table('audit_minimum_3_years', {
    sequence: ID,
    recorded_at: TIME,
    record: ['INTERNAL'],
    tenant_id: ID,
    actor_id: ID,
    action: STATE,
    object_type: STATE,
    object_id: ID,
    subject_id: ID,
    result: STATE,
    leaf_hash: ['INTERNAL'],
  }),
  data_subjects: table('relationship_plus_10_years', {
    id: ID,
    tenant_id: ID,
    organisation_id: ID,
    kind: STATE,
    // JR/T 0171 C2 (identifying), encrypted per subject; the mask is that of the plaintext.
    name_ciphertext: ['C2', 'person_name'],
    mobile_ciphertext: ['C2', 'mobile'],
    id_number_ciphertext: ['C2', 'id_number', 'sensitive'],
    email_ciphertext: ['C2', 'email'],
    // Keyed hashes of C2 values: they link rows, so they are C2 too, and never shown.
    mobile_index: ['C2', 'hidden'],
    id_number_index: ['C2', 'hidden', 'sensitive'],
    status: STATE,
    created_at: TIME,
    erased_at: TIME,
    subject_seq: ID,
  }),
  legal_holds: table('decision_plus_3_years', {
    id: ID,
    tenant_id: ID,
    subject_id: ID,
    reason: ['INTERNAL'],
    placed_by: ID,
    placed_at: TIME,
    released_by: ID,
    released_at: TIME,
  }),
  subject_requests: table('decision_plus_3_years', {
    id: ID,
    tenant_id: ID,
    subject_id: ID,
    kind: STATE,
    status: STATE,
    received_at: TIME,
    due_at: TIME,
    requested_by: ID,
    completed_by: ID,
    completed_at: TIME,
    outcome_note: ['INTERNAL'],
    request_seq: ID,
  }),
  destruction_orders: table('decision_plus_3_years', {
    id: ID,
    tenant_id: ID,
    subject_id: ID,
    subject_request_id: ID,
    requested_by: ID,
    ordered_by: ID,
    witness_id: ID,
    status: STATE,
    ordered_at: TIME,
    confirmed_at: TIME,
  }),
  // The evidence that an erasure happened outlives the audit minimum: it is what answers a regulator.
  destructions: table('permanent', {
    id: ID,
    tenant_id: ID,
    subject_id: ID,
    subject_request_id: ID,
    requested_by: ID,
    approved_by: ID,
    witnessed_by: ID,
    method: STATE,
    data_key_id: ID,
    destroyed_at: TIME,
    verification: ['INTERNAL'],
  }),
};

/** The tag of one column. @throws RangeError if the column is not in the registry. */
export function classificationOf(tableName: string, column: string): ColumnClassification {
  const tag = DATA_CLASSIFICATION[tableName]?.[column];
  if (tag === undefined) throw new RangeError(`no classification for ${tableName}.${column}`);
  return tag;
}
