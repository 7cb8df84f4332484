import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<unknown>: they describe the schema at their own point in history, not today's types.
// Role and action lists are copied from the domain as it is at this migration, for the same reason.

const ROLES = [
  'underwriter',
  'claims_handler',
  'actuary',
  'compliance_officer',
  'security_admin',
  'auditor',
  'broker',
  'policyholder',
  'partner',
];

/**
 * The database role every tenant-scoped transaction switches to (`set local role`), so Row-Level Security
 * applies even when the application connects as the tables' owner or a superuser, who bypass it.
 */
export const TENANT_ROLE = 'carapace_tenant';

/**
 * Tables a tenant-scoped transaction may touch, with the Row-Level Security rule that keeps tenants apart and
 * the only columns it may update. Everything else — who owns a row (insurer, company, broker, tenant), ids,
 * priced terms — is fixed for a tenant even on rows it can see: RLS decides which rows, the column grants
 * which changes.
 */
const TENANT_TABLES: readonly {
  readonly table: string;
  readonly visible: string;
  readonly insertable?: string;
  readonly updatable: readonly string[];
}[] = [
  {
    table: 'organisations',
    // Insurers are public (a broker or a company chooses one); anyone else only when it is the tenant
    // itself, registered by the tenant, or the subject of one of the tenant's submissions.
    visible: `id = carapace_current_tenant() or kind = 'insurer' or registered_by = carapace_current_tenant()
        or exists (select 1 from submissions s where s.organisation_id = organisations.id)`,
    insertable: `registered_by = carapace_current_tenant()`,
    updatable: [],
  },
  {
    table: 'submissions',
    visible: `carapace_current_tenant() in (insurer_id, organisation_id, broker_id)`,
    updatable: ['status', 'profile', 'submitted_at'],
  },
  {
    table: 'quotes',
    visible: `carapace_current_tenant() in (insurer_id, organisation_id, broker_id)`,
    updatable: ['status', 'pre_bind_contingencies'],
  },
  {
    table: 'policies',
    visible: `carapace_current_tenant() in (insurer_id, organisation_id, broker_id)`,
    updatable: [],
  },
  // Children are visible exactly when their parent is: the parent's own rule applies inside the subquery.
  {
    table: 'quote_events',
    visible: `exists (select 1 from quotes q where q.id = quote_events.quote_id)`,
    updatable: [],
  },
  {
    table: 'policy_transactions',
    visible: `exists (select 1 from policies p where p.id = policy_transactions.policy_id)`,
    updatable: [],
  },
  {
    table: 'users',
    visible: `tenant_id = carapace_current_tenant()`,
    updatable: ['display_name', 'password_hash', 'status', 'failed_sign_ins', 'locked_until'],
  },
  { table: 'user_roles', visible: `tenant_id = carapace_current_tenant()`, updatable: [] },
  { table: 'sessions', visible: `tenant_id = carapace_current_tenant()`, updatable: ['revoked_at'] },
  {
    table: 'api_tokens',
    visible: `tenant_id = carapace_current_tenant()`,
    updatable: ['revoked_at', 'last_used_at'],
  },
  {
    table: 'permission_grant_requests',
    visible: `tenant_id = carapace_current_tenant()`,
    updatable: ['status', 'decided_by', 'decided_at', 'decision_note'],
  },
  {
    table: 'data_access_requests',
    visible: `tenant_id = carapace_current_tenant()`,
    updatable: ['status', 'decided_by', 'decided_at', 'decision_note', 'expires_at'],
  },
];

