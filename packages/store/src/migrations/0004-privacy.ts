import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<unknown>: they describe the schema at their own point in history, not today's types.

/** A field ciphertext written by the application (`v1.A256GCM.…`); the database never sees plaintext. */
const CIPHERTEXT = /* sql */ `~ '^v1\\.A256GCM\\.'`;
/** A blind index: 16 bytes of truncated HMAC-SHA-256, as lowercase hex. */
const BLIND_INDEX = /* sql */ `~ '^[0-9a-f]{32}$'`;

/** Tables a tenant-scoped transaction may touch, with the Row-Level Security rule that keeps tenants apart. */
const PRIVACY_TABLES: readonly {
  readonly table: string;
  readonly visible: string;
  readonly insertable: string;
  readonly privileges: string;
}[] = [
  {
    table: 'data_subjects',
    // The insurer that holds the data, and the insured company whose contact person it is.
    visible: `carapace_current_tenant() in (tenant_id, organisation_id)`,
    insertable: `tenant_id = carapace_current_tenant()`,
    privileges: 'select, insert, update',
  },
  {
    table: 'legal_holds',
    visible: `tenant_id = carapace_current_tenant()`,
    insertable: `tenant_id = carapace_current_tenant()`,
    privileges: 'select, insert, update',
  },
  {
    table: 'subject_requests',
    visible: `tenant_id = carapace_current_tenant()`,
    insertable: `tenant_id = carapace_current_tenant()`,
    privileges: 'select, insert, update',
  },
  {
    table: 'destruction_orders',
    visible: `tenant_id = carapace_current_tenant()`,
    insertable: `tenant_id = carapace_current_tenant()`,
    privileges: 'select, insert, update',
  },
  {
    table: 'destructions',
    visible: `tenant_id = carapace_current_tenant()`,
    insertable: `tenant_id = carapace_current_tenant()`,
    privileges: 'select, insert',
  },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // --- Data subjects: natural persons whose data an insurer holds (PIPL art. 4) ----------------------------
  // Personal fields are encrypted in the application under the subject's own data key (crypto-shredding,
  // REQ-ENC-1/2); equality search goes through blind indexes under a separate key (REQ-ENC-4).
  await db.schema
    .createTable('data_subjects')
    .addColumn('id', 'uuid', (column) => column.primaryKey())
    .addColumn('tenant_id', 'uuid', (column) => column.notNull().references('organisations.id'))
    .addColumn('organisation_id', 'uuid', (column) => column.notNull().references('organisations.id'))
    .addColumn('kind', 'text', (column) => column.notNull().check(sql`kind in ('contact_person')`))
    .addColumn('name_ciphertext', 'text', (column) => column.check(sql.raw(`name_ciphertext ${CIPHERTEXT}`)))
    .addColumn('mobile_ciphertext', 'text', (column) =>
      column.check(sql.raw(`mobile_ciphertext ${CIPHERTEXT}`)),
    )
    .addColumn('id_number_ciphertext', 'text', (column) =>
      column.check(sql.raw(`id_number_ciphertext ${CIPHERTEXT}`)),
    )
    .addColumn('email_ciphertext', 'text', (column) =>
      column.check(sql.raw(`email_ciphertext ${CIPHERTEXT}`)),
    )
    .addColumn('mobile_index', 'text', (column) => column.check(sql.raw(`mobile_index ${BLIND_INDEX}`)))
    .addColumn('id_number_index', 'text', (column) => column.check(sql.raw(`id_number_index ${BLIND_INDEX}`)))
    .addColumn('status', 'text', (column) =>
      column.notNull().check(sql`status in ('active', 'restricted', 'erased')`),
    )
    .addColumn('created_at', 'timestamptz', (column) => column.notNull())
    .addColumn('erased_at', 'timestamptz')
    .addColumn('subject_seq', 'bigint', (column) => column.notNull().generatedAlwaysAsIdentity().unique())
    // An erased subject keeps no ciphertext and no index; a live one always has a name and a mobile.
    .addCheckConstraint(
      'data_subjects_erasure_complete',
      sql`(status = 'erased') = (erased_at is not null)
        and (status <> 'erased' or (name_ciphertext is null and mobile_ciphertext is null
          and id_number_ciphertext is null and email_ciphertext is null
          and mobile_index is null and id_number_index is null))
        and (status = 'erased' or (name_ciphertext is not null and mobile_ciphertext is not null
          and mobile_index is not null))`,
    )
    .addCheckConstraint(
      'data_subjects_id_number_indexed',
      sql`(id_number_ciphertext is null) = (id_number_index is null)`,
    )
    .execute();
  await sql`create index data_subjects_tenant_mobile_idx on data_subjects (tenant_id, mobile_index)
    where mobile_index is not null`.execute(db);
  await sql`create index data_subjects_tenant_id_number_idx on data_subjects (tenant_id, id_number_index)
    where id_number_index is not null`.execute(db);
  await sql`create index data_subjects_organisation_id_idx on data_subjects (organisation_id)`.execute(db);

  // --- Legal holds: storage-only restriction while the law requires keeping the data (PIPL art. 47) -------
  await db.schema
    .createTable('legal_holds')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (column) => column.notNull().references('organisations.id'))
    .addColumn('subject_id', 'uuid', (column) => column.notNull().references('data_subjects.id'))
    .addColumn('reason', 'text', (column) => column.notNull().check(sql`length(reason) between 10 and 1000`))
    .addColumn('placed_by', 'uuid', (column) => column.notNull().references('users.id'))
    .addColumn('placed_at', 'timestamptz', (column) => column.notNull())
    .addColumn('released_by', 'uuid', (column) => column.references('users.id'))
    .addColumn('released_at', 'timestamptz')
    .addCheckConstraint(
      'legal_holds_release_complete',
      sql`(released_by is null) = (released_at is null) and (released_at is null or released_at >= placed_at)`,
    )
    .execute();
  await sql`create index legal_holds_subject_id_idx on legal_holds (subject_id)`.execute(db);

  // --- Subject requests: access/copy, correction, deletion (PIPL arts. 45-47), answered in 30 days -------
  // The outcome note is about the handling, never a personal value.
  await db.schema
    .createTable('subject_requests')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (column) => column.notNull().references('organisations.id'))
    .addColumn('subject_id', 'uuid', (column) => column.notNull().references('data_subjects.id'))
    .addColumn('kind', 'text', (column) =>
      column.notNull().check(sql`kind in ('access', 'correction', 'deletion')`),
    )
    .addColumn('status', 'text', (column) =>
      column.notNull().check(sql`status in ('received', 'completed', 'refused')`),
    )
    .addColumn('received_at', 'timestamptz', (column) => column.notNull())
    .addColumn('due_at', 'timestamptz', (column) => column.notNull())
    .addColumn('requested_by', 'uuid', (column) => column.notNull().references('users.id'))
    .addColumn('completed_by', 'uuid', (column) => column.references('users.id'))
    .addColumn('completed_at', 'timestamptz')
    .addColumn('outcome_note', 'text', (column) => column.check(sql`length(outcome_note) between 1 and 1000`))
    .addColumn('request_seq', 'bigint', (column) => column.notNull().generatedAlwaysAsIdentity().unique())
    // GB/T 35273-2020 §8.7: answer within 30 days.
    // 720 hours, not '30 days': a calendar-day interval follows the session's time zone and moves by an hour
    // across a daylight-saving change, while the domain adds 30 × 24 h.
    .addCheckConstraint('subject_requests_due_in_30_days', sql`due_at = received_at + interval '720 hours'`)
    .addCheckConstraint(
      'subject_requests_completion_complete',
      sql`(status = 'received') = (completed_by is null and completed_at is null)`,
    )
    .execute();
  await sql`create index subject_requests_tenant_status_idx on subject_requests (tenant_id, status, due_at)`.execute(
    db,
  );
  await sql`create index subject_requests_subject_id_idx on subject_requests (subject_id)`.execute(db);

  // --- Supervised destruction (监销, JR/T 0171 §7): ordered by one person, confirmed by a witness ---------
  await db.schema
    .createTable('destruction_orders')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (column) => column.notNull().references('organisations.id'))
    .addColumn('subject_id', 'uuid', (column) => column.notNull().references('data_subjects.id'))
    .addColumn('subject_request_id', 'uuid', (column) =>
      column.notNull().unique().references('subject_requests.id'),
    )
    .addColumn('requested_by', 'uuid', (column) => column.notNull().references('users.id'))
    .addColumn('ordered_by', 'uuid', (column) => column.notNull().references('users.id'))
    .addColumn('witness_id', 'uuid', (column) => column.notNull().references('users.id'))
    .addColumn('status', 'text', (column) => column.notNull().check(sql`status in ('pending', 'confirmed')`))
    .addColumn('ordered_at', 'timestamptz', (column) => column.notNull())
    .addColumn('confirmed_at', 'timestamptz')
    .addCheckConstraint(
      'destruction_orders_three_people',
      sql`ordered_by <> requested_by and witness_id <> requested_by and witness_id <> ordered_by`,
    )
    .addCheckConstraint(
      'destruction_orders_confirmation_complete',
      sql`(status = 'confirmed') = (confirmed_at is not null)`,
    )
    .execute();

  // REQ-DEL-2: what, whose, who asked, who approved and executed, who witnessed, how, when, verified.
  await db.schema
    .createTable('destructions')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (column) => column.notNull().references('organisations.id'))
    .addColumn('subject_id', 'uuid', (column) => column.notNull().unique().references('data_subjects.id'))
    .addColumn('subject_request_id', 'uuid', (column) => column.notNull().references('subject_requests.id'))
    .addColumn('requested_by', 'uuid', (column) => column.notNull().references('users.id'))
    .addColumn('approved_by', 'uuid', (column) => column.notNull().references('users.id'))
    .addColumn('witnessed_by', 'uuid', (column) => column.notNull().references('users.id'))
    .addColumn('method', 'text', (column) => column.notNull().check(sql`method in ('crypto_shredding')`))
    .addColumn('data_key_id', 'text')
    .addColumn('destroyed_at', 'timestamptz', (column) => column.notNull())
    .addColumn('verification', 'jsonb', (column) =>
      column.notNull().check(sql`jsonb_typeof(verification) = 'object'`),
    )
    .addCheckConstraint(
      'destructions_three_people',
      sql`approved_by <> requested_by and witnessed_by <> requested_by and witnessed_by <> approved_by`,
    )
    .execute();
  await sql`
    create trigger destructions_append_only
    before update or delete on destructions
    for each row execute function refuse_change_to_append_only_table()`.execute(db);
  await sql`
    create trigger destructions_no_truncate
    before truncate on destructions
    for each statement execute function refuse_change_to_append_only_table()`.execute(db);

  // --- Row-Level Security, as for the tables of 0003 ---------------------------------------------------
  for (const { table, visible, insertable, privileges } of PRIVACY_TABLES) {
    await sql.raw(`grant ${privileges} on ${table} to carapace_tenant`).execute(db);
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql
      .raw(`create policy tenant_isolation on ${table} using (${visible}) with check (${insertable})`)
      .execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'destructions',
    'destruction_orders',
    'subject_requests',
    'legal_holds',
    'data_subjects',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
