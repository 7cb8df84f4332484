import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<unknown>: they describe the schema at their own point in history, not today's types.
// The status and action lists are copied from the domain as it is at this migration, for the same reason.

const SUBMISSION_STATUSES = ['draft', 'submitted'];
const QUOTE_STATUSES = [
  'referred',
  'quoted',
  'declined',
  'expired',
  'bind_requested',
  'bound',
  'policy_issued',
];
const QUOTE_EVENT_ACTIONS = [
  'create',
  'satisfy_contingency',
  'approve_referral',
  'decline_referral',
  'expire',
  'request_bind',
  'withdraw_bind_request',
  'bind',
  'issue_policy',
];
const POLICY_TRANSACTION_KINDS = ['issue'];

/** Tables whose rows are never changed or removed once written: the record of what was agreed and when. */
const APPEND_ONLY_TABLES = ['quote_events', 'policies', 'policy_transactions'];

function oneOf(column: string, values: readonly string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`;
}

const CURRENCY_CODE = sql`~ '^[A-Z]{3}$'`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('submissions')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organisation_id', 'uuid', (column) => column.notNull().references('organisations.id'))
    .addColumn('product_id', 'text', (column) =>
      column.notNull().check(sql`length(product_id) between 1 and 100`),
    )
    .addColumn('product_version', 'text', (column) =>
      column.notNull().check(sql`length(product_version) between 1 and 100`),
    )
    .addColumn('status', 'text', (column) => column.notNull().check(oneOf('status', SUBMISSION_STATUSES)))
    .addColumn('profile', 'jsonb', (column) => column.notNull().check(sql`jsonb_typeof(profile) = 'object'`))
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('submitted_at', 'timestamptz')
    // Timestamps tie within a transaction (and PGlite's clock is coarse), so listing order comes from here.
    .addColumn('submission_seq', 'bigint', (column) => column.notNull().generatedAlwaysAsIdentity().unique())
    .addCheckConstraint(
      'submissions_submitted_at_matches_status',
      sql`(status = 'submitted') = (submitted_at is not null)`,
    )
    // Lets quotes reference (submission, organisation) together, so a quote cannot name another company.
    .addUniqueConstraint('submissions_id_organisation_id_key', ['id', 'organisation_id'])
    .execute();

  await db.schema
    .createTable('quotes')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('reference', 'text', (column) =>
      column
        .notNull()
        .unique()
        .check(sql`reference ~ '^Q-[0-9]{4}-[0-9]{6,}$'`),
    )
    .addColumn('submission_id', 'uuid', (column) => column.notNull())
    .addColumn('organisation_id', 'uuid', (column) => column.notNull().references('organisations.id'))
    .addColumn('status', 'text', (column) => column.notNull().check(oneOf('status', QUOTE_STATUSES)))
    .addColumn('coverage', 'jsonb', (column) =>
      column.notNull().check(sql`jsonb_typeof(coverage) = 'object'`),
    )
    // The whole PremiumBreakdown; premium_minor and currency repeat its total so it can be queried and summed.
    .addColumn('premium', 'jsonb', (column) => column.notNull().check(sql`jsonb_typeof(premium) = 'object'`))
    .addColumn('premium_minor', 'bigint', (column) => column.notNull().check(sql`premium_minor >= 0`))
    .addColumn('currency', 'text', (column) => column.notNull().check(sql`currency ${CURRENCY_CODE}`))
    .addColumn('assessment', 'jsonb', (column) =>
      column.notNull().check(sql`jsonb_typeof(assessment) = 'object'`),
    )
    .addColumn('triggered_rules', 'jsonb', (column) =>
      column.notNull().check(sql`jsonb_typeof(triggered_rules) = 'array'`),
    )
    .addColumn('pre_bind_contingencies', 'jsonb', (column) =>
      column.notNull().check(sql`jsonb_typeof(pre_bind_contingencies) = 'array'`),
    )
    .addColumn('valid_until', 'timestamptz', (column) => column.notNull())
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('quote_seq', 'bigint', (column) => column.notNull().generatedAlwaysAsIdentity().unique())
    .addForeignKeyConstraint(
      'quotes_submission_id_organisation_id_fkey',
      ['submission_id', 'organisation_id'],
      'submissions',
      ['id', 'organisation_id'],
    )
    .addCheckConstraint(
      'quotes_premium_total_matches_breakdown',
      sql`premium_minor is not distinct from (premium #>> '{premium,minor}')::bigint
        and currency is not distinct from premium #>> '{premium,currency}'`,
    )
    .addUniqueConstraint('quotes_id_organisation_id_key', ['id', 'organisation_id'])
    .execute();

  await db.schema
    .createIndex('quotes_submission_id_quote_seq_idx')
    .on('quotes')
    .columns(['submission_id', 'quote_seq'])
    .execute();

  // One application, one policy: at most one of a submission's quote options is ever bound.
  await sql`
    create unique index quotes_one_bound_per_submission on quotes (submission_id)
    where status in ('bound', 'policy_issued')
  `.execute(db);

  await db.schema
    .createTable('quote_events')
    .addColumn('quote_id', 'uuid', (column) => column.notNull().references('quotes.id'))
    .addColumn('sequence', 'integer', (column) => column.notNull().check(sql`sequence >= 1`))
    .addColumn('action', 'text', (column) => column.notNull().check(oneOf('action', QUOTE_EVENT_ACTIONS)))
    .addColumn('from_status', 'text', (column) => column.check(oneOf('from_status', QUOTE_STATUSES)))
    .addColumn('to_status', 'text', (column) => column.notNull().check(oneOf('to_status', QUOTE_STATUSES)))
    .addColumn('note', 'text')
    .addColumn('at', 'timestamptz', (column) => column.notNull())
    .addPrimaryKeyConstraint('quote_events_pkey', ['quote_id', 'sequence'])
    .execute();

  await db.schema
    .createTable('policies')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('policy_number', 'text', (column) =>
      column
        .notNull()
        .unique()
        .check(sql`policy_number ~ '^CRP-[A-Z]{3}-[0-9]{4}-[0-9]{6,}$'`),
    )
    // One quote becomes at most one policy.
    .addColumn('quote_id', 'uuid', (column) => column.notNull().unique())
    .addColumn('organisation_id', 'uuid', (column) => column.notNull().references('organisations.id'))
    .addColumn('product_id', 'text', (column) =>
      column.notNull().check(sql`length(product_id) between 1 and 100`),
    )
    .addColumn('product_version', 'text', (column) =>
      column.notNull().check(sql`length(product_version) between 1 and 100`),
    )
    .addColumn('inception_date', 'date', (column) => column.notNull())
    .addColumn('expiry_date', 'date', (column) => column.notNull())
    .addColumn('coverage', 'jsonb', (column) =>
      column.notNull().check(sql`jsonb_typeof(coverage) = 'object'`),
    )
    .addColumn('premium_minor', 'bigint', (column) => column.notNull().check(sql`premium_minor >= 0`))
    .addColumn('currency', 'text', (column) => column.notNull().check(sql`currency ${CURRENCY_CODE}`))
    .addColumn('post_bind_contingencies', 'jsonb', (column) =>
      column.notNull().check(sql`jsonb_typeof(post_bind_contingencies) = 'array'`),
    )
    .addColumn('issued_at', 'timestamptz', (column) => column.notNull())
    .addColumn('policy_seq', 'bigint', (column) => column.notNull().generatedAlwaysAsIdentity().unique())
    .addForeignKeyConstraint(
      'policies_quote_id_organisation_id_fkey',
      ['quote_id', 'organisation_id'],
      'quotes',
      ['id', 'organisation_id'],
    )
    .addCheckConstraint('policies_expiry_after_inception', sql`expiry_date > inception_date`)
    .execute();

  await db.schema
    .createIndex('policies_organisation_id_policy_seq_idx')
    .on('policies')
    .columns(['organisation_id', 'policy_seq'])
    .execute();

  await db.schema
    .createTable('policy_transactions')
    .addColumn('policy_id', 'uuid', (column) => column.notNull().references('policies.id'))
    .addColumn('sequence', 'integer', (column) => column.notNull().check(sql`sequence >= 1`))
    .addColumn('kind', 'text', (column) => column.notNull().check(oneOf('kind', POLICY_TRANSACTION_KINDS)))
    .addColumn('effective_date', 'date', (column) => column.notNull())
    .addColumn('premium_change_minor', 'bigint', (column) => column.notNull())
    .addColumn('currency', 'text', (column) => column.notNull().check(sql`currency ${CURRENCY_CODE}`))
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('policy_transactions_pkey', ['policy_id', 'sequence'])
    .execute();

  // Numbers people quote on the phone come from sequences: never reused, even after a rollback (which may
  // leave a gap). One counter for all years; the year in the text is only a reading aid.
  await sql`create sequence quote_reference_seq owned by quotes.reference`.execute(db);
  await sql`create sequence policy_number_seq owned by policies.policy_number`.execute(db);

  // Enforced here and not only by the repository, so that no script, console session or future bug can
  // rewrite an issued policy or a quote's history. Row triggers do not fire on TRUNCATE: a statement
  // trigger covers it.
  await sql`
    create function refuse_change_to_append_only_table() returns trigger
    language plpgsql as $$
    begin
      raise exception '% is append-only: % refused', tg_table_name, tg_op
        using errcode = 'restrict_violation',
              hint = 'record a new row (a quote event or a policy transaction) instead of changing one';
    end
    $$`.execute(db);
  for (const table of APPEND_ONLY_TABLES) {
    await sql`
      create trigger ${sql.id(`${table}_append_only`)}
      before update or delete on ${sql.table(table)}
      for each row execute function refuse_change_to_append_only_table()`.execute(db);
    await sql`
      create trigger ${sql.id(`${table}_no_truncate`)}
      before truncate on ${sql.table(table)}
      for each statement execute function refuse_change_to_append_only_table()`.execute(db);
  }

  // A quote's priced terms never change; only its status and its pre-bind contingencies move.
  await sql`
    create function refuse_change_to_quote_terms() returns trigger
    language plpgsql as $$
    begin
      if (new.id, new.reference, new.submission_id, new.organisation_id, new.coverage, new.premium,
          new.premium_minor, new.currency, new.assessment, new.triggered_rules, new.valid_until, new.created_at)
         is distinct from
         (old.id, old.reference, old.submission_id, old.organisation_id, old.coverage, old.premium,
          old.premium_minor, old.currency, old.assessment, old.triggered_rules, old.valid_until, old.created_at)
      then
        raise exception 'quote % terms are fixed: only status and pre_bind_contingencies may change', old.reference
          using errcode = 'restrict_violation',
                hint = 'create a new quote instead';
      end if;
      return new;
    end
    $$`.execute(db);
  await sql`
    create trigger quotes_terms_fixed
    before update on quotes
    for each row execute function refuse_change_to_quote_terms()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Dropping a table drops its triggers and the sequences it owns; the trigger functions go last.
  await db.schema.dropTable('policy_transactions').execute();
  await db.schema.dropTable('policies').execute();
  await db.schema.dropTable('quote_events').execute();
  await db.schema.dropTable('quotes').execute();
  await db.schema.dropTable('submissions').execute();
  await sql`drop function refuse_change_to_quote_terms()`.execute(db);
  await sql`drop function refuse_change_to_append_only_table()`.execute(db);
}