function oneOf(column: string, values: readonly string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function carapace_current_tenant() returns uuid
    language sql stable as $$ select nullif(current_setting('carapace.tenant_id', true), '')::uuid $$`.execute(
    db,
  );

  // --- Who owns each underwriting record -------------------------------------------------------------
  await sql`alter table organisations add column registered_by uuid references organisations (id)`.execute(
    db,
  );
  for (const table of ['submissions', 'quotes', 'policies']) {
    await sql`alter table ${sql.table(table)}
      add column insurer_id uuid references organisations (id),
      add column broker_id uuid references organisations (id)`.execute(db);
  }
  // Records made before tenancy existed belong to the first insurer registered; an installation holding
  // applications but no insurer cannot be migrated safely, so it stops with a message saying what to do.
  await sql`
    do $$
    declare first_insurer uuid;
    begin
      if exists (select 1 from submissions) then
        select id into first_insurer from organisations where kind = 'insurer' order by registration_seq limit 1;
        if first_insurer is null then
          raise exception 'submissions exist but no insurer is registered'
            using hint = 'register the insurer that owns these applications, then migrate again';
        end if;
        update submissions set insurer_id = first_insurer;
        alter table quotes disable trigger quotes_terms_fixed;
        update quotes set insurer_id = first_insurer;
        alter table quotes enable trigger quotes_terms_fixed;
        alter table policies disable trigger policies_append_only;
        update policies set insurer_id = first_insurer;
        alter table policies enable trigger policies_append_only;
      end if;
    end
    $$`.execute(db);
  for (const table of ['submissions', 'quotes', 'policies']) {
    await sql`alter table ${sql.table(table)} alter column insurer_id set not null`.execute(db);
    await sql`create index ${sql.id(`${table}_insurer_id_idx`)} on ${sql.table(table)} (insurer_id)`.execute(
      db,
    );
    await sql`create index ${sql.id(`${table}_broker_id_idx`)} on ${sql.table(table)} (broker_id)
      where broker_id is not null`.execute(db);
  }

  // --- Identity ---------------------------------------------------------------------------------------
  await db.schema
    .createTable('users')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (column) => column.notNull().references('organisations.id'))
    .addColumn('email', 'text', (column) =>
      column
        .notNull()
        .unique()
        .check(sql`email = lower(email) and length(email) between 3 and 254`),
    )
    .addColumn('display_name', 'text', (column) =>
      column.notNull().check(sql`length(display_name) between 1 and 100`),
    )
    .addColumn('password_hash', 'text', (column) =>
      column.notNull().check(sql`password_hash like '$argon2id$%'`),
    )
    .addColumn('status', 'text', (column) => column.notNull().check(oneOf('status', ['active', 'disabled'])))
    .addColumn('failed_sign_ins', 'integer', (column) =>
      column
        .notNull()
        .defaultTo(0)
        .check(sql`failed_sign_ins >= 0`),
    )
    .addColumn('locked_until', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('user_seq', 'bigint', (column) => column.notNull().generatedAlwaysAsIdentity().unique())
    .execute();
  await db.schema.createIndex('users_tenant_id_idx').on('users').column('tenant_id').execute();

  await db.schema
    .createTable('permission_grant_requests')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (column) => column.notNull().references('organisations.id'))
    .addColumn('user_id', 'uuid', (column) => column.notNull().references('users.id'))
    .addColumn('role', 'text', (column) => column.notNull().check(oneOf('role', ROLES)))
    .addColumn('requested_by', 'uuid', (column) => column.notNull().references('users.id'))
    .addColumn('reason', 'text', (column) => column.notNull().check(sql`length(reason) between 10 and 1000`))
    .addColumn('duration_hours', 'integer', (column) =>
      column.notNull().check(sql`duration_hours between 1 and 2160`),
    )
    .addColumn('status', 'text', (column) =>
      column.notNull().check(oneOf('status', ['pending', 'approved', 'rejected'])),
    )
    .addColumn('decided_by', 'uuid', (column) => column.references('users.id'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decision_note', 'text')
    .addColumn('created_at', 'timestamptz', (column) => column.notNull())
    .addColumn('request_seq', 'bigint', (column) => column.notNull().generatedAlwaysAsIdentity().unique())
    // Separation of duties in the schema too: a decision is never by the person who asked.
    .addCheckConstraint(
      'permission_grant_requests_not_self_approved',
      sql`decided_by is distinct from requested_by`,
    )
    .addCheckConstraint(
      'permission_grant_requests_decision_complete',
      sql`(status = 'pending') = (decided_by is null and decided_at is null)`,
    )
    .execute();

  await db.schema
    .createTable('user_roles')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (column) => column.notNull().references('organisations.id'))
    .addColumn('user_id', 'uuid', (column) => column.notNull().references('users.id'))
    .addColumn('role', 'text', (column) => column.notNull().check(oneOf('role', ROLES)))
    .addColumn('granted_at', 'timestamptz', (column) => column.notNull())
    // Null for a standing role given when the account was created; a time-boxed grant always ends.
    .addColumn('expires_at', 'timestamptz')
    .addColumn('grant_request_id', 'uuid', (column) => column.references('permission_grant_requests.id'))
    .addCheckConstraint(
      'user_roles_grant_is_time_boxed',
      sql`(grant_request_id is null) or (expires_at is not null)`,
    )
    .execute();
  await db.schema.createIndex('user_roles_user_id_idx').on('user_roles').column('user_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (column) => column.notNull().references('organisations.id'))
    .addColumn('user_id', 'uuid', (column) => column.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (column) => column.notNull())
    .addColumn('expires_at', 'timestamptz', (column) => column.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('sessions_user_id_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (column) => column.primaryKey().check(sql`id ~ '^[0-9a-f]{16}$'`))
    .addColumn('tenant_id', 'uuid', (column) => column.notNull().references('organisations.id'))
    .addColumn('user_id', 'uuid', (column) => column.notNull().references('users.id'))
    .addColumn('name', 'text', (column) => column.notNull().check(sql`length(name) between 1 and 100`))
    .addColumn('scopes', sql`text[]`, (column) => column.notNull().check(sql`cardinality(scopes) >= 1`))
    .addColumn('secret_hash', 'text', (column) => column.notNull().check(sql`secret_hash ~ '^[0-9a-f]{64}$'`))
    .addColumn('created_at', 'timestamptz', (column) => column.notNull())
    .addColumn('expires_at', 'timestamptz', (column) => column.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('last_used_at', 'timestamptz')
    .execute();

  // Approvals for unmask, export, bulk query and break-glass (REQ-ACL-2).
  await db.schema
    .createTable('data_access_requests')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (column) => column.notNull().references('organisations.id'))
    .addColumn('requested_by', 'uuid', (column) => column.notNull().references('users.id'))
    .addColumn('action', 'text', (column) =>
      column.notNull().check(oneOf('action', ['unmask', 'export', 'bulk_query', 'break_glass'])),
    )
    .addColumn('object_type', 'text', (column) =>
      column.notNull().check(sql`length(object_type) between 1 and 50`),
    )
    .addColumn('object_id', 'text', (column) => column.check(sql`length(object_id) between 1 and 100`))
    .addColumn('reason', 'text', (column) => column.notNull().check(sql`length(reason) between 10 and 1000`))
    .addColumn('status', 'text', (column) =>
      column.notNull().check(oneOf('status', ['pending', 'approved', 'rejected'])),
    )
    .addColumn('decided_by', 'uuid', (column) => column.references('users.id'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decision_note', 'text')
    .addColumn('expires_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (column) => column.notNull())
    .addColumn('request_seq', 'bigint', (column) => column.notNull().generatedAlwaysAsIdentity().unique())
    .addCheckConstraint(
      'data_access_requests_not_self_approved',
      sql`decided_by is distinct from requested_by`,
    )
    .addCheckConstraint(
      'data_access_requests_decision_complete',
      sql`(status = 'pending') = (decided_by is null and decided_at is null)
        and (status = 'approved') = (expires_at is not null)`,
    )
    .execute();

  // --- Tamper-evident audit log ------------------------------------------------------------------------
  // Each row is an RFC 6962 Merkle leaf: leaf_hash = SHA-256(0x00 ‖ canonical JSON of the other columns).
  // Sequence numbers are dense (assigned under an advisory lock), so a deleted row shows as a gap.
  await db.schema
    .createTable('audit_log')
    .addColumn('sequence', 'bigint', (column) => column.primaryKey().check(sql`sequence >= 1`))
    .addColumn('recorded_at', 'timestamptz', (column) => column.notNull())
    .addColumn('record', 'jsonb', (column) => column.notNull().check(sql`jsonb_typeof(record) = 'object'`))
    .addColumn('tenant_id', 'uuid')
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (column) => column.notNull())
    .addColumn('object_type', 'text', (column) => column.notNull())
    .addColumn('object_id', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('result', 'text', (column) =>
      column.notNull().check(oneOf('result', ['success', 'denied', 'failed'])),
    )
    .addColumn('leaf_hash', 'text', (column) => column.notNull().check(sql`leaf_hash ~ '^[0-9a-f]{64}$'`))
    .execute();
  await sql`create index audit_log_tenant_id_sequence_idx on audit_log (tenant_id, sequence)`.execute(db);
  await sql`create index audit_log_subject_id_idx on audit_log (subject_id) where subject_id is not null`.execute(
    db,
  );
  await sql`create index audit_log_object_idx on audit_log (object_type, object_id)`.execute(db);
  await sql`
    create trigger audit_log_append_only
    before update or delete on audit_log
    for each row execute function refuse_change_to_append_only_table()`.execute(db);
  await sql`
    create trigger audit_log_no_truncate
    before truncate on audit_log
    for each statement execute function refuse_change_to_append_only_table()`.execute(db);

  // --- Row-Level Security --------------------------------------------------------------------------------
  // The role is cluster-wide, so another database on the same server may have created it already.
  await sql`
    do $$
    begin
      create role carapace_tenant nologin;
    exception when duplicate_object then null;
    end
    $$`.execute(db);
  await sql`grant carapace_tenant to current_user`.execute(db);
  await sql`revoke all on all tables in schema public from carapace_tenant`.execute(db);
  await sql`grant usage on schema public to carapace_tenant`.execute(db);
  await sql`grant usage on all sequences in schema public to carapace_tenant`.execute(db);
  for (const { table, visible, insertable, updatable } of TENANT_TABLES) {
    await sql`grant select, insert on ${sql.table(table)} to carapace_tenant`.execute(db);
    if (updatable.length > 0) {
      await sql`grant update (${sql.join(updatable.map((column) => sql.id(column)))}) on ${sql.table(table)} to carapace_tenant`.execute(
        db,
      );
    }
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql
      .raw(
        `create policy tenant_isolation on ${table} using (${visible})
      with check (${insertable ?? visible})`,
      )
      .execute(db);
  }
  // Auditors read their own tenant's entries; nobody in a tenant scope writes or changes them directly.
  await sql`grant select on audit_log to carapace_tenant`.execute(db);
  await sql`alter table audit_log enable row level security`.execute(db);
  await sql`create policy tenant_isolation on audit_log for select using (tenant_id = carapace_current_tenant())`.execute(
    db,
  );
  await sql`revoke update, delete, truncate on audit_log from public`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const { table } of TENANT_TABLES) {
    await sql`drop policy if exists tenant_isolation on ${sql.table(table)}`.execute(db);
    await sql`alter table ${sql.table(table)} disable row level security`.execute(db);
  }
  await db.schema.dropTable('audit_log').execute();
  await db.schema.dropTable('data_access_requests').execute();
  await db.schema.dropTable('api_tokens').execute();
  await db.schema.dropTable('sessions').execute();
  await db.schema.dropTable('user_roles').execute();
  await db.schema.dropTable('permission_grant_requests').execute();
  await db.schema.dropTable('users').execute();
  for (const table of ['submissions', 'quotes', 'policies']) {
    await sql`alter table ${sql.table(table)} drop column insurer_id, drop column broker_id`.execute(db);
  }
  await sql`alter table organisations drop column registered_by`.execute(db);
  await sql`revoke all on all tables in schema public from carapace_tenant`.execute(db);
  await sql`revoke all on all sequences in schema public from carapace_tenant`.execute(db);
  await sql`revoke usage on schema public from carapace_tenant`.execute(db);
  await sql`drop function carapace_current_tenant()`.execute(db);
}
